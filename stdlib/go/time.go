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
// two: UTC and Local (the process's zone).
type Location struct {
	name string
}

// String returns a descriptive name for the time zone information.
func (l *Location) String() string {
	if l == nil {
		return "UTC"
	}
	return l.name
}

// UTC represents Universal Coordinated Time (UTC).
var UTC *Location = &Location{"UTC"}

// Local represents the system's local time zone.
var Local *Location = &Location{"Local"}

// A Time represents an instant in time with nanosecond precision: wall
// clock nanoseconds since the Unix epoch, a monotonic clock reading (0 when
// absent) used for Sub, Since and Until, and the zone it is shown in
// (0: the zero Time, 1: Local, 2: UTC).
type Time struct {
	wall int64
	mono int64
	loc  int
}

func now() (wall int64, mono int64)

// Now returns the current local time.
func Now() Time {
	w, m := now()
	return Time{w, m, 1}
}

// Unix returns the local Time corresponding to the given Unix time.
func Unix(sec int64, nsec int64) Time {
	return Time{sec*1e9 + nsec, 0, 1}
}

// UnixMilli returns the local Time corresponding to the given Unix time in
// milliseconds.
func UnixMilli(msec int64) Time { return Time{msec * 1e6, 0, 1} }

func date(year, month, day, hour, min, sec, nsec int, utc bool) int64

// Date returns the Time corresponding to yyyy-mm-dd hh:mm:ss + nsec
// nanoseconds in the given location (UTC or Local).
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Date")
	}
	utc := loc == UTC
	l := 1
	if utc {
		l = 2
	}
	return Time{date(year, int(month), day, hour, min, sec, nsec, utc), 0, l}
}

// UTC returns t with the location set to UTC (and no monotonic reading).
func (t Time) UTC() Time { return Time{t.wall, 0, 2} }

// Local returns t with the location set to local time.
func (t Time) Local() Time { return Time{t.wall, 0, 1} }

// In returns a copy of t representing the same time instant in loc.
func (t Time) In(loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Time.In")
	}
	if loc == UTC {
		return t.UTC()
	}
	return t.Local()
}

// Location returns the time zone information associated with t.
func (t Time) Location() *Location {
	if t.loc == 1 {
		return Local
	}
	return UTC
}

// Sub returns the duration t-u.
func (t Time) Sub(u Time) Duration {
	if t.mono != 0 && u.mono != 0 {
		return Duration(t.mono - u.mono)
	}
	return Duration(t.wall - u.wall)
}

// Add returns the time t+d.
func (t Time) Add(d Duration) Time {
	m := t.mono
	if m != 0 {
		m += int64(d)
		if m == 0 {
			m = 1
		}
	}
	return Time{t.wall + int64(d), m, t.loc}
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
	return t.wall < u.wall
}

// After reports whether the time instant t is after u.
func (t Time) After(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono > u.mono
	}
	return t.wall > u.wall
}

// Equal reports whether t and u represent the same time instant.
func (t Time) Equal(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono == u.mono
	}
	return t.wall == u.wall
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

// IsZero reports whether t represents the zero time instant.
func (t Time) IsZero() bool { return t.loc == 0 && t.wall == 0 }

// Unix returns t as a Unix time, the number of seconds since 1970.
func (t Time) Unix() int64 {
	if t.wall < 0 && t.wall%1e9 != 0 {
		return t.wall/1e9 - 1
	}
	return t.wall / 1e9
}

// UnixNano returns t as a Unix time in nanoseconds.
func (t Time) UnixNano() int64 { return t.wall }

// UnixMilli returns t as a Unix time in milliseconds.
func (t Time) UnixMilli() int64 { return t.wall / 1e6 }

// UnixMicro returns t as a Unix time in microseconds.
func (t Time) UnixMicro() int64 { return t.wall / 1e3 }

// Nanosecond returns the nanosecond offset within the second.
func (t Time) Nanosecond() int {
	n := t.wall % 1e9
	if n < 0 {
		n += 1e9
	}
	return int(n)
}

// Round returns t rounded to the nearest multiple of d (halfway values
// round up); for d <= 0 it only strips the monotonic reading.
func (t Time) Round(d Duration) Time {
	if d <= 0 {
		return Time{t.wall, 0, t.loc}
	}
	r := t.wall % int64(d)
	if r < 0 {
		r += int64(d)
	}
	if r+r < int64(d) {
		return Time{t.wall - r, 0, t.loc}
	}
	return Time{t.wall + int64(d) - r, 0, t.loc}
}

// Truncate returns t rounded down to a multiple of d; for d <= 0 it only
// strips the monotonic reading.
func (t Time) Truncate(d Duration) Time {
	if d <= 0 {
		return Time{t.wall, 0, t.loc}
	}
	r := t.wall % int64(d)
	if r < 0 {
		r += int64(d)
	}
	return Time{t.wall - r, 0, t.loc}
}

func (t Time) fields() (year, month, day, hour, min, sec, wday, yday int)

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
func (t Time) String() string

// Format returns a textual representation of the time value formatted
// according to the layout (Go's reference-time layouts).
func (t Time) Format(layout string) string

// Layouts understood by Format.
const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	UnixDate    = "Mon Jan _2 15:04:05 MST 2006"
	RFC822      = "02 Jan 06 15:04 MST"
	RFC1123     = "Mon, 02 Jan 2006 15:04:05 MST"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	Stamp       = "Jan _2 15:04:05"
	StampMilli  = "Jan _2 15:04:05.000"
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
