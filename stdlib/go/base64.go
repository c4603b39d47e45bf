package base64

// Package base64: base64 encoding as specified by RFC 4648 (Go's
// encoding/base64: the four standard encodings, NewEncoding, WithPadding,
// Strict, Encode/Decode and their String and Append forms, NewEncoder and
// NewDecoder streams). Decoding skips '\r' and '\n' as Go does.

import (
	"io"
	"strconv"
)

const (
	StdPadding rune = '='
	NoPadding  rune = -1
)

// An Encoding is a radix 64 encoding/decoding scheme, defined by a
// 64-character alphabet.
type Encoding struct {
	encode    string
	decodeMap [256]byte // 0xff marks a byte outside the alphabet
	padChar   rune
	strict    bool
}

const encodeStd = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
const encodeURL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// NewEncoding returns a new padded Encoding defined by the given alphabet,
// which must be a 64-byte string without '\r' or '\n'.
func NewEncoding(encoder string) *Encoding {
	if len(encoder) != 64 {
		panic("encoding alphabet is not 64-bytes long")
	}
	e := &Encoding{encode: encoder, padChar: StdPadding}
	for i := range e.decodeMap {
		e.decodeMap[i] = 0xff
	}
	for i := 0; i < len(encoder); i++ {
		switch {
		case encoder[i] == '\n' || encoder[i] == '\r':
			panic("encoding alphabet contains newline character")
		case e.decodeMap[encoder[i]] != 0xff:
			panic("encoding alphabet includes duplicate symbols")
		}
		e.decodeMap[encoder[i]] = byte(i)
	}
	return e
}

// WithPadding creates a new encoding identical to enc except with a
// specified padding character, or NoPadding to disable padding.
func (enc Encoding) WithPadding(padding rune) *Encoding {
	if padding == '\r' || padding == '\n' || padding > 0xff {
		panic("invalid padding")
	}
	if padding != NoPadding && enc.decodeMap[byte(padding)] != 0xff {
		panic("padding contained in alphabet")
	}
	enc.padChar = padding
	return &enc
}

// Strict creates a new encoding identical to enc except with strict
// decoding enabled: the trailing padding bits must be zero.
func (enc Encoding) Strict() *Encoding {
	enc.strict = true
	return &enc
}

var (
	StdEncoding    = NewEncoding(encodeStd)
	URLEncoding    = NewEncoding(encodeURL)
	RawStdEncoding = StdEncoding.WithPadding(NoPadding)
	RawURLEncoding = URLEncoding.WithPadding(NoPadding)
)

// EncodedLen returns the length in bytes of the base64 encoding of an
// input buffer of length n.
func (enc *Encoding) EncodedLen(n int) int {
	if enc.padChar == NoPadding {
		return n/3*4 + (n%3*8+5)/6
	}
	return (n + 2) / 3 * 4
}

// DecodedLen returns the maximum length in bytes of the decoded data
// corresponding to n bytes of base64-encoded data.
func (enc *Encoding) DecodedLen(n int) int {
	if enc.padChar == NoPadding {
		return n/4*3 + n%4*6/8
	}
	return n / 4 * 3
}

// Encode encodes src using the encoding enc, writing EncodedLen(len(src))
// bytes to dst.
func (enc *Encoding) Encode(dst, src []byte) {
	if len(src) == 0 {
		return
	}
	di, si := 0, 0
	n := (len(src) / 3) * 3
	for si < n {
		val := uint(src[si+0])<<16 | uint(src[si+1])<<8 | uint(src[si+2])
		dst[di+0] = enc.encode[val>>18&0x3F]
		dst[di+1] = enc.encode[val>>12&0x3F]
		dst[di+2] = enc.encode[val>>6&0x3F]
		dst[di+3] = enc.encode[val&0x3F]
		si += 3
		di += 4
	}
	remain := len(src) - si
	if remain == 0 {
		return
	}
	val := uint(src[si+0]) << 16
	if remain == 2 {
		val |= uint(src[si+1]) << 8
	}
	dst[di+0] = enc.encode[val>>18&0x3F]
	dst[di+1] = enc.encode[val>>12&0x3F]
	switch remain {
	case 2:
		dst[di+2] = enc.encode[val>>6&0x3F]
		if enc.padChar != NoPadding {
			dst[di+3] = byte(enc.padChar)
		}
	case 1:
		if enc.padChar != NoPadding {
			dst[di+2] = byte(enc.padChar)
			dst[di+3] = byte(enc.padChar)
		}
	}
}

// AppendEncode appends the base64 encoded src to dst.
func (enc *Encoding) AppendEncode(dst, src []byte) []byte {
	out := make([]byte, enc.EncodedLen(len(src)))
	enc.Encode(out, src)
	return append(dst, out...)
}

// EncodeToString returns the base64 encoding of src.
func (enc *Encoding) EncodeToString(src []byte) string {
	buf := make([]byte, enc.EncodedLen(len(src)))
	enc.Encode(buf, src)
	return string(buf)
}

// CorruptInputError reports the offset of the first illegal byte.
type CorruptInputError int64

func (e CorruptInputError) Error() string {
	return "illegal base64 data at input byte " + strconv.FormatInt(int64(e), 10)
}

// decodeQuantum decodes up to 4 base64 bytes (skipping newlines) from
// src[si:] into dst[n:], returning the new positions.
func (enc *Encoding) decodeQuantum(dst, src []byte, si, n int) (int, int, error) {
	var dbuf [4]byte
	dlen := 4
	for j := 0; j < len(dbuf); j++ {
		if len(src) == si {
			switch {
			case j == 0:
				return si, n, nil
			case j == 1, enc.padChar != NoPadding:
				return si, n, CorruptInputError(si - j)
			}
			dlen = j
			break
		}
		in := src[si]
		si++
		if out := enc.decodeMap[in]; out != 0xff {
			dbuf[j] = out
			continue
		}
		if in == '\n' || in == '\r' {
			j--
			continue
		}
		if rune(in) != enc.padChar {
			return si, n, CorruptInputError(si - 1)
		}
		// A padding character: we have reached the end of the input.
		switch j {
		case 0, 1:
			return si, n, CorruptInputError(si - 1)
		case 2:
			// "==" is expected: skip newlines, then the second pad.
			for si < len(src) && (src[si] == '\n' || src[si] == '\r') {
				si++
			}
			if si == len(src) {
				return si, n, CorruptInputError(len(src))
			}
			if rune(src[si]) != enc.padChar {
				return si, n, CorruptInputError(si - 1)
			}
			si++
		}
		for si < len(src) && (src[si] == '\n' || src[si] == '\r') {
			si++
		}
		if si < len(src) {
			// Trailing garbage after the padding.
			return si, n, CorruptInputError(si)
		}
		dlen = j
		break
	}
	val := uint(dbuf[0])<<18 | uint(dbuf[1])<<12 | uint(dbuf[2])<<6 | uint(dbuf[3])
	b0, b1, b2 := byte(val>>16), byte(val>>8), byte(val)
	switch dlen {
	case 4:
		dst[n+2] = b2
		b2 = 0
		fallthrough
	case 3:
		dst[n+1] = b1
		if enc.strict && b2 != 0 {
			return si, n, CorruptInputError(si - 1)
		}
		b1 = 0
		fallthrough
	case 2:
		dst[n+0] = b0
		if enc.strict && (b1 != 0 || b2 != 0) {
			return si, n, CorruptInputError(si - 2)
		}
	}
	return si, n + dlen - 1, nil
}

// Decode decodes src using the encoding enc. It writes at most
// DecodedLen(len(src)) bytes to dst and returns the number written. New
// line characters (\r and \n) are ignored.
func (enc *Encoding) Decode(dst, src []byte) (n int, err error) {
	si := 0
	for si < len(src) {
		before := si
		si, n, err = enc.decodeQuantum(dst, src, si, n)
		if err != nil || si == before {
			return n, err
		}
	}
	return n, nil
}

// AppendDecode appends the base64 decoded src to dst.
func (enc *Encoding) AppendDecode(dst, src []byte) ([]byte, error) {
	out := make([]byte, enc.DecodedLen(len(src))+3)
	n, err := enc.Decode(out, src)
	return append(dst, out[:n]...), err
}

// DecodeString returns the bytes represented by the base64 string s.
func (enc *Encoding) DecodeString(s string) ([]byte, error) {
	dbuf := make([]byte, enc.DecodedLen(len(s))+3)
	n, err := enc.Decode(dbuf, []byte(s))
	return dbuf[:n], err
}

type encoder struct {
	enc  *Encoding
	w    io.Writer
	err  error
	buf  []byte // at most 2 bytes waiting for a full quantum
	done bool
}

// NewEncoder returns a new base64 stream encoder: data written to it is
// encoded and written to w; Close flushes any partial block.
func NewEncoder(enc *Encoding, w io.Writer) io.WriteCloser {
	return &encoder{enc: enc, w: w}
}

func (e *encoder) Write(p []byte) (n int, err error) {
	if e.err != nil {
		return 0, e.err
	}
	e.buf = append(e.buf, p...)
	full := len(e.buf) / 3 * 3
	if full > 0 {
		out := make([]byte, e.enc.EncodedLen(full))
		e.enc.Encode(out, e.buf[:full])
		if _, e.err = e.w.Write(out); e.err != nil {
			return 0, e.err
		}
		e.buf = append([]byte(nil), e.buf[full:]...)
	}
	return len(p), nil
}

func (e *encoder) Close() error {
	if e.err == nil && len(e.buf) > 0 {
		out := make([]byte, e.enc.EncodedLen(len(e.buf)))
		e.enc.Encode(out, e.buf)
		_, e.err = e.w.Write(out)
		e.buf = nil
	}
	return e.err
}

type decoder struct {
	enc *Encoding
	r   io.Reader
	in  []byte // undecoded input
	out []byte // decoded bytes not yet returned
	err error
}

// NewDecoder constructs a new base64 stream decoder.
func NewDecoder(enc *Encoding, r io.Reader) io.Reader {
	return &decoder{enc: enc, r: r}
}

func (d *decoder) Read(p []byte) (n int, err error) {
	for len(d.out) == 0 {
		if d.err != nil {
			if d.err == io.EOF && len(d.in) > 0 {
				buf := make([]byte, d.enc.DecodedLen(len(d.in))+3)
				m, err := d.enc.Decode(buf, d.in)
				d.in = nil
				d.out = buf[:m]
				if err != nil {
					d.err = err
				}
				continue
			}
			return 0, d.err
		}
		chunk := make([]byte, 1024)
		m, err := d.r.Read(chunk)
		d.err = err
		for _, c := range chunk[:m] {
			if c != '\n' && c != '\r' {
				d.in = append(d.in, c)
			}
		}
		full := len(d.in) / 4 * 4
		if d.err == nil && full > 0 {
			buf := make([]byte, full/4*3)
			m, err := d.enc.Decode(buf, d.in[:full])
			d.out = buf[:m]
			d.in = append([]byte(nil), d.in[full:]...)
			if err != nil {
				d.err = err
			}
		}
	}
	n = copy(p, d.out)
	d.out = d.out[n:]
	return n, nil
}
