package bytes

import (
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinRead is the minimum slice size passed to a Read call by
// Buffer.ReadFrom.
const MinRead = 512

// ErrTooLarge is passed to panic if memory cannot be allocated to store
// data in a buffer.
var ErrTooLarge = errors.New("bytes.Buffer: too large")

// errNegativeRead is the panic of a Reader returning a negative count.
var errNegativeRead = errors.New("bytes.Buffer: reader returned negative count from Read")

var errUnreadByte = errors.New("bytes.Buffer: UnreadByte: previous operation was not a successful read")

// The kinds of the last read, for UnreadRune and UnreadByte.
const (
	opRead    = -1 // any other read operation
	opInvalid = 0  // a non-read operation
	// 1 to 4: ReadRune of a rune of that size
)

// A Buffer is a variable-sized buffer of bytes with Read and Write
// methods. The zero value for Buffer is an empty buffer ready to use.
type Buffer struct {
	buf      []byte
	off      int
	lastRead int
}

// NewBuffer creates and initializes a new Buffer using buf as its initial
// contents.
func NewBuffer(buf []byte) *Buffer { return &Buffer{buf: buf} }

// NewBufferString creates and initializes a new Buffer using string s as
// its initial contents.
func NewBufferString(s string) *Buffer { return &Buffer{buf: []byte(s)} }

// Bytes returns a slice holding the unread portion of the buffer.
func (b *Buffer) Bytes() []byte { return b.buf[b.off:] }

// String returns the contents of the unread portion of the buffer as a
// string. If the Buffer is a nil pointer, it returns "<nil>".
func (b *Buffer) String() string {
	if b == nil {
		return "<nil>"
	}
	return string(b.buf[b.off:])
}

// Len returns the number of bytes of the unread portion of the buffer.
func (b *Buffer) Len() int { return len(b.buf) - b.off }

// Cap returns the capacity of the buffer's underlying byte slice.
func (b *Buffer) Cap() int { return cap(b.buf) }

// Available returns how many bytes are unused in the buffer.
func (b *Buffer) Available() int { return cap(b.buf) - len(b.buf) }

// AvailableBuffer returns an empty buffer with b.Available() capacity, to
// be appended to and passed to an immediately succeeding Write call.
func (b *Buffer) AvailableBuffer() []byte { return b.buf[len(b.buf):] }

// Reset resets the buffer to be empty.
func (b *Buffer) Reset() {
	b.buf = b.buf[:0]
	b.off = 0
	b.lastRead = opInvalid
}

// Truncate discards all but the first n unread bytes from the buffer.
func (b *Buffer) Truncate(n int) {
	if n == 0 {
		b.Reset()
		return
	}
	b.lastRead = opInvalid
	if n < 0 || n > b.Len() {
		panic("bytes.Buffer: truncation out of range")
	}
	b.buf = b.buf[:b.off+n]
}

// Grow grows the buffer's capacity to guarantee space for another n bytes.
func (b *Buffer) Grow(n int) {
	if n < 0 {
		panic("bytes.Buffer.Grow: negative count")
	}
	if cap(b.buf)-len(b.buf) < n {
		nb := make([]byte, len(b.buf), 2*cap(b.buf)+n)
		copy(nb, b.buf)
		b.buf = nb
	}
}

// Write appends the contents of p to the buffer.
func (b *Buffer) Write(p []byte) (n int, err error) {
	b.lastRead = opInvalid
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// WriteString appends the contents of s to the buffer.
func (b *Buffer) WriteString(s string) (n int, err error) {
	b.lastRead = opInvalid
	b.buf = append(b.buf, s...)
	return len(s), nil
}

// WriteByte appends the byte c to the buffer.
func (b *Buffer) WriteByte(c byte) error {
	b.lastRead = opInvalid
	b.buf = append(b.buf, c)
	return nil
}

// WriteRune appends the UTF-8 encoding of r to the buffer.
func (b *Buffer) WriteRune(r rune) (n int, err error) {
	b.lastRead = opInvalid
	m := len(b.buf)
	b.buf = utf8.AppendRune(b.buf, r)
	return len(b.buf) - m, nil
}

// ReadFrom reads data from r until EOF and appends it to the buffer.
func (b *Buffer) ReadFrom(r io.Reader) (n int64, err error) {
	b.lastRead = opInvalid
	for {
		b.Grow(MinRead)
		m, e := r.Read(b.buf[len(b.buf):cap(b.buf)])
		if m < 0 {
			panic(errNegativeRead)
		}
		b.buf = b.buf[:len(b.buf)+m]
		n += int64(m)
		if e == io.EOF {
			return n, nil
		}
		if e != nil {
			return n, e
		}
	}
}

// WriteTo writes data to w until the buffer is drained or an error occurs.
func (b *Buffer) WriteTo(w io.Writer) (n int64, err error) {
	b.lastRead = opInvalid
	if nBytes := b.Len(); nBytes > 0 {
		m, e := w.Write(b.buf[b.off:])
		if m > nBytes {
			panic("bytes.Buffer.WriteTo: invalid Write count")
		}
		b.off += m
		n = int64(m)
		if e != nil {
			return n, e
		}
		if m != nBytes {
			return n, io.ErrShortWrite
		}
	}
	b.Reset()
	return n, nil
}

// empty reports whether the unread portion of the buffer is empty.
func (b *Buffer) empty() bool { return len(b.buf) <= b.off }

// Read reads the next len(p) bytes from the buffer or until the buffer is
// drained.
func (b *Buffer) Read(p []byte) (n int, err error) {
	b.lastRead = opInvalid
	if b.empty() {
		b.Reset()
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n = copy(p, b.buf[b.off:])
	b.off += n
	if n > 0 {
		b.lastRead = opRead
	}
	return n, nil
}

// Next returns a slice containing the next n bytes from the buffer,
// advancing the buffer as if the bytes had been returned by Read.
func (b *Buffer) Next(n int) []byte {
	b.lastRead = opInvalid
	m := b.Len()
	if n > m {
		n = m
	}
	data := b.buf[b.off : b.off+n]
	b.off += n
	if n > 0 {
		b.lastRead = opRead
	}
	return data
}

// ReadByte reads and returns the next byte from the buffer.
func (b *Buffer) ReadByte() (byte, error) {
	if b.empty() {
		b.Reset()
		return 0, io.EOF
	}
	c := b.buf[b.off]
	b.off++
	b.lastRead = opRead
	return c, nil
}

// ReadRune reads and returns the next UTF-8-encoded Unicode code point
// from the buffer.
func (b *Buffer) ReadRune() (r rune, size int, err error) {
	if b.empty() {
		b.Reset()
		return 0, 0, io.EOF
	}
	c := b.buf[b.off]
	if c < utf8.RuneSelf {
		b.off++
		b.lastRead = 1
		return rune(c), 1, nil
	}
	r, n := utf8.DecodeRune(b.buf[b.off:])
	b.off += n
	b.lastRead = n
	return r, n, nil
}

// UnreadRune unreads the last rune returned by ReadRune.
func (b *Buffer) UnreadRune() error {
	if b.lastRead <= opInvalid {
		return errors.New("bytes.Buffer: UnreadRune: previous operation was not a successful ReadRune")
	}
	if b.off >= b.lastRead {
		b.off -= b.lastRead
	}
	b.lastRead = opInvalid
	return nil
}

// UnreadByte unreads the last byte returned by the most recent successful
// read operation that read at least one byte.
func (b *Buffer) UnreadByte() error {
	if b.lastRead == opInvalid {
		return errUnreadByte
	}
	b.lastRead = opInvalid
	if b.off > 0 {
		b.off--
	}
	return nil
}

// ReadBytes reads until the first occurrence of delim in the input,
// returning a slice containing the data up to and including the
// delimiter (io.EOF if there is none).
func (b *Buffer) ReadBytes(delim byte) (line []byte, err error) {
	slice, err := b.readSlice(delim)
	line = append(line, slice...)
	return line, err
}

func (b *Buffer) readSlice(delim byte) (line []byte, err error) {
	i := IndexByte(b.buf[b.off:], delim)
	end := b.off + i + 1
	if i < 0 {
		end = len(b.buf)
		err = io.EOF
	}
	line = b.buf[b.off:end]
	b.off = end
	b.lastRead = opRead
	return line, err
}

// ReadString reads until the first occurrence of delim in the input.
func (b *Buffer) ReadString(delim byte) (line string, err error) {
	slice, err := b.readSlice(delim)
	return string(slice), err
}

// ---- functions over byte slices ----

// Equal reports whether a and b are the same length and contain the same
// bytes.
func Equal(a, b []byte) bool { return string(a) == string(b) }

// Compare returns an integer comparing two byte slices lexicographically.
func Compare(a, b []byte) int { return strings.Compare(string(a), string(b)) }

func Contains(b, subslice []byte) bool   { return Index(b, subslice) >= 0 }
func ContainsAny(b []byte, chars string) bool { return IndexAny(b, chars) >= 0 }
func ContainsRune(b []byte, r rune) bool  { return IndexRune(b, r) >= 0 }
func ContainsFunc(b []byte, f func(rune) bool) bool { return IndexFunc(b, f) >= 0 }

func Index(s, sep []byte) int       { return strings.Index(string(s), string(sep)) }
func LastIndex(s, sep []byte) int   { return strings.LastIndex(string(s), string(sep)) }
func IndexAny(s []byte, chars string) int { return strings.IndexAny(string(s), chars) }
func LastIndexAny(s []byte, chars string) int { return strings.LastIndexAny(string(s), chars) }
func IndexRune(s []byte, r rune) int { return strings.IndexRune(string(s), r) }
func Count(s, sep []byte) int       { return strings.Count(string(s), string(sep)) }
func EqualFold(s, t []byte) bool    { return strings.EqualFold(string(s), string(t)) }

func IndexByte(b []byte, c byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

func LastIndexByte(s []byte, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// IndexFunc returns the byte index of the first rune satisfying f, or -1.
func IndexFunc(s []byte, f func(r rune) bool) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if f(r) {
			return i
		}
		i += n
	}
	return -1
}

// LastIndexFunc returns the byte index of the last rune satisfying f, or -1.
func LastIndexFunc(s []byte, f func(r rune) bool) int {
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRune(s[0:i])
		i -= size
		if f(r) {
			return i
		}
	}
	return -1
}

func HasPrefix(s, prefix []byte) bool {
	return len(s) >= len(prefix) && string(s[:len(prefix)]) == string(prefix)
}

func HasSuffix(s, suffix []byte) bool {
	return len(s) >= len(suffix) && string(s[len(s)-len(suffix):]) == string(suffix)
}

func ToUpper(s []byte) []byte { return []byte(strings.ToUpper(string(s))) }
func ToLower(s []byte) []byte { return []byte(strings.ToLower(string(s))) }
func ToTitle(s []byte) []byte { return []byte(strings.ToTitle(string(s))) }
func Title(s []byte) []byte   { return []byte(strings.Title(string(s))) }

// Repeat returns count copies of b; its panics are bytes.Repeat's own
// (Go 1.22's checks, in its order), not strings.Repeat's.
func Repeat(b []byte, count int) []byte {
	if count == 0 {
		return []byte{}
	}
	if count < 0 {
		panic("bytes: negative Repeat count")
	}
	if len(b) >= int(^uint(0)>>1)/count {
		panic("bytes: Repeat output length overflow")
	}
	if len(b) == 0 {
		return []byte{}
	}
	return []byte(strings.Repeat(string(b), count))
}

// Replace returns a copy of s with the first n non-overlapping instances
// of old replaced by new (all of them if n < 0).
func Replace(s, old, new []byte, n int) []byte {
	return []byte(strings.Replace(string(s), string(old), string(new), n))
}

func ReplaceAll(s, old, new []byte) []byte { return Replace(s, old, new, -1) }

// Map returns a copy of s with all its characters modified by mapping (a
// negative result drops the character).
func Map(mapping func(r rune) rune, s []byte) []byte {
	return []byte(strings.Map(mapping, string(s)))
}

// Runes interprets s as UTF-8 and returns the equivalent runes.
func Runes(s []byte) []rune { return []rune(string(s)) }

// Clone returns a copy of b[:len(b)] (nil for nil).
func Clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

// TrimLeftFunc returns the subslice of s without the leading runes
// satisfying f.
func TrimLeftFunc(s []byte, f func(r rune) bool) []byte {
	i := IndexFunc(s, func(r rune) bool { return !f(r) })
	if i == -1 {
		return nil
	}
	return s[i:]
}

// TrimRightFunc returns the subslice of s without the trailing runes
// satisfying f.
func TrimRightFunc(s []byte, f func(r rune) bool) []byte {
	i := LastIndexFunc(s, func(r rune) bool { return !f(r) })
	if i >= 0 && s[i] >= utf8.RuneSelf {
		_, wid := utf8.DecodeRune(s[i:])
		i += wid
	} else {
		i++
	}
	return s[0:i]
}

func TrimFunc(s []byte, f func(r rune) bool) []byte {
	return TrimRightFunc(TrimLeftFunc(s, f), f)
}

func inCutset(cutset string) func(rune) bool {
	return func(r rune) bool { return strings.ContainsRune(cutset, r) }
}

func Trim(s []byte, cutset string) []byte {
	if len(s) == 0 || cutset == "" {
		return s
	}
	return TrimFunc(s, inCutset(cutset))
}

func TrimLeft(s []byte, cutset string) []byte {
	if len(s) == 0 || cutset == "" {
		return s
	}
	return TrimLeftFunc(s, inCutset(cutset))
}

func TrimRight(s []byte, cutset string) []byte {
	if len(s) == 0 || cutset == "" {
		return s
	}
	return TrimRightFunc(s, inCutset(cutset))
}

// TrimSpace returns the subslice of s without leading and trailing white
// space.
func TrimSpace(s []byte) []byte { return TrimFunc(s, unicode.IsSpace) }

func TrimPrefix(s, prefix []byte) []byte {
	if HasPrefix(s, prefix) {
		return s[len(prefix):]
	}
	return s
}

func TrimSuffix(s, suffix []byte) []byte {
	if HasSuffix(s, suffix) {
		return s[:len(s)-len(suffix)]
	}
	return s
}

// Cut slices s around the first instance of sep.
func Cut(s, sep []byte) (before, after []byte, found bool) {
	if i := Index(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, nil, false
}

// CutPrefix returns s without the provided leading prefix and whether it
// was there.
func CutPrefix(s, prefix []byte) (after []byte, found bool) {
	if !HasPrefix(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// CutSuffix returns s without the provided ending suffix and whether it
// was there.
func CutSuffix(s, suffix []byte) (before []byte, found bool) {
	if !HasSuffix(s, suffix) {
		return s, false
	}
	return s[:len(s)-len(suffix)], true
}

// genSplit splits s around each instance of sep (after it when
// sepSave is len(sep)), into at most n subslices (all if n < 0).
func genSplit(s, sep []byte, sepSave, n int) [][]byte {
	if n == 0 {
		return nil
	}
	if len(sep) == 0 {
		// Split into UTF-8 sequences.
		if n < 0 || n > utf8.RuneCount(s) {
			n = utf8.RuneCount(s)
		}
		a := make([][]byte, n)
		for i := 0; i < n-1; i++ {
			_, size := utf8.DecodeRune(s)
			a[i] = s[:size:size]
			s = s[size:]
		}
		if n > 0 {
			a[n-1] = s
		}
		return a
	}
	if n < 0 {
		n = Count(s, sep) + 1
	}
	a := make([][]byte, n)
	n--
	i := 0
	for i < n {
		m := Index(s, sep)
		if m < 0 {
			break
		}
		a[i] = s[: m+sepSave : m+sepSave]
		s = s[m+len(sep):]
		i++
	}
	a[i] = s
	return a[:i+1]
}

func Split(s, sep []byte) [][]byte           { return genSplit(s, sep, 0, -1) }
func SplitN(s, sep []byte, n int) [][]byte   { return genSplit(s, sep, 0, n) }
func SplitAfter(s, sep []byte) [][]byte      { return genSplit(s, sep, len(sep), -1) }
func SplitAfterN(s, sep []byte, n int) [][]byte { return genSplit(s, sep, len(sep), n) }

// Fields splits s around runs of white space, returning subslices of s.
func Fields(s []byte) [][]byte { return FieldsFunc(s, unicode.IsSpace) }

// FieldsFunc splits s at each run of code points satisfying f.
func FieldsFunc(s []byte, f func(rune) bool) [][]byte {
	var a [][]byte
	start := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		if f(r) {
			if start >= 0 {
				a = append(a, s[start:i:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		a = append(a, s[start:len(s):len(s)])
	}
	return a
}

// Join concatenates the elements of s with sep between them.
func Join(s [][]byte, sep []byte) []byte {
	if len(s) == 0 {
		return []byte{}
	}
	var out []byte
	for i, p := range s {
		if i > 0 {
			out = append(out, sep...)
		}
		out = append(out, p...)
	}
	if out == nil {
		out = []byte{}
	}
	return out
}

// A Reader implements io.Reader, io.ReaderAt, io.ByteScanner,
// io.RuneScanner, io.Seeker and io.WriterTo reading from a byte slice.
type Reader struct {
	s        []byte
	i        int64
	prevRune int
}

// NewReader returns a new Reader reading from b.
func NewReader(b []byte) *Reader { return &Reader{b, 0, -1} }

// Len returns the number of bytes of the unread portion of the slice.
func (r *Reader) Len() int {
	if r.i >= int64(len(r.s)) {
		return 0
	}
	return int(int64(len(r.s)) - r.i)
}

// Size returns the original length of the underlying byte slice.
func (r *Reader) Size() int64 { return int64(len(r.s)) }

func (r *Reader) Read(b []byte) (n int, err error) {
	if r.i >= int64(len(r.s)) {
		return 0, io.EOF
	}
	r.prevRune = -1
	n = copy(b, r.s[r.i:])
	r.i += int64(n)
	return
}

func (r *Reader) ReadAt(b []byte, off int64) (n int, err error) {
	if off < 0 {
		return 0, errors.New("bytes.Reader.ReadAt: negative offset")
	}
	if off >= int64(len(r.s)) {
		return 0, io.EOF
	}
	n = copy(b, r.s[off:])
	if n < len(b) {
		err = io.EOF
	}
	return
}

func (r *Reader) ReadByte() (byte, error) {
	r.prevRune = -1
	if r.i >= int64(len(r.s)) {
		return 0, io.EOF
	}
	b := r.s[r.i]
	r.i++
	return b, nil
}

func (r *Reader) UnreadByte() error {
	if r.i <= 0 {
		return errors.New("bytes.Reader.UnreadByte: at beginning of slice")
	}
	r.prevRune = -1
	r.i--
	return nil
}

func (r *Reader) ReadRune() (ch rune, size int, err error) {
	if r.i >= int64(len(r.s)) {
		r.prevRune = -1
		return 0, 0, io.EOF
	}
	r.prevRune = int(r.i)
	if c := r.s[r.i]; c < utf8.RuneSelf {
		r.i++
		return rune(c), 1, nil
	}
	ch, size = utf8.DecodeRune(r.s[r.i:])
	r.i += int64(size)
	return
}

func (r *Reader) UnreadRune() error {
	if r.i <= 0 {
		return errors.New("bytes.Reader.UnreadRune: at beginning of slice")
	}
	if r.prevRune < 0 {
		return errors.New("bytes.Reader.UnreadRune: previous operation was not ReadRune")
	}
	r.i = int64(r.prevRune)
	r.prevRune = -1
	return nil
}

func (r *Reader) Seek(offset int64, whence int) (int64, error) {
	r.prevRune = -1
	var abs int64
	switch whence {
	case io.SeekStart:
		abs = offset
	case io.SeekCurrent:
		abs = r.i + offset
	case io.SeekEnd:
		abs = int64(len(r.s)) + offset
	default:
		return 0, errors.New("bytes.Reader.Seek: invalid whence")
	}
	if abs < 0 {
		return 0, errors.New("bytes.Reader.Seek: negative position")
	}
	r.i = abs
	return abs, nil
}

func (r *Reader) WriteTo(w io.Writer) (n int64, err error) {
	r.prevRune = -1
	if r.i >= int64(len(r.s)) {
		return 0, nil
	}
	b := r.s[r.i:]
	m, err := w.Write(b)
	r.i += int64(m)
	n = int64(m)
	if m != len(b) && err == nil {
		err = io.ErrShortWrite
	}
	return
}

// Reset resets the Reader to be reading from b.
func (r *Reader) Reset(b []byte) { *r = Reader{b, 0, -1} }

// ToValidUTF8 returns a copy of s with each run of invalid UTF-8 byte
// sequences replaced by the replacement slice.
func ToValidUTF8(s, replacement []byte) []byte {
	return []byte(strings.ToValidUTF8(string(s), string(replacement)))
}
