package log

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Flags that control the prefix of each line (Go's values).
const (
	Ldate         = 1 << iota // the date in the local time zone: 2009/01/23
	Ltime                     // the time in the local time zone: 01:23:23
	Lmicroseconds             // microsecond resolution: 01:23:23.123123
	Llongfile                 // not supported: treated as Lshortfile
	Lshortfile                // not supported: ignored
	LUTC                      // use UTC rather than the local time zone
	Lmsgprefix                // move the prefix to before the message
	LstdFlags     = Ldate | Ltime
)

// A Logger writes lines of output to an io.Writer; each line is written
// with a single Write call.
type Logger struct {
	mu     sync.Mutex
	prefix string
	flag   int
	out    io.Writer
}

// New creates a new Logger.
func New(out io.Writer, prefix string, flag int) *Logger {
	return &Logger{prefix: prefix, flag: flag, out: out}
}

var std = New(os.Stderr, "", LstdFlags)

// Default returns the standard logger used by the package-level functions.
func Default() *Logger { return std }

func pad(i, w int) string {
	s := fmt.Sprint(i)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

func (l *Logger) header() string {
	h := ""
	if l.flag&Lmsgprefix == 0 {
		h = l.prefix
	}
	if l.flag&(Ldate|Ltime|Lmicroseconds) != 0 {
		t := time.Now()
		if l.flag&LUTC != 0 {
			t = t.UTC()
		}
		if l.flag&Ldate != 0 {
			year, month, day := t.Date()
			h += pad(year, 4) + "/" + pad(int(month), 2) + "/" + pad(day, 2) + " "
		}
		if l.flag&(Ltime|Lmicroseconds) != 0 {
			h += pad(t.Hour(), 2) + ":" + pad(t.Minute(), 2) + ":" + pad(t.Second(), 2)
			if l.flag&Lmicroseconds != 0 {
				h += "." + pad(t.Nanosecond()/1000, 6)
			}
			h += " "
		}
	}
	if l.flag&Lmsgprefix != 0 {
		h += l.prefix
	}
	return h
}

// Output writes the output for a logging event.
func (l *Logger) Output(calldepth int, s string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	line := l.header() + s
	if len(s) == 0 || s[len(s)-1] != '\n' {
		line += "\n"
	}
	_, err := l.out.Write([]byte(line))
	return err
}

func (l *Logger) Print(v ...any)                 { l.Output(2, fmt.Sprint(v...)) }
func (l *Logger) Printf(format string, v ...any) { l.Output(2, fmt.Sprintf(format, v...)) }
func (l *Logger) Println(v ...any)               { l.Output(2, fmt.Sprintln(v...)) }

func (l *Logger) Fatal(v ...any) {
	l.Output(2, fmt.Sprint(v...))
	os.Exit(1)
}

func (l *Logger) Fatalf(format string, v ...any) {
	l.Output(2, fmt.Sprintf(format, v...))
	os.Exit(1)
}

func (l *Logger) Fatalln(v ...any) {
	l.Output(2, fmt.Sprintln(v...))
	os.Exit(1)
}

func (l *Logger) Panic(v ...any) {
	s := fmt.Sprint(v...)
	l.Output(2, s)
	panic(s)
}

func (l *Logger) Panicf(format string, v ...any) {
	s := fmt.Sprintf(format, v...)
	l.Output(2, s)
	panic(s)
}

func (l *Logger) Panicln(v ...any) {
	s := fmt.Sprintln(v...)
	l.Output(2, s)
	panic(s)
}

func (l *Logger) SetOutput(w io.Writer) {
	l.mu.Lock()
	l.out = w
	l.mu.Unlock()
}

func (l *Logger) Writer() io.Writer        { return l.out }
func (l *Logger) SetPrefix(prefix string)  { l.prefix = prefix }
func (l *Logger) Prefix() string           { return l.prefix }
func (l *Logger) SetFlags(flag int)        { l.flag = flag }
func (l *Logger) Flags() int               { return l.flag }
func SetOutput(w io.Writer)                { std.SetOutput(w) }
func SetPrefix(prefix string)              { std.SetPrefix(prefix) }
func Prefix() string                       { return std.Prefix() }
func SetFlags(flag int)                    { std.SetFlags(flag) }
func Flags() int                           { return std.Flags() }
func Writer() io.Writer                    { return std.Writer() }
func Print(v ...any)                       { std.Output(2, fmt.Sprint(v...)) }
func Printf(format string, v ...any)       { std.Output(2, fmt.Sprintf(format, v...)) }
func Println(v ...any)                     { std.Output(2, fmt.Sprintln(v...)) }
func Fatal(v ...any)                       { std.Fatal(v...) }
func Fatalf(format string, v ...any)       { std.Fatalf(format, v...) }
func Fatalln(v ...any)                     { std.Fatalln(v...) }
func Panic(v ...any)                       { std.Panic(v...) }
func Panicf(format string, v ...any)       { std.Panicf(format, v...) }
func Panicln(v ...any)                     { std.Panicln(v...) }
func Output(calldepth int, s string) error { return std.Output(calldepth+1, s) }
