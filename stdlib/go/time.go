package time

import "errors"

// A Duration represents the elapsed time between two instants as an int64
// nanosecond count.
type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// String returns a string representing the duration in the form "72h3m0.5s".
func (d Duration) String() string

// Nanoseconds returns the duration as an integer nanosecond count.
func (d Duration) Nanoseconds() int64 { return int64(d) }

// Microseconds returns the duration as an integer microsecond count.
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }

// Milliseconds returns the duration as an integer millisecond count.
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

// Seconds returns the duration as a floating point number of seconds.
func (d Duration) Seconds() float64 {
	sec := d / Second
	nsec := d % Second
	return float64(sec) + float64(nsec)/1e9
}

// Minutes returns the duration as a floating point number of minutes.
func (d Duration) Minutes() float64 {
	min := d / Minute
	nsec := d % Minute
	return float64(min) + float64(nsec)/(60*1e9)
}

// Hours returns the duration as a floating point number of hours.
func (d Duration) Hours() float64 {
	hour := d / Hour
	nsec := d % Hour
	return float64(hour) + float64(nsec)/(60*60*1e9)
}

// Truncate returns the result of rounding d toward zero to a multiple of m.
func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Round returns the result of rounding d to the nearest multiple of m.
func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d < 0 {
		r = -r
		if r+r < m {
			return d + r
		}
		return d - m + r
	}
	if r+r < m {
		return d - r
	}
	return d + m - r
}

// Abs returns the absolute value of d.
func (d Duration) Abs() Duration {
	if d >= 0 {
		return d
	}
	return -d
}

// A Month specifies a month of the year (January = 1, ...).
type Month int

const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// String returns the English name of the month ("January", "February", ...).
func (m Month) String() string {
	if m >= January && m <= December {
		return monthNames[m-1]
	}
	return "%!Month(" + itoa(int(m)) + ")"
}

// A Weekday specifies a day of the week (Sunday = 0, ...).
type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var dayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// String returns the English name of the day ("Sunday", "Monday", ...).
func (d Weekday) String() string {
	if d >= Sunday && d <= Saturday {
		return dayNames[d]
	}
	return "%!Weekday(" + itoa(int(d)) + ")"
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	s := ""
	for i > 0 {
		s = string(rune('0'+i%10)) + s
		i /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}

// A Location maps time instants to the zone in use at that time. csp knows
// UTC, Local (the process's zone) and fixed zones (FixedZone, and the
// offsets Parse reads); LoadLocation knows no zone database.
type Location struct {
	name   string
	offset int // seconds east of UTC, for a fixed zone
	fixed  bool
}

// String returns a descriptive name for the time zone information.
func (l *Location) String() string {
	if l == nil {
		return "UTC"
	}
	return l.name
}

// UTC represents Universal Coordinated Time (UTC).
var UTC *Location = &Location{name: "UTC"}

// Local represents the system's local time zone.
var Local *Location = &Location{name: "Local"}

// FixedZone returns a Location that always uses the given zone name and
// offset (seconds east of UTC).
func FixedZone(name string, offset int) *Location {
	return &Location{name: name, offset: offset, fixed: true}
}

// LoadLocation returns the Location with the given name: "" and "UTC" give
// UTC, "Local" gives Local; csp carries no zone database, so any other
// name is an unknown time zone.
func LoadLocation(name string) (*Location, error) {
	switch name {
	case "", "UTC":
		return UTC, nil
	case "Local":
		return Local, nil
	}
	return nil, errors.New("unknown time zone " + name)
}

// locCode is a Time's loc field for l.
func locCode(l *Location) int {
	switch {
	case l == UTC:
		return 2
	case l.fixed:
		return 3
	}
	return 1
}

// A Time represents an instant in time with nanosecond precision, as Go's
// does: seconds since January 1, year 1 00:00:00 UTC (so the zero value is
// the zero Time) and nanoseconds within the second, a monotonic clock
// reading (0 when absent) used for Sub, Since and Until, and the zone it
// is shown in (0 or 2: UTC, 1: Local, 3: the fixed zone in zone).
type Time struct {
	sec  int64
	nsec int64
	mono int64
	loc  int
	zone *Location
}

// unixToInternal is the number of seconds between year 1 and 1970.
const unixToInternal int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * 86400

// unixSec is t's Unix time in seconds.
func (t Time) unixSec() int64 { return t.sec - unixToInternal }

// zoneArgs are the offset and name of a fixed zone, for the natives.
func (t Time) zoneArgs() (int, string) {
	if t.loc == 3 {
		return t.zone.offset, t.zone.name
	}
	return 0, ""
}

func now() (wall int64, mono int64)

// Now returns the current local time.
func Now() Time {
	w, m := now()
	return Time{w/1e9 + unixToInternal, w % 1e9, m, 1, nil}
}

// Unix returns the local Time corresponding to the given Unix time, sec
// seconds and nsec nanoseconds since January 1, 1970 UTC (nsec outside
// [0, 999999999] is normalized).
func Unix(sec int64, nsec int64) Time {
	if nsec < 0 || nsec >= 1e9 {
		n := nsec / 1e9
		sec += n
		nsec -= n * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	return Time{sec + unixToInternal, nsec, 0, 1, nil}
}

// UnixMilli returns the local Time corresponding to the given Unix time in
// milliseconds.
func UnixMilli(msec int64) Time { return Unix(msec/1e3, (msec%1e3)*1e6) }

// UnixMicro returns the local Time corresponding to the given Unix time in
// microseconds.
func UnixMicro(usec int64) Time { return Unix(usec/1e6, (usec%1e6)*1e3) }

// date is the Unix time of a (normalized) date and clock in UTC or in the
// local zone.
func date(year, month, day, hour, min, sec int, utc bool) int64

// Date returns the Time corresponding to yyyy-mm-dd hh:mm:ss + nsec
// nanoseconds in the given location; out-of-range values are normalized
// (October 32 is November 1).
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Date")
	}
	// Carry whole seconds out of nsec first.
	if nsec < 0 || nsec >= 1e9 {
		n := nsec / 1e9
		sec += n
		nsec -= n * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	if loc.fixed {
		u := date(year, int(month), day, hour, min, sec, true)
		return Time{u - int64(loc.offset) + unixToInternal, int64(nsec), 0, 3, loc}
	}
	u := date(year, int(month), day, hour, min, sec, loc == UTC)
	return Time{u + unixToInternal, int64(nsec), 0, locCode(loc), nil}
}

// UTC returns t with the location set to UTC (and no monotonic reading).
func (t Time) UTC() Time { return Time{t.sec, t.nsec, 0, 2, nil} }

// Local returns t with the location set to local time.
func (t Time) Local() Time { return Time{t.sec, t.nsec, 0, 1, nil} }

// In returns a copy of t representing the same time instant in loc.
func (t Time) In(loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Time.In")
	}
	if loc == UTC {
		return t.UTC()
	}
	if loc.fixed {
		return Time{t.sec, t.nsec, 0, 3, loc}
	}
	return t.Local()
}

// Location returns the time zone information associated with t.
func (t Time) Location() *Location {
	if t.loc == 3 {
		return t.zone
	}
	if t.loc == 1 {
		return Local
	}
	return UTC
}

const (
	minDuration Duration = -1 << 63
	maxDuration Duration = 1<<63 - 1
)

// Sub returns the duration t-u, saturating at the extreme Durations.
func (t Time) Sub(u Time) Duration {
	if t.mono != 0 && u.mono != 0 {
		return Duration(t.mono - u.mono)
	}
	d := Duration(t.sec-u.sec)*Second + Duration(t.nsec-u.nsec)
	// Check for overflow or underflow.
	switch {
	case u.Add(d).Equal(t):
		return d
	case t.Before(u):
		return minDuration
	default:
		return maxDuration
	}
}

// Add returns the time t+d.
func (t Time) Add(d Duration) Time {
	dsec := int64(d / 1e9)
	nsec := t.nsec + int64(d%1e9)
	if nsec >= 1e9 {
		dsec++
		nsec -= 1e9
	} else if nsec < 0 {
		dsec--
		nsec += 1e9
	}
	m := t.mono
	if m != 0 {
		m += int64(d)
		if m == 0 {
			m = 1
		}
	}
	return Time{t.sec + dsec, nsec, m, t.loc, t.zone}
}

// Since returns the time elapsed since t.
func Since(t Time) Duration { return Now().Sub(t) }

// Until returns the duration until t.
func Until(t Time) Duration { return t.Sub(Now()) }

// Before reports whether the time instant t is before u.
func (t Time) Before(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono < u.mono
	}
	return t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec
}

// After reports whether the time instant t is after u.
func (t Time) After(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono > u.mono
	}
	return t.sec > u.sec || t.sec == u.sec && t.nsec > u.nsec
}

// Equal reports whether t and u represent the same time instant.
func (t Time) Equal(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono == u.mono
	}
	return t.sec == u.sec && t.nsec == u.nsec
}

// Compare compares t and u: -1, 0 or +1.
func (t Time) Compare(u Time) int {
	if t.Before(u) {
		return -1
	}
	if t.After(u) {
		return 1
	}
	return 0
}

// IsZero reports whether t represents the zero time instant, January 1,
// year 1, 00:00:00 UTC.
func (t Time) IsZero() bool { return t.sec == 0 && t.nsec == 0 }

// Unix returns t as a Unix time, the number of seconds since 1970.
func (t Time) Unix() int64 { return t.unixSec() }

// UnixNano returns t as a Unix time in nanoseconds.
func (t Time) UnixNano() int64 { return t.unixSec()*1e9 + t.nsec }

// UnixMilli returns t as a Unix time in milliseconds.
func (t Time) UnixMilli() int64 { return t.unixSec()*1e3 + t.nsec/1e6 }

// UnixMicro returns t as a Unix time in microseconds.
func (t Time) UnixMicro() int64 { return t.unixSec()*1e6 + t.nsec/1e3 }

// Nanosecond returns the nanosecond offset within the second.
func (t Time) Nanosecond() int { return int(t.nsec) }

// mulmod is a*b mod m for a, b < m, without overflowing.
func mulmod(a, b, m uint64) uint64 {
	var r uint64
	for b > 0 {
		if b&1 != 0 {
			r += a
			if r >= m {
				r -= m
			}
		}
		a += a
		if a >= m {
			a -= m
		}
		b >>= 1
	}
	return r
}

// rem is t's remainder after division by d (d > 0), counting from the
// zero Time, as Go's Round and Truncate do.
func (t Time) rem(d Duration) Duration {
	if d%Second == 0 {
		d1 := int64(d / Second)
		return Duration(t.sec%d1)*Second + Duration(t.nsec)
	}
	m := uint64(d)
	r := mulmod(uint64(t.sec)%m, uint64(1e9)%m, m) + uint64(t.nsec)%m
	return Duration(r % m)
}

// Round returns t rounded to the nearest multiple of d since the zero
// time (halfway values round up); for d <= 0 it only strips the
// monotonic reading.
func (t Time) Round(d Duration) Time {
	t.mono = 0
	if d <= 0 {
		return t
	}
	r := t.rem(d)
	if uint64(r)+uint64(r) < uint64(d) {
		return t.Add(-r)
	}
	return t.Add(d - r)
}

// Truncate returns t rounded down to a multiple of d since the zero time;
// for d <= 0 it only strips the monotonic reading.
func (t Time) Truncate(d Duration) Time {
	t.mono = 0
	if d <= 0 {
		return t
	}
	return t.Add(-t.rem(d))
}

func fields(unix int64, loc int, off int) (year, month, day, hour, min, sec, wday, yday int)

// fields breaks t down in its zone.
func (t Time) fields() (year, month, day, hour, min, sec, wday, yday int) {
	off, _ := t.zoneArgs()
	return fields(t.unixSec(), t.loc, off)
}

// Date returns the year, month, and day in which t occurs (local time).
func (t Time) Date() (year int, month Month, day int) {
	y, m, d, _, _, _, _, _ := t.fields()
	return y, Month(m), d
}

// Year returns the year in which t occurs.
func (t Time) Year() int { y, _, _ := t.Date(); return y }

// Month returns the month of the year specified by t.
func (t Time) Month() Month { _, m, _ := t.Date(); return m }

// Day returns the day of the month specified by t.
func (t Time) Day() int { _, _, d := t.Date(); return d }

// Hour returns the hour within the day specified by t, in [0, 23].
func (t Time) Hour() int { _, _, _, h, _, _, _, _ := t.fields(); return h }

// Minute returns the minute offset within the hour specified by t.
func (t Time) Minute() int { _, _, _, _, m, _, _, _ := t.fields(); return m }

// Second returns the second offset within the minute specified by t.
func (t Time) Second() int { _, _, _, _, _, s, _, _ := t.fields(); return s }

// Weekday returns the day of the week specified by t.
func (t Time) Weekday() Weekday { _, _, _, _, _, _, w, _ := t.fields(); return Weekday(w) }

// YearDay returns the day of the year specified by t, in [1, 365] or [1, 366].
func (t Time) YearDay() int { _, _, _, _, _, _, _, y := t.fields(); return y }

// String returns the time formatted as Go does:
// "2006-01-02 15:04:05.999999999 -0700 MST m=+0.000000001".
func (t Time) String() string {
	off, name := t.zoneArgs()
	return timeString(t.unixSec(), t.nsec, t.mono, t.loc, off, name)
}

func timeString(unix, nsec, mono int64, loc int, off int, name string) string
func format(unix, nsec int64, loc int, off int, name string, layout string) string

// Format returns a textual representation of the time value formatted
// according to the layout (Go's reference-time layouts).
func (t Time) Format(layout string) string {
	off, name := t.zoneArgs()
	return format(t.unixSec(), t.nsec, t.loc, off, name, layout)
}

// AppendFormat is like Format but appends the textual representation to b.
func (t Time) AppendFormat(b []byte, layout string) []byte {
	return append(b, t.Format(layout)...)
}

// Clock returns the hour, minute, and second within the day specified by t.
func (t Time) Clock() (hour, min, sec int) {
	_, _, _, hour, min, sec, _, _ = t.fields()
	return
}

// Zone computes the time zone in effect at time t, returning its
// abbreviated name and offset in seconds east of UTC.
func (t Time) Zone() (name string, offset int) {
	switch t.loc {
	case 0, 2:
		return "UTC", 0
	case 3:
		return t.zone.name, t.zone.offset
	}
	off, n := localZone(t.unixSec())
	return n, off
}

// localZone is the process's zone offset and abbreviation at a Unix time.
func localZone(unix int64) (int, string)

// AddDate returns the time corresponding to adding the given number of
// years, months, and days to t, normalized as Date does (Oct 32 is Nov 1).
func (t Time) AddDate(years int, months int, days int) Time {
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	return Date(year+years, month+Month(months), day+days, hour, min, sec, t.Nanosecond(), t.Location())
}

// ISOWeek returns the ISO 8601 year and week number in which t occurs.
func (t Time) ISOWeek() (year, week int) {
	// The week's Thursday decides its year: shift to it.
	wd := int(t.Weekday())
	d := 4 - wd
	if wd == 0 {
		d = -3
	}
	u := t.AddDate(0, 0, d)
	return u.Year(), (u.YearDay()-1)/7 + 1
}

// Layouts understood by Format.
const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	UnixDate    = "Mon Jan _2 15:04:05 MST 2006"
	RFC822      = "02 Jan 06 15:04 MST"
	RFC822Z     = "02 Jan 06 15:04 -0700"
	RFC850      = "Monday, 02-Jan-06 15:04:05 MST"
	RFC1123     = "Mon, 02 Jan 2006 15:04:05 MST"
	RFC1123Z    = "Mon, 02 Jan 2006 15:04:05 -0700"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	Stamp       = "Jan _2 15:04:05"
	StampMilli  = "Jan _2 15:04:05.000"
	StampMicro  = "Jan _2 15:04:05.000000"
	StampNano   = "Jan _2 15:04:05.000000000"
	DateTime    = "2006-01-02 15:04:05"
	DateOnly    = "2006-01-02"
	TimeOnly    = "15:04:05"
)

// Sleep pauses the current goroutine for at least the duration d.
func Sleep(d Duration)

// startTimer arms a runtime timer: after d (then every period when
// period > 0) it sends the time on c without blocking, or starts f in its
// own goroutine when c is nil. Returns the runtime timer's handle.
func startTimer(c chan Time, d Duration, period Duration, f func()) uintptr
func stopTimer(r uintptr) bool
func resetTimer(r uintptr, d Duration, period Duration) bool

// The Timer type represents a single event. When the Timer expires, the
// current time will be sent on C, unless the Timer was created by
// AfterFunc.
type Timer struct {
	C <-chan Time
	r uintptr
}

// NewTimer creates a new Timer that will send the current time on its
// channel after at least duration d.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	return &Timer{C: c, r: startTimer(c, d, 0, nil)}
}

// Stop prevents the Timer from firing. It returns true if the call stops
// the timer, false if the timer has already expired or been stopped.
func (t *Timer) Stop() bool {
	if t.r == 0 {
		panic("time: Stop called on uninitialized Timer")
	}
	return stopTimer(t.r)
}

// Reset changes the timer to expire after duration d. It returns true if
// the timer had been active.
func (t *Timer) Reset(d Duration) bool {
	if t.r == 0 {
		panic("time: Reset called on uninitialized Timer")
	}
	return resetTimer(t.r, d, 0)
}

// AfterFunc waits for the duration to elapse and then calls f in its own
// goroutine. It returns a Timer that can be used to cancel the call.
func AfterFunc(d Duration, f func()) *Timer {
	return &Timer{r: startTimer(nil, d, 0, f)}
}

// After waits for the duration to elapse and then sends the current time
// on the returned channel.
func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

// A Ticker holds a channel that delivers “ticks” of a clock at intervals.
type Ticker struct {
	C <-chan Time
	r uintptr
}

// NewTicker returns a new Ticker containing a channel that will send the
// current time on the channel after each tick.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic("non-positive interval for NewTicker")
	}
	c := make(chan Time, 1)
	return &Ticker{C: c, r: startTimer(c, d, d, nil)}
}

// Stop turns off a ticker. Stop does not close the channel.
func (t *Ticker) Stop() {
	if t.r != 0 {
		stopTimer(t.r)
	}
}

// Reset stops a ticker and resets its period to the specified duration.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	if t.r == 0 {
		panic("time: Reset called on uninitialized Ticker")
	}
	resetTimer(t.r, d, d)
}

// Tick is a convenience wrapper for NewTicker providing access to the
// ticking channel only.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}

// ParseDuration parses a duration string such as "300ms", "-1.5h" or
// "2h45m".
func ParseDuration(s string) (Duration, error) {
	d, msg := parseDuration(s)
	if msg != "" {
		return 0, errors.New(msg)
	}
	return d, nil
}

func parseDuration(s string) (Duration, string)

// ---- Parse: Go's layout language read backwards ----

// ParseError describes a problem parsing a time string.
type ParseError struct {
	Layout     string
	Value      string
	LayoutElem string
	ValueElem  string
	Message    string
}

// quote is strconv.Quote for the ASCII texts of parse errors (time must
// not import strconv).
func quote(s string) string {
	buf := make([]byte, 1, len(s)+2)
	buf[0] = '"'
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < ' ' {
			// Go escapes bytes of invalid or control characters as \x.
			const hex = "0123456789abcdef"
			if c < ' ' || c >= 0x80 && !validRuneAt(s, i) {
				buf = append(buf, '\\', 'x', hex[c>>4], hex[c&0xF])
				continue
			}
		}
		if c == '"' || c == '\\' {
			buf = append(buf, '\\')
		}
		buf = append(buf, c)
	}
	return string(append(buf, '"'))
}

// validRuneAt reports whether the byte at i belongs to a valid UTF-8
// sequence (a rough check sufficient for error texts).
func validRuneAt(s string, i int) bool {
	for _, r := range s[i:] {
		return r != 0xFFFD
	}
	return false
}

func (e *ParseError) Error() string {
	if e.Message == "" {
		return "parsing time " + quote(e.Value) + " as " + quote(e.Layout) +
			": cannot parse " + quote(e.ValueElem) + " as " + quote(e.LayoutElem)
	}
	return "parsing time " + quote(e.Value) + e.Message
}

// parseEngine reads value by layout (see time.c): the fields, the zone
// the value named (zoneOffset -1 for none), or the ParseError's texts.
func parseEngine(layout, value string) (year, month, day, hour, min, sec, nsec, zoneOffset int,
	zoneName string, zoneUTC bool, layoutElem, valueElem, message string, ok bool)

func daysIn(m Month, year int) int {
	if m == February {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31 - int(m-1)%7%2
}

// Parse parses a formatted string and returns the time value it
// represents, the layout defining the format by showing how the reference
// time, Mon Jan 2 15:04:05 -0700 MST 2006, would be shown. A time
// without a zone is UTC.
func Parse(layout, value string) (Time, error) {
	return parse(layout, value, UTC, Local)
}

// ParseInLocation is like Parse but interprets a time without zone
// information in the given location.
func ParseInLocation(layout, value string, loc *Location) (Time, error) {
	if loc == nil {
		panic("time: missing Location in call to ParseInLocation")
	}
	return parse(layout, value, loc, loc)
}

func parse(layout, value string, defaultLocation, local *Location) (Time, error) {
	year, month, day, hour, min, sec, nsec, zoneOffset, zoneName, zoneUTC, le, ve, msg, ok := parseEngine(layout, value)
	if !ok {
		return Time{}, &ParseError{layout, value, le, ve, msg}
	}
	if zoneUTC {
		return Date(year, Month(month), day, hour, min, sec, nsec, UTC), nil
	}
	if zoneOffset != -1 {
		t := Date(year, Month(month), day, hour, min, sec, nsec, UTC)
		t.sec -= int64(zoneOffset)
		// A local zone with this offset at that time is used, else a
		// fixed zone records the offset.
		if local == Local {
			if off, name := localZone(t.unixSec()); off == zoneOffset && (zoneName == "" || name == zoneName) {
				return t.Local(), nil
			}
		}
		return t.In(FixedZone(zoneName, zoneOffset)), nil
	}
	if zoneName != "" {
		t := Date(year, Month(month), day, hour, min, sec, nsec, UTC)
		if local == Local {
			if off, name := localZone(t.unixSec()); name == zoneName {
				t.sec -= int64(off)
				return t.Local(), nil
			}
		}
		offset := 0
		if len(zoneName) > 3 && zoneName[:3] == "GMT" {
			offset = atoi(zoneName[3:]) * 3600
		}
		t.sec -= int64(offset)
		return t.In(FixedZone(zoneName, offset)), nil
	}
	return Date(year, Month(month), day, hour, min, sec, nsec, defaultLocation), nil
}

// atoi reads a signed decimal (the hours of a GMT+n zone).
func atoi(s string) int {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	x := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		x = x*10 + int(s[i]-'0')
	}
	if neg {
		x = -x
	}
	return x
}

// MarshalJSON gives t as a quoted RFC 3339 string with sub-second
// precision (what encoding/json calls for a Time).
func (t Time) MarshalJSON() ([]byte, error) {
	if y := t.Year(); y < 0 || y >= 10000 {
		return nil, errors.New("Time.MarshalJSON: year outside of range [0,9999]")
	}
	b := make([]byte, 0, len(RFC3339Nano)+2)
	b = append(b, '"')
	b = t.AppendFormat(b, RFC3339Nano)
	b = append(b, '"')
	return b, nil
}

// UnmarshalJSON reads a quoted RFC 3339 string; null leaves t alone.
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return errors.New("Time.UnmarshalJSON: input is not a JSON string")
	}
	var err error
	*t, err = Parse(RFC3339, string(data[1:len(data)-1]))
	return err
}

// MarshalText gives t in RFC 3339 with sub-second precision.
func (t Time) MarshalText() ([]byte, error) {
	if y := t.Year(); y < 0 || y >= 10000 {
		return nil, errors.New("Time.MarshalText: year outside of range [0,9999]")
	}
	return t.AppendFormat(make([]byte, 0, len(RFC3339Nano)), RFC3339Nano), nil
}

// UnmarshalText reads an RFC 3339 time.
func (t *Time) UnmarshalText(data []byte) error {
	var err error
	*t, err = Parse(RFC3339, string(data))
	return err
}
