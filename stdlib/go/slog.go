package slog

// Package slog: Go's log/slog, structured logging: Logger, Level, Attr,
// Value, Record, the Handler interface with TextHandler and JSONHandler,
// HandlerOptions (Level, ReplaceAttr), groups, and the default logger that
// writes through package log. Any values that Go would encode with
// encoding/json (which csp lacks) are written with fmt's %+v.

import (
	"context"
	"fmt"
	"io"
	"log"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Keys for "built-in" attributes.
const (
	TimeKey    = "time"
	LevelKey   = "level"
	MessageKey = "msg"
	SourceKey  = "source"
)

// A Level is the importance or severity of a log event.
type Level int

const (
	LevelDebug Level = -4
	LevelInfo  Level = 0
	LevelWarn  Level = 4
	LevelError Level = 8
)

// String returns a name for the level, with an offset from the nearest
// named level below it ("WARN+2").
func (l Level) String() string {
	str := func(base string, val Level) string {
		if val == 0 {
			return base
		}
		return fmt.Sprintf("%s%+d", base, val)
	}
	switch {
	case l < LevelInfo:
		return str("DEBUG", l-LevelDebug)
	case l < LevelWarn:
		return str("INFO", l-LevelInfo)
	case l < LevelError:
		return str("WARN", l-LevelWarn)
	default:
		return str("ERROR", l-LevelError)
	}
}

// Level returns the receiver, so a Level is a Leveler.
func (l Level) Level() Level { return l }

// A Leveler provides a Level value.
type Leveler interface {
	Level() Level
}

// A LevelVar is a Level variable, to allow a Handler level to change
// dynamically.
type LevelVar struct {
	mu  sync.Mutex
	val Level
}

func (v *LevelVar) Level() Level {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.val
}

func (v *LevelVar) Set(l Level) {
	v.mu.Lock()
	v.val = l
	v.mu.Unlock()
}

func (v *LevelVar) String() string { return fmt.Sprintf("LevelVar(%s)", v.Level()) }

// Kind is the kind of a Value.
type Kind int

const (
	KindAny Kind = iota
	KindBool
	KindDuration
	KindFloat64
	KindInt64
	KindString
	KindTime
	KindUint64
	KindGroup
	KindLogValuer
)

var kindStrings = []string{"Any", "Bool", "Duration", "Float64", "Int64", "String", "Time", "Uint64", "Group", "LogValuer"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindStrings) {
		return kindStrings[k]
	}
	return "<unknown slog.Kind>"
}

// A Value can represent any Go value, with the common kinds unboxed.
type Value struct {
	kind Kind
	num  uint64
	f    float64
	s    string
	t    time.Time
	any  any
	grp  []Attr
}

// A LogValuer is any Go value that can convert itself into a Value for
// logging.
type LogValuer interface {
	LogValue() Value
}

func StringValue(v string) Value          { return Value{kind: KindString, s: v} }
func IntValue(v int) Value                { return Value{kind: KindInt64, num: uint64(int64(v))} }
func Int64Value(v int64) Value            { return Value{kind: KindInt64, num: uint64(v)} }
func Uint64Value(v uint64) Value          { return Value{kind: KindUint64, num: v} }
func Float64Value(v float64) Value        { return Value{kind: KindFloat64, f: v} }
func DurationValue(v time.Duration) Value { return Value{kind: KindDuration, num: uint64(v)} }
func TimeValue(v time.Time) Value         { return Value{kind: KindTime, t: v} }
func GroupValue(as ...Attr) Value         { return Value{kind: KindGroup, grp: as} }

func BoolValue(v bool) Value {
	u := uint64(0)
	if v {
		u = 1
	}
	return Value{kind: KindBool, num: u}
}

// AnyValue returns a Value for the supplied value, unboxing the kinds it
// knows.
func AnyValue(v any) Value {
	switch v := v.(type) {
	case string:
		return StringValue(v)
	case int:
		return Int64Value(int64(v))
	case uint:
		return Uint64Value(uint64(v))
	case int64:
		return Int64Value(v)
	case uint64:
		return Uint64Value(v)
	case bool:
		return BoolValue(v)
	case time.Duration:
		return DurationValue(v)
	case time.Time:
		return TimeValue(v)
	case uint8:
		return Uint64Value(uint64(v))
	case uint16:
		return Uint64Value(uint64(v))
	case uint32:
		return Uint64Value(uint64(v))
	case int8:
		return Int64Value(int64(v))
	case int16:
		return Int64Value(int64(v))
	case int32:
		return Int64Value(int64(v))
	case float64:
		return Float64Value(v)
	case float32:
		return Float64Value(float64(v))
	case []Attr:
		return GroupValue(v...)
	case Kind:
		return Value{kind: KindAny, any: v}
	case Value:
		return v
	case LogValuer:
		return Value{kind: KindLogValuer, any: v}
	}
	return Value{kind: KindAny, any: v}
}

func (v Value) Kind() Kind                { return v.kind }
func (v Value) Any() any {
	switch v.kind {
	case KindAny, KindLogValuer:
		return v.any
	case KindGroup:
		return v.grp
	case KindInt64:
		return int64(v.num)
	case KindUint64:
		return v.num
	case KindFloat64:
		return v.f
	case KindString:
		return v.s
	case KindBool:
		return v.num == 1
	case KindDuration:
		return time.Duration(int64(v.num))
	case KindTime:
		return v.t
	}
	return nil
}
func (v Value) Int64() int64              { return int64(v.num) }
func (v Value) Uint64() uint64            { return v.num }
func (v Value) Float64() float64          { return v.f }
func (v Value) Bool() bool                { return v.num == 1 }
func (v Value) Duration() time.Duration   { return time.Duration(int64(v.num)) }
func (v Value) Time() time.Time           { return v.t }
func (v Value) Group() []Attr             { return v.grp }
func (v Value) LogValuer() LogValuer      { return v.any.(LogValuer) }

// String returns Value's value as a string, formatted like fmt.Sprint.
func (v Value) String() string {
	switch v.kind {
	case KindString:
		return v.s
	case KindInt64:
		return strconv.FormatInt(int64(v.num), 10)
	case KindUint64:
		return strconv.FormatUint(v.num, 10)
	case KindFloat64:
		return strconv.FormatFloat(v.f, 'g', -1, 64)
	case KindBool:
		return strconv.FormatBool(v.num == 1)
	case KindDuration:
		return time.Duration(int64(v.num)).String()
	case KindTime:
		return v.t.String()
	case KindGroup:
		return fmt.Sprint(v.grp)
	}
	return fmt.Sprintf("%+v", v.any)
}

// Resolve repeatedly calls LogValue on v while it implements LogValuer.
func (v Value) Resolve() Value {
	for i := 0; i < 100 && v.kind == KindLogValuer; i++ {
		v = v.any.(LogValuer).LogValue()
	}
	return v
}

// Equal reports whether v and w represent the same Go value.
func (v Value) Equal(w Value) bool {
	if v.kind != w.kind {
		return false
	}
	switch v.kind {
	case KindInt64, KindUint64, KindBool, KindDuration:
		return v.num == w.num
	case KindString:
		return v.s == w.s
	case KindFloat64:
		return v.f == w.f
	case KindTime:
		return v.t.Equal(w.t)
	case KindAny, KindLogValuer:
		return v.any == w.any
	case KindGroup:
		if len(v.grp) != len(w.grp) {
			return false
		}
		for i := range v.grp {
			if !v.grp[i].Equal(w.grp[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// An Attr is a key-value pair.
type Attr struct {
	Key   string
	Value Value
}

func String(key, value string) Attr             { return Attr{key, StringValue(value)} }
func Int64(key string, value int64) Attr        { return Attr{key, Int64Value(value)} }
func Int(key string, value int) Attr            { return Attr{key, IntValue(value)} }
func Uint64(key string, v uint64) Attr          { return Attr{key, Uint64Value(v)} }
func Float64(key string, v float64) Attr        { return Attr{key, Float64Value(v)} }
func Bool(key string, v bool) Attr              { return Attr{key, BoolValue(v)} }
func Time(key string, v time.Time) Attr         { return Attr{key, TimeValue(v)} }
func Duration(key string, v time.Duration) Attr { return Attr{key, DurationValue(v)} }
func Any(key string, value any) Attr            { return Attr{key, AnyValue(value)} }

// Group returns an Attr for a Group Value made of the key-value pairs or
// Attrs in args.
func Group(key string, args ...any) Attr { return Attr{key, GroupValue(argsToAttrSlice(args)...)} }

// Equal reports whether a and b have equal keys and values.
func (a Attr) Equal(b Attr) bool { return a.Key == b.Key && a.Value.Equal(b.Value) }

func (a Attr) String() string { return fmt.Sprintf("%s=%s", a.Key, a.Value) }

func (a Attr) isEmpty() bool { return a.Key == "" && a.Value.kind == KindAny && a.Value.any == nil }

const badKey = "!BADKEY"

// argsToAttr turns a prefix of args into an Attr and returns the unused
// portion of args.
func argsToAttr(args []any) (Attr, []any) {
	switch x := args[0].(type) {
	case string:
		if len(args) == 1 {
			return String(badKey, x), nil
		}
		return Any(x, args[1]), args[2:]
	case Attr:
		return x, args[1:]
	default:
		return Any(badKey, x), args[1:]
	}
}

func argsToAttrSlice(args []any) []Attr {
	var attr Attr
	var attrs []Attr
	for len(args) > 0 {
		attr, args = argsToAttr(args)
		attrs = append(attrs, attr)
	}
	return attrs
}

// A Record holds information about a log event.
type Record struct {
	Time    time.Time
	Message string
	Level   Level
	PC      uintptr
	attrs   []Attr
}

// NewRecord creates a Record from the given arguments.
func NewRecord(t time.Time, level Level, msg string, pc uintptr) Record {
	return Record{Time: t, Message: msg, Level: level, PC: pc}
}

// Clone returns a copy of the record with no shared state.
func (r Record) Clone() Record {
	r.attrs = append([]Attr(nil), r.attrs...)
	return r
}

// NumAttrs returns the number of attributes in the Record.
func (r Record) NumAttrs() int { return len(r.attrs) }

// Attrs calls f on each Attr in the Record, stopping if f returns false.
func (r Record) Attrs(f func(Attr) bool) {
	for _, a := range r.attrs {
		if !f(a) {
			return
		}
	}
}

// AddAttrs appends the given Attrs to the Record's list of Attrs.
func (r *Record) AddAttrs(attrs ...Attr) { r.attrs = append(r.attrs, attrs...) }

// Add converts the args to Attrs and appends them.
func (r *Record) Add(args ...any) { r.attrs = append(r.attrs, argsToAttrSlice(args)...) }

// A Handler handles log records produced by a Logger.
type Handler interface {
	Enabled(context.Context, Level) bool
	Handle(context.Context, Record) error
	WithAttrs(attrs []Attr) Handler
	WithGroup(name string) Handler
}

// HandlerOptions are options for a TextHandler or JSONHandler.
type HandlerOptions struct {
	AddSource   bool
	Level       Leveler
	ReplaceAttr func(groups []string, a Attr) Attr
}

// commonHandler is the state TextHandler and JSONHandler share: each
// WithAttrs/WithGroup derives a new one with the attrs it must emit first.
type commonHandler struct {
	json   bool
	opts   HandlerOptions
	pre    []Attr   // attrs from WithAttrs, each tagged with its groups
	preGrp [][]string
	groups []string // groups opened by WithGroup
	mu     *sync.Mutex
	w      io.Writer
}

func (h *commonHandler) enabled(l Level) bool {
	min := LevelInfo
	if h.opts.Level != nil {
		min = h.opts.Level.Level()
	}
	return l >= min
}

func (h *commonHandler) clone() *commonHandler {
	c := *h
	c.pre = append([]Attr(nil), h.pre...)
	c.preGrp = append([][]string(nil), h.preGrp...)
	c.groups = append([]string(nil), h.groups...)
	return &c
}

func (h *commonHandler) withAttrs(as []Attr) *commonHandler {
	c := h.clone()
	for _, a := range as {
		c.pre = append(c.pre, a)
		c.preGrp = append(c.preGrp, append([]string(nil), h.groups...))
	}
	return c
}

func (h *commonHandler) withGroup(name string) *commonHandler {
	if name == "" {
		return h
	}
	c := h.clone()
	c.groups = append(c.groups, name)
	return c
}

// jsonNode is the tree a JSON line is built from (groups nest).
type jsonNode struct {
	keys []string
	vals []any // string (pre-encoded JSON) or *jsonNode
}

func (n *jsonNode) child(key string) *jsonNode {
	for i, k := range n.keys {
		if k == key {
			if c, ok := n.vals[i].(*jsonNode); ok {
				return c
			}
		}
	}
	c := &jsonNode{}
	n.keys = append(n.keys, key)
	n.vals = append(n.vals, c)
	return c
}

func (n *jsonNode) encode(b []byte) []byte {
	b = append(b, '{')
	first := true
	for i, k := range n.keys {
		if c, ok := n.vals[i].(*jsonNode); ok && len(c.keys) == 0 {
			continue // empty groups are omitted
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, k)
		b = append(b, ':')
		switch v := n.vals[i].(type) {
		case string:
			b = append(b, v...)
		case *jsonNode:
			b = v.encode(b)
		}
	}
	return append(b, '}')
}

func (h *commonHandler) handle(r Record) error {
	var text []byte
	root := &jsonNode{}
	emit := func(groups []string, a Attr) {
		if rep := h.opts.ReplaceAttr; rep != nil && a.Value.Kind() != KindGroup {
			a.Value = a.Value.Resolve()
			a = rep(groups, a)
		}
		a.Value = a.Value.Resolve()
		if a.isEmpty() {
			return
		}
		h.appendAttr(&text, root, groups, a)
	}
	if !r.Time.IsZero() {
		emit(nil, Time(TimeKey, r.Time.Round(0)))
	}
	emit(nil, Any(LevelKey, r.Level))
	emit(nil, String(MessageKey, r.Message))
	for i, a := range h.pre {
		emit(h.preGrp[i], a)
	}
	r.Attrs(func(a Attr) bool {
		emit(h.groups, a)
		return true
	})
	var line []byte
	if h.json {
		line = root.encode(nil)
	} else {
		line = text
	}
	line = append(line, '\n')
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := h.w.Write(line)
	return err
}

// appendAttr writes one attribute: for text as prefix.key=value, for
// JSON into the tree under its groups.
func (h *commonHandler) appendAttr(text *[]byte, root *jsonNode, groups []string, a Attr) {
	if a.Value.Kind() == KindGroup {
		attrs := a.Value.Group()
		if len(attrs) == 0 {
			return
		}
		g := groups
		if a.Key != "" {
			g = append(append([]string(nil), groups...), a.Key)
		}
		for _, ga := range attrs {
			if rep := h.opts.ReplaceAttr; rep != nil && ga.Value.Kind() != KindGroup {
				ga.Value = ga.Value.Resolve()
				ga = rep(g, ga)
			}
			ga.Value = ga.Value.Resolve()
			if ga.isEmpty() {
				continue
			}
			h.appendAttr(text, root, g, ga)
		}
		return
	}
	if h.json {
		n := root
		for _, g := range groups {
			n = n.child(g)
		}
		n.keys = append(n.keys, a.Key)
		n.vals = append(n.vals, string(appendJSONValue(nil, a.Value)))
		return
	}
	b := *text
	if len(b) > 0 {
		b = append(b, ' ')
	}
	key := a.Key
	for i := len(groups) - 1; i >= 0; i-- {
		key = groups[i] + "." + key
	}
	b = appendTextString(b, key)
	b = append(b, '=')
	b = appendTextValue(b, a.Value)
	*text = b
}

func appendTextString(b []byte, s string) []byte {
	if needsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

func appendTextValue(b []byte, v Value) []byte {
	switch v.Kind() {
	case KindString:
		return appendTextString(b, v.s)
	case KindTime:
		return append(b, v.t.Format("2006-01-02T15:04:05.000Z07:00")...)
	case KindAny:
		if e, ok := v.any.(error); ok {
			return appendTextString(b, e.Error())
		}
		if bs, ok := v.any.([]byte); ok {
			return appendTextString(b, string(bs))
		}
		if l, ok := v.any.(Level); ok {
			return appendTextString(b, l.String())
		}
		if t, ok := v.any.(interface{ MarshalText() ([]byte, error) }); ok {
			data, err := t.MarshalText()
			if err == nil {
				return appendTextString(b, string(data))
			}
		}
		return appendTextString(b, fmt.Sprintf("%+v", v.any))
	}
	return appendTextString(b, v.String())
}

func appendJSONValue(b []byte, v Value) []byte {
	switch v.Kind() {
	case KindString:
		return appendJSONString(b, v.s)
	case KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10)
	case KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10)
	case KindFloat64:
		f := v.Float64()
		abs := f
		if abs < 0 {
			abs = -abs
		}
		fmtc := byte('f')
		if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
			fmtc = 'e'
		}
		b = strconv.AppendFloat(b, f, fmtc, -1, 64)
		if fmtc == 'e' {
			// encoding/json writes e-7, not e-07
			n := len(b)
			if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
				b[n-2] = b[n-1]
				b = b[:n-1]
			}
		}
		return b
	case KindBool:
		return strconv.AppendBool(b, v.Bool())
	case KindDuration:
		return strconv.AppendInt(b, int64(v.Duration()), 10)
	case KindTime:
		return appendJSONString(b, v.Time().Format(time.RFC3339Nano))
	case KindAny:
		if e, ok := v.any.(error); ok {
			return appendJSONString(b, e.Error())
		}
		if l, ok := v.any.(Level); ok {
			return appendJSONString(b, l.String())
		}
		if v.any == nil {
			return append(b, "null"...)
		}
		return appendJSONString(b, fmt.Sprintf("%+v", v.any))
	}
	return appendJSONString(b, v.String())
}

func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else if r == '\u2028' || r == '\u2029' {
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// needsQuoting reports whether a text value must be quoted: empty, or
// containing a space, '=', '"', a control or non-printing character.
func needsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b != '\\' && (b == ' ' || b == '=' || b == '"' || b < 0x20 || b == 0x7f) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

// TextHandler is a Handler that writes Records to an io.Writer as a
// sequence of key=value pairs separated by spaces and followed by a
// newline.
type TextHandler struct{ c *commonHandler }

// NewTextHandler creates a TextHandler that writes to w, using the given
// options (nil for the defaults).
func NewTextHandler(w io.Writer, opts *HandlerOptions) *TextHandler {
	if opts == nil {
		opts = &HandlerOptions{}
	}
	return &TextHandler{&commonHandler{opts: *opts, mu: new(sync.Mutex), w: w}}
}

func (h *TextHandler) Enabled(_ context.Context, l Level) bool { return h.c.enabled(l) }
func (h *TextHandler) Handle(_ context.Context, r Record) error { return h.c.handle(r) }
func (h *TextHandler) WithAttrs(as []Attr) Handler            { return &TextHandler{h.c.withAttrs(as)} }
func (h *TextHandler) WithGroup(name string) Handler          { return &TextHandler{h.c.withGroup(name)} }

// JSONHandler is a Handler that writes Records to an io.Writer as
// line-delimited JSON objects.
type JSONHandler struct{ c *commonHandler }

// NewJSONHandler creates a JSONHandler that writes to w, using the given
// options (nil for the defaults).
func NewJSONHandler(w io.Writer, opts *HandlerOptions) *JSONHandler {
	if opts == nil {
		opts = &HandlerOptions{}
	}
	return &JSONHandler{&commonHandler{json: true, opts: *opts, mu: new(sync.Mutex), w: w}}
}

func (h *JSONHandler) Enabled(_ context.Context, l Level) bool { return h.c.enabled(l) }
func (h *JSONHandler) Handle(_ context.Context, r Record) error { return h.c.handle(r) }
func (h *JSONHandler) WithAttrs(as []Attr) Handler            { return &JSONHandler{h.c.withAttrs(as)} }
func (h *JSONHandler) WithGroup(name string) Handler          { return &JSONHandler{h.c.withGroup(name)} }

// defaultHandler writes through package log: "LEVEL msg k=v".
type defaultHandler struct {
	c *commonHandler
}

func newDefaultHandler() *defaultHandler {
	return &defaultHandler{&commonHandler{opts: HandlerOptions{}, mu: new(sync.Mutex)}}
}

func (h *defaultHandler) Enabled(_ context.Context, l Level) bool { return l >= logLoggerLevel.Level() }

func (h *defaultHandler) Handle(_ context.Context, r Record) error {
	var text []byte
	root := &jsonNode{}
	b := []byte(r.Level.String())
	b = append(b, ' ')
	b = append(b, r.Message...)
	for i, a := range h.c.pre {
		a.Value = a.Value.Resolve()
		h.c.appendAttr(&text, root, h.c.preGrp[i], a)
	}
	r.Attrs(func(a Attr) bool {
		a.Value = a.Value.Resolve()
		h.c.appendAttr(&text, root, h.c.groups, a)
		return true
	})
	if len(text) > 0 {
		b = append(b, ' ')
		b = append(b, text...)
	}
	return log.Default().Output(4, string(b))
}

func (h *defaultHandler) WithAttrs(as []Attr) Handler   { return &defaultHandler{h.c.withAttrs(as)} }
func (h *defaultHandler) WithGroup(name string) Handler { return &defaultHandler{h.c.withGroup(name)} }

var logLoggerLevel LevelVar

// SetLogLoggerLevel controls the level for the bridge to the log package.
func SetLogLoggerLevel(level Level) (oldLevel Level) {
	oldLevel = logLoggerLevel.Level()
	logLoggerLevel.Set(level)
	return
}

// A Logger records structured information about each call to its Log,
// Debug, Info, Warn, and Error methods.
type Logger struct {
	handler Handler
}

// New creates a new Logger with the given non-nil Handler.
func New(h Handler) *Logger {
	if h == nil {
		panic("nil Handler")
	}
	return &Logger{handler: h}
}

var defaultLogger = &Logger{handler: newDefaultHandler()}

// Default returns the default Logger.
func Default() *Logger { return defaultLogger }

// SetDefault makes l the default Logger.
func SetDefault(l *Logger) { defaultLogger = l }

// Handler returns l's Handler.
func (l *Logger) Handler() Handler { return l.handler }

// With returns a Logger that includes the given attributes in each
// output operation.
func (l *Logger) With(args ...any) *Logger {
	if len(args) == 0 {
		return l
	}
	return &Logger{handler: l.handler.WithAttrs(argsToAttrSlice(args))}
}

// WithGroup returns a Logger that starts a group, if name is non-empty.
func (l *Logger) WithGroup(name string) *Logger {
	if name == "" {
		return l
	}
	return &Logger{handler: l.handler.WithGroup(name)}
}

// Enabled reports whether l emits log records at the given level.
func (l *Logger) Enabled(ctx context.Context, level Level) bool {
	if ctx == nil {
		ctx = context.Background()
	}
	return l.handler.Enabled(ctx, level)
}

func (l *Logger) log(ctx context.Context, level Level, msg string, args ...any) {
	if ctx == nil {
		ctx = context.Background()
	}
	if !l.Enabled(ctx, level) {
		return
	}
	r := NewRecord(time.Now(), level, msg, 0)
	r.Add(args...)
	_ = l.handler.Handle(ctx, r)
}

func (l *Logger) logAttrs(ctx context.Context, level Level, msg string, attrs ...Attr) {
	if ctx == nil {
		ctx = context.Background()
	}
	if !l.Enabled(ctx, level) {
		return
	}
	r := NewRecord(time.Now(), level, msg, 0)
	r.AddAttrs(attrs...)
	_ = l.handler.Handle(ctx, r)
}

func (l *Logger) Log(ctx context.Context, level Level, msg string, args ...any) {
	l.log(ctx, level, msg, args...)
}
func (l *Logger) LogAttrs(ctx context.Context, level Level, msg string, attrs ...Attr) {
	l.logAttrs(ctx, level, msg, attrs...)
}
func (l *Logger) Debug(msg string, args ...any) { l.log(context.Background(), LevelDebug, msg, args...) }
func (l *Logger) Info(msg string, args ...any)  { l.log(context.Background(), LevelInfo, msg, args...) }
func (l *Logger) Warn(msg string, args ...any)  { l.log(context.Background(), LevelWarn, msg, args...) }
func (l *Logger) Error(msg string, args ...any) { l.log(context.Background(), LevelError, msg, args...) }
func (l *Logger) DebugContext(ctx context.Context, msg string, args ...any) {
	l.log(ctx, LevelDebug, msg, args...)
}
func (l *Logger) InfoContext(ctx context.Context, msg string, args ...any) {
	l.log(ctx, LevelInfo, msg, args...)
}
func (l *Logger) WarnContext(ctx context.Context, msg string, args ...any) {
	l.log(ctx, LevelWarn, msg, args...)
}
func (l *Logger) ErrorContext(ctx context.Context, msg string, args ...any) {
	l.log(ctx, LevelError, msg, args...)
}

func Debug(msg string, args ...any) { Default().log(context.Background(), LevelDebug, msg, args...) }
func Info(msg string, args ...any)  { Default().log(context.Background(), LevelInfo, msg, args...) }
func Warn(msg string, args ...any)  { Default().log(context.Background(), LevelWarn, msg, args...) }
func Error(msg string, args ...any) { Default().log(context.Background(), LevelError, msg, args...) }
func DebugContext(ctx context.Context, msg string, args ...any) {
	Default().log(ctx, LevelDebug, msg, args...)
}
func InfoContext(ctx context.Context, msg string, args ...any) {
	Default().log(ctx, LevelInfo, msg, args...)
}
func WarnContext(ctx context.Context, msg string, args ...any) {
	Default().log(ctx, LevelWarn, msg, args...)
}
func ErrorContext(ctx context.Context, msg string, args ...any) {
	Default().log(ctx, LevelError, msg, args...)
}
func Log(ctx context.Context, level Level, msg string, args ...any) {
	Default().log(ctx, level, msg, args...)
}
func LogAttrs(ctx context.Context, level Level, msg string, attrs ...Attr) {
	Default().logAttrs(ctx, level, msg, attrs...)
}

// With calls Logger.With on the default logger.
func With(args ...any) *Logger { return Default().With(args...) }
