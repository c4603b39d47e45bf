package fmt

import (
	"errors"
	"io"
)

// Stringer is implemented by any value that has a String method, which
// defines the "native" format for that value.
type Stringer interface {
	String() string
}

// GoStringer is implemented by any value that has a GoString method.
type GoStringer interface {
	GoString() string
}

// Println formats using the default formats for its operands and writes to
// standard output. Spaces are always added between operands and a newline
// is appended.
func Println(a ...any) (n int, err error)

// Print formats using the default formats for its operands and writes to
// standard output. Spaces are added between operands when neither is a
// string.
func Print(a ...any) (n int, err error)

// Printf formats according to a format specifier and writes to standard
// output.
func Printf(format string, a ...any) (n int, err error)

// Sprintf formats according to a format specifier and returns the string.
func Sprintf(format string, a ...any) string

// Sprint formats using the default formats for its operands.
func Sprint(a ...any) string

// Sprintln formats using the default formats for its operands, always
// adding spaces between operands and a newline.
func Sprintln(a ...any) string

// Fprintln is Println to w.
func Fprintln(w io.Writer, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintln(a...)))
}

// Fprint is Print to w.
func Fprint(w io.Writer, a ...any) (n int, err error) {
	return w.Write([]byte(Sprint(a...)))
}

// Fprintf is Printf to w.
func Fprintf(w io.Writer, format string, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintf(format, a...)))
}

// Append formats using the default formats and appends the result to b.
func Append(b []byte, a ...any) []byte {
	return append(b, Sprint(a...)...)
}

// Appendf formats according to a format specifier and appends to b.
func Appendf(b []byte, format string, a ...any) []byte {
	return append(b, Sprintf(format, a...)...)
}

// Appendln formats like Sprintln and appends to b.
func Appendln(b []byte, a ...any) []byte {
	return append(b, Sprintln(a...)...)
}

// errorf formats like Sprintf and also reports which operands %w named.
func errorf(format string, a []any) (string, []int)

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }

func (e *wrapError) Unwrap() error { return e.err }

type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string { return e.msg }

func (e *wrapErrors) Unwrap() []error { return e.errs }

// Errorf formats according to a format specifier and returns the string
// as a value that satisfies error. With one %w verb the error has an
// Unwrap method returning that operand; with several, Unwrap returns them
// all.
func Errorf(format string, a ...any) error {
	s, wrapped := errorf(format, a)
	switch len(wrapped) {
	case 0:
		return errors.New(s)
	case 1:
		w := &wrapError{msg: s}
		w.err, _ = a[wrapped[0]].(error)
		return w
	}
	var errs []error
	for i, idx := range wrapped {
		if i > 0 && wrapped[i-1] == idx {
			continue
		}
		if e, ok := a[idx].(error); ok {
			errs = append(errs, e)
		}
	}
	return &wrapErrors{s, errs}
}

func readLine() (string, bool)

// storeWord parses word (by the scan verb: 'v' is Go-syntax-aware, 'd'
// decimal, 'x' hex, 'o' octal, 'b' binary, 's' a string) into the variable
// ptr points to; it returns an error text or "".
func storeWord(word string, ptr any, verb byte) string

// A scanSource yields input bytes one at a time with one byte of
// lookahead. Strings are read in place; readers are read a byte at a time
// (through ReadByte when they have it), so nothing past the scanned text is
// consumed except that lookahead byte.
type scanSource struct {
	s      string
	i      int
	r      io.Reader
	br     io.ByteReader
	one    []byte
	peeked bool
	pb     byte
	eof    bool
	lim    int // with limited: bytes the current operand may still take
	limited bool
}

func (s *scanSource) peek() (byte, bool) {
	if s.limited && s.lim <= 0 {
		return 0, false
	}
	if s.r == nil {
		if s.i < len(s.s) {
			return s.s[s.i], true
		}
		return 0, false
	}
	if s.peeked {
		return s.pb, true
	}
	if s.eof {
		return 0, false
	}
	var c byte
	var err error
	if s.br != nil {
		c, err = s.br.ReadByte()
	} else {
		if s.one == nil {
			s.one = make([]byte, 1)
		}
		var n int
		n, err = s.r.Read(s.one)
		if n == 1 {
			c, err = s.one[0], nil
		} else if err == nil {
			err = io.EOF
		}
	}
	if err != nil {
		s.eof = true
		return 0, false
	}
	s.pb, s.peeked = c, true
	return c, true
}

func (s *scanSource) advance() {
	s.lim--
	if s.r == nil {
		s.i++
	} else {
		s.peeked = false
	}
}

func isScanSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// skip skips spaces (and newlines too when nl is true).
func (s *scanSource) skip(nl bool) {
	for {
		c, ok := s.peek()
		if !ok || !(isScanSpace(c) || (nl && c == '\n')) {
			return
		}
		s.advance()
	}
}

// scanClass tells how to read a token for the variable ptr points to:
// 0 signed integer, 1 unsigned integer, 2 float, 3 string, 4 bool,
// 5 unsupported type.
func scanClass(ptr any) int

func isDigitIn(c byte, hex bool) bool {
	if c >= '0' && c <= '9' || c == '_' {
		return true
	}
	return hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

// token reads the longest prefix that can be a value of the class, as
// Go's scanner does (so "1.5x" scans 1.5 and leaves "x").
func (s *scanSource) token(class int, verb byte) string {
	if class == 3 || class >= 4 {
		return s.word()
	}
	var b []byte
	take := func() {
		c, _ := s.peek()
		b = append(b, c)
		s.advance()
	}
	c, ok := s.peek()
	if ok && (c == '+' || c == '-') {
		take()
	}
	hex := verb == 'x' || verb == 'X'
	if c, ok = s.peek(); ok && c == '0' && verb == 'v' {
		take()
		if c, ok = s.peek(); ok && (c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'o' || c == 'O') {
			hex = c == 'x' || c == 'X'
			take()
		}
	}
	for {
		c, ok = s.peek()
		if !ok {
			return string(b)
		}
		if isDigitIn(c, hex) {
			take()
			continue
		}
		if class != 2 {
			return string(b)
		}
		if c == '.' {
			take()
			continue
		}
		if c == 'e' || c == 'E' || c == 'p' || c == 'P' {
			take()
			if c, ok = s.peek(); ok && (c == '+' || c == '-') {
				take()
			}
			continue
		}
		if len(b) <= 1 && (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
			return string(b) + s.word()
		}
		return string(b)
	}
}

// unquote is strconv.Unquote's engine (fmt does not import strconv, so
// that programs printing with fmt compile no more than they need).
func unquote(s string) (string, bool)

// quoted reads a Go string literal, double-quoted or back-quoted, and
// returns its value (or an error text), as %q scans.
func (s *scanSource) quoted() (string, string) {
	q, ok := s.peek()
	if !ok || (q != '"' && q != '`') {
		return "", "expected quoted string"
	}
	b := []byte{q}
	s.advance()
	for {
		c, ok := s.peek()
		if !ok {
			return "", "unexpected EOF"
		}
		b = append(b, c)
		s.advance()
		if c == '\\' && q == '"' {
			c, ok = s.peek()
			if !ok {
				return "", "unexpected EOF"
			}
			b = append(b, c)
			s.advance()
			continue
		}
		if c == q {
			break
		}
	}
	v, ok := unquote(string(b))
	if !ok {
		return "", "invalid syntax"
	}
	return v, ""
}

// word reads bytes up to the next space or newline.
func (s *scanSource) word() string {
	var b []byte
	for {
		c, ok := s.peek()
		if !ok || isScanSpace(c) || c == '\n' {
			return string(b)
		}
		b = append(b, c)
		s.advance()
	}
}

func newReaderSource(r io.Reader) *scanSource {
	br, _ := r.(io.ByteReader)
	return &scanSource{r: r, br: br}
}

// scanWords implements Sscan/Fscan (nl: newlines are spaces) and
// Sscanln/Fscanln (operands must all be on one line).
func scanWords(src *scanSource, a []any, nl bool) (n int, err error) {
	for _, p := range a {
		src.skip(nl)
		c, ok := src.peek()
		if !ok {
			return n, io.EOF
		}
		if c == '\n' {
			return n, errors.New("unexpected newline")
		}
		if msg := storeWord(src.token(scanClass(p), 'v'), p, 'v'); msg != "" {
			return n, errors.New(msg)
		}
		n++
	}
	if !nl {
		src.skip(false)
		if c, ok := src.peek(); ok {
			if c != '\n' {
				return n, errors.New("expected newline")
			}
			src.advance()
		}
	}
	return n, nil
}

// scanFormat implements Sscanf/Fscanf for the verbs %v %d %s %x %o %b %f
// %g %e %t %c %q and literal text.
func scanFormat(src *scanSource, format string, a []any) (n int, err error) {
	argi := 0
	afterSpace := false
	for i := 0; i < len(format); {
		c := format[i]
		wasSpace := afterSpace
		afterSpace = false
		if c == '%' {
			i++
			if i >= len(format) {
				return n, errors.New("too few operands for format '%'")
			}
			width := -1
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				if width < 0 {
					width = 0
				}
				width = width*10 + int(format[i]-'0')
				i++
			}
			if i >= len(format) {
				return n, errors.New("too few operands for format '%'")
			}
			verb := format[i]
			i++
			if verb == '%' {
				src.skip(false)
				ch, ok := src.peek()
				if !ok {
					return n, io.ErrUnexpectedEOF
				}
				if ch != '%' {
					return n, errors.New("missing literal %")
				}
				src.advance()
				continue
			}
			if argi >= len(a) {
				return n, errors.New("too few operands for format '%" + string(rune(verb)) + "'")
			}
			if verb == 'c' {
				ch, ok := src.peek()
				if !ok {
					return n, io.ErrUnexpectedEOF
				}
				src.advance()
				if msg := storeWord(string(rune(ch)), a[argi], 'c'); msg != "" {
					return n, errors.New(msg)
				}
			} else {
				src.skip(false)
				ch, ok := src.peek()
				if !ok {
					return n, io.EOF
				}
				if ch == '\n' {
					if wasSpace {
						return n, errors.New("newline in input does not match format")
					}
					return n, errors.New("unexpected newline")
				}
				if width >= 0 {
					src.limited, src.lim = true, width
				}
				var w string
				if verb == 'q' {
					q, msg := src.quoted()
					if msg != "" {
						src.limited = false
						return n, errors.New(msg)
					}
					w, verb = q, 's'
				} else {
					w = src.token(scanClass(a[argi]), verb)
				}
				src.limited = false
				if msg := storeWord(w, a[argi], verb); msg != "" {
					return n, errors.New(msg)
				}
			}
			argi++
			n++
			continue
		}
		i++
		if isScanSpace(c) {
			src.skip(false)
			afterSpace = true
			continue
		}
		if c == '\n' {
			src.skip(false)
			ch, ok := src.peek()
			if ok && ch != '\n' {
				return n, errors.New("newline in format does not match input")
			}
			if ok {
				src.advance()
			}
			continue
		}
		ch, ok := src.peek()
		if !ok {
			return n, io.ErrUnexpectedEOF
		}
		if ch != c {
			return n, errors.New("input does not match format")
		}
		src.advance()
	}
	if argi < len(a) {
		return n, errors.New("too many operands")
	}
	return n, nil
}

// Sscan scans the argument string, storing successive space-separated
// values into successive arguments. Newlines count as space.
func Sscan(str string, a ...any) (n int, err error) {
	return scanWords(&scanSource{s: str}, a, true)
}

// Sscanln is like Sscan, but stops scanning at a newline.
func Sscanln(str string, a ...any) (n int, err error) {
	return scanWords(&scanSource{s: str}, a, false)
}

// Sscanf scans the argument string, storing successive space-separated
// values into successive arguments as determined by the format.
func Sscanf(str string, format string, a ...any) (n int, err error) {
	return scanFormat(&scanSource{s: str}, format, a)
}

// Fscan scans text read from r into successive arguments. Newlines count
// as space.
func Fscan(r io.Reader, a ...any) (n int, err error) {
	return scanWords(newReaderSource(r), a, true)
}

// Fscanln is like Fscan, but stops scanning at a newline.
func Fscanln(r io.Reader, a ...any) (n int, err error) {
	return scanWords(newReaderSource(r), a, false)
}

// Fscanf scans text read from r as determined by the format.
func Fscanf(r io.Reader, format string, a ...any) (n int, err error) {
	return scanFormat(newReaderSource(r), format, a)
}

// pending holds standard-input text read (a line at a time) but not yet
// scanned, so consecutive Scan calls share one line as Go's do.
var pending string

// stdinLine appends the next line of standard input to pending.
func stdinLine() bool {
	line, ok := readLine()
	if !ok && line == "" {
		return false
	}
	pending += line
	if ok {
		pending += "\n"
	}
	return true
}

func pendingHasNewline() bool {
	for i := 0; i < len(pending); i++ {
		if pending[i] == '\n' {
			return true
		}
	}
	return false
}

// dropLine discards pending text through the next newline (after an
// error, so the next call starts on a fresh line).
func dropLine() {
	for i := 0; i < len(pending); i++ {
		if pending[i] == '\n' {
			pending = pending[i+1:]
			return
		}
	}
	pending = ""
}

// Scan scans standard input, treating newlines as spaces, into the
// arguments.
func Scan(a ...any) (n int, err error) {
	for {
		src := &scanSource{s: pending}
		n, err = scanWords(src, a, true)
		if (err == io.EOF || err == io.ErrUnexpectedEOF) && stdinLine() {
			continue
		}
		pending = src.s[src.i:]
		// Go reads one character past the last operand and, standard
		// input being unable to unread it, loses it.
		if err == nil && len(pending) > 0 && (isScanSpace(pending[0]) || pending[0] == '\n') {
			pending = pending[1:]
		}
		return n, err
	}
}

// Scanln scans one line of standard input into the arguments.
func Scanln(a ...any) (n int, err error) {
	for !pendingHasNewline() && stdinLine() {
	}
	if pending == "" {
		return 0, io.EOF
	}
	src := &scanSource{s: pending}
	n, err = scanWords(src, a, false)
	pending = src.s[src.i:]
	if err != nil {
		dropLine()
	}
	return n, err
}

// Scanf scans standard input as determined by the format, a line at a
// time.
func Scanf(format string, a ...any) (n int, err error) {
	for !pendingHasNewline() && stdinLine() {
	}
	if pending == "" {
		return 0, io.EOF
	}
	src := &scanSource{s: pending}
	n, err = scanFormat(src, format, a)
	pending = src.s[src.i:]
	if err != nil {
		dropLine()
	}
	return n, err
}
