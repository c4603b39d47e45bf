package hex

// Package hex: hexadecimal encoding and decoding (Go's encoding/hex:
// Encode/Decode, the String forms, Dump and Dumper, NewEncoder/NewDecoder).

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

const hextable = "0123456789abcdef"

// ErrLength reports an attempt to decode an odd-length input.
var ErrLength = errors.New("encoding/hex: odd length hex string")

// InvalidByteError values describe errors resulting from an invalid byte
// in a hex string.
type InvalidByteError byte

func (e InvalidByteError) Error() string {
	return fmt.Sprintf("encoding/hex: invalid byte: %#U", rune(e))
}

// EncodedLen returns the length of an encoding of n source bytes.
func EncodedLen(n int) int { return n * 2 }

// DecodedLen returns the length of a decoding of x source bytes.
func DecodedLen(x int) int { return x / 2 }

// Encode encodes src into EncodedLen(len(src)) bytes of dst.
func Encode(dst, src []byte) int {
	j := 0
	for _, v := range src {
		dst[j] = hextable[v>>4]
		dst[j+1] = hextable[v&0x0f]
		j += 2
	}
	return len(src) * 2
}

// AppendEncode appends the hexadecimally encoded src to dst.
func AppendEncode(dst, src []byte) []byte {
	for _, v := range src {
		dst = append(dst, hextable[v>>4], hextable[v&0x0f])
	}
	return dst
}

// EncodeToString returns the hexadecimal encoding of src.
func EncodeToString(src []byte) string {
	dst := make([]byte, EncodedLen(len(src)))
	Encode(dst, src)
	return string(dst)
}

func fromHexChar(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Decode decodes src into DecodedLen(len(src)) bytes, returning the number
// of bytes written. An invalid byte is reported before an odd length, as
// Go does.
func Decode(dst, src []byte) (int, error) {
	i, j := 0, 1
	for ; j < len(src); j += 2 {
		a, ok := fromHexChar(src[j-1])
		if !ok {
			return i, InvalidByteError(src[j-1])
		}
		b, ok := fromHexChar(src[j])
		if !ok {
			return i, InvalidByteError(src[j])
		}
		dst[i] = (a << 4) | b
		i++
	}
	if len(src)%2 == 1 {
		if _, ok := fromHexChar(src[j-1]); !ok {
			return i, InvalidByteError(src[j-1])
		}
		return i, ErrLength
	}
	return i, nil
}

// AppendDecode appends the hexadecimally decoded src to dst.
func AppendDecode(dst, src []byte) ([]byte, error) {
	out := make([]byte, DecodedLen(len(src)))
	n, err := Decode(out, src)
	return append(dst, out[:n]...), err
}

// DecodeString returns the bytes represented by the hexadecimal string s.
func DecodeString(s string) ([]byte, error) {
	src := []byte(s)
	n, err := Decode(src, src)
	return src[:n], err
}

// Dump returns a string that contains a hex dump of the given data, in
// the format of `hexdump -C`.
func Dump(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	var buf strings.Builder
	d := Dumper(&buf)
	d.Write(data)
	d.Close()
	return buf.String()
}

type dumper struct {
	w      io.Writer
	right  [18]byte
	used   int // bytes in the current line
	n      uint
	closed bool
}

// Dumper returns a WriteCloser that writes a hex dump of all written data
// to w; Close flushes the last, partial line.
func Dumper(w io.Writer) io.WriteCloser { return &dumper{w: w} }

func toChar(b byte) byte {
	if b < 32 || b > 126 {
		return '.'
	}
	return b
}

func (h *dumper) Write(data []byte) (n int, err error) {
	if h.closed {
		return 0, errors.New("encoding/hex: dumper closed")
	}
	var line []byte
	for i := range data {
		if h.used == 0 {
			line = append(line[:0], fmt.Sprintf("%08x  ", h.n)...)
			if _, err = h.w.Write(line); err != nil {
				return
			}
		}
		line = append(line[:0], hextable[data[i]>>4], hextable[data[i]&0x0f], ' ')
		if h.used == 7 {
			line = append(line, ' ')
		} else if h.used == 15 {
			line = append(line, ' ', '|')
		}
		if _, err = h.w.Write(line); err != nil {
			return
		}
		n++
		h.right[h.used] = toChar(data[i])
		h.used++
		h.n++
		if h.used == 16 {
			h.right[16] = '|'
			h.right[17] = '\n'
			if _, err = h.w.Write(h.right[:]); err != nil {
				return
			}
			h.used = 0
		}
	}
	return
}

func (h *dumper) Close() (err error) {
	if h.closed {
		return
	}
	h.closed = true
	if h.used == 0 {
		return
	}
	var pad []byte
	for k := h.used; k < 16; k++ {
		pad = append(pad, ' ', ' ', ' ')
		if k == 7 {
			pad = append(pad, ' ')
		} else if k == 15 {
			pad = append(pad, ' ', '|')
		}
	}
	pad = append(pad, h.right[:h.used]...)
	pad = append(pad, '|', '\n')
	_, err = h.w.Write(pad)
	return
}

type encoder struct{ w io.Writer }

// NewEncoder returns an io.Writer that writes lowercase hexadecimal
// characters to w.
func NewEncoder(w io.Writer) io.Writer { return &encoder{w} }

func (e *encoder) Write(p []byte) (n int, err error) {
	out := make([]byte, EncodedLen(len(p)))
	Encode(out, p)
	written, err := e.w.Write(out)
	return written / 2, err
}

type decoder struct {
	r   io.Reader
	err error
	in  []byte // undecoded input (at most one odd char carried over)
}

// NewDecoder returns an io.Reader that decodes hexadecimal characters
// from r.
func NewDecoder(r io.Reader) io.Reader { return &decoder{r: r} }

func (d *decoder) Read(p []byte) (n int, err error) {
	for len(d.in) < 2 && d.err == nil {
		buf := make([]byte, 2*len(p)+2)
		var m int
		m, d.err = d.r.Read(buf)
		d.in = append(d.in, buf[:m]...)
		if m == 0 && d.err == nil {
			break
		}
	}
	if len(d.in) < 2 {
		if d.err == io.EOF && len(d.in) == 1 {
			if _, ok := fromHexChar(d.in[0]); !ok {
				return 0, InvalidByteError(d.in[0])
			}
			return 0, io.ErrUnexpectedEOF
		}
		return 0, d.err
	}
	take := len(d.in) / 2 * 2
	if take > 2*len(p) {
		take = 2 * len(p)
	}
	n, err = Decode(p, d.in[:take])
	d.in = d.in[take:]
	return n, err
}
