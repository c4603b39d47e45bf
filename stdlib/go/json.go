// json.go — package encoding/json: the Go-side API (errors, Encoder,
// Decoder, RawMessage, Number) over the natives in stdlib/json.c, which
// walk values by their run-time types, print and parse the text.
//
// Must never format or parse JSON itself: json.c is the one engine, so
// Marshal, Encoder and Indent print exactly alike.
package json

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// Error kinds the natives report (json.c's JsonErr).
const (
	errNone = iota
	errSyntax
	errUnmarshalType
	errInvalidUnmarshal
	errUnsupportedType
	errUnsupportedValue
	errMarshaler
	errOther
)

// A SyntaxError is a description of a JSON syntax error.
type SyntaxError struct {
	msg    string
	Offset int64 // error occurred after reading Offset bytes
}

func (e *SyntaxError) Error() string { return e.msg }

// An UnmarshalTypeError describes a JSON value that was not appropriate for
// a value of a specific Go type.
type UnmarshalTypeError struct {
	Value  string // description of JSON value - "bool", "array", "number -5"
	Offset int64
	Struct string // name of the struct type containing the field
	Field  string // the full path from the root to the field
	msg    string
}

func (e *UnmarshalTypeError) Error() string { return e.msg }

// An InvalidUnmarshalError describes an invalid argument passed to Unmarshal.
type InvalidUnmarshalError struct{ msg string }

func (e *InvalidUnmarshalError) Error() string { return e.msg }

// An UnsupportedTypeError is returned by Marshal when attempting to encode
// an unsupported value type.
type UnsupportedTypeError struct{ msg string }

func (e *UnsupportedTypeError) Error() string { return e.msg }

// An UnsupportedValueError is returned by Marshal when attempting to
// encode an unsupported value (NaN, an infinity).
type UnsupportedValueError struct {
	Str string
	msg string
}

func (e *UnsupportedValueError) Error() string { return e.msg }

// A MarshalerError represents an error from calling a MarshalJSON or
// MarshalText method.
type MarshalerError struct {
	msg string
	Err error
}

func (e *MarshalerError) Error() string { return e.msg }
func (e *MarshalerError) Unwrap() error { return e.Err }

// Marshaler is the interface implemented by types that can marshal
// themselves into valid JSON.
type Marshaler interface {
	MarshalJSON() ([]byte, error)
}

// Unmarshaler is the interface implemented by types that can unmarshal a
// JSON description of themselves.
type Unmarshaler interface {
	UnmarshalJSON([]byte) error
}

// RawMessage is a raw encoded JSON value.
type RawMessage []byte

// MarshalJSON returns m as the JSON encoding of m.
func (m RawMessage) MarshalJSON() ([]byte, error) {
	if m == nil {
		return []byte("null"), nil
	}
	return m, nil
}

// UnmarshalJSON sets *m to a copy of data.
func (m *RawMessage) UnmarshalJSON(data []byte) error {
	if m == nil {
		return errors.New("json.RawMessage: UnmarshalJSON on nil pointer")
	}
	*m = append((*m)[0:0], data...)
	return nil
}

// A Number represents a JSON number literal.
type Number string

// String returns the literal text of the number.
func (n Number) String() string { return string(n) }

// Float64 returns the number as a float64.
func (n Number) Float64() (float64, error) { return strconv.ParseFloat(string(n), 64) }

// Int64 returns the number as an int64.
func (n Number) Int64() (int64, error) { return strconv.ParseInt(string(n), 10, 64) }

// makeError turns a native's report into Go's error value.
func makeError(kind int, msg string, a string, b string, off int) error {
	return makeErrorWrapping(kind, msg, a, b, off, nil)
}

// makeErrorWrapping is makeError with the error a Marshal method returned.
func makeErrorWrapping(kind int, msg string, a string, b string, off int, inner error) error {
	switch kind {
	case errNone:
		return nil
	case errSyntax:
		return &SyntaxError{msg: msg, Offset: int64(off)}
	case errUnmarshalType:
		st, field := "", ""
		for i := 0; i < len(b); i++ {
			if b[i] == '\n' {
				st, field = b[:i], b[i+1:]
			}
		}
		return &UnmarshalTypeError{Value: a, Struct: st, Field: field, Offset: int64(off), msg: msg}
	case errInvalidUnmarshal:
		return &InvalidUnmarshalError{msg}
	case errUnsupportedType:
		return &UnsupportedTypeError{msg}
	case errUnsupportedValue:
		return &UnsupportedValueError{Str: a, msg: msg}
	case errMarshaler:
		if inner == nil {
			inner = errors.New(a)
		}
		return &MarshalerError{msg: msg, Err: inner}
	}
	return errors.New(msg)
}

// Natives (json.c). marshal reports (kind, msg, detail) on failure; the
// two `any` type witnesses give the decoder map[string]any and []any.
func marshal(v any, escapeHTML bool, doIndent bool, prefix string, indent string) (b []byte, kind int, msg string, detail string, err error)
func unmarshal(data []byte, v any, useNumber bool, strict bool, mt any, st any, nt any) (kind int, msg string, a string, b string, off int, err error)
func valid(data []byte) bool
func indentBytes(src []byte, prefix string, indent string) ([]byte, int, string, int)
func compactBytes(src []byte, escapeHTML bool) ([]byte, int, string, int)
func valueEnd(buf []byte, eof bool) (n int, kind int, msg string, off int)

func doUnmarshal(data []byte, v any, useNumber bool, strict bool) error {
	kind, msg, a, b, off, err := unmarshal(data, v, useNumber, strict, map[string]any(nil), []any(nil), Number(""))
	if err != nil {
		return err
	}
	return makeError(kind, msg, a, b, off)
}

// Marshal returns the JSON encoding of v.
func Marshal(v any) ([]byte, error) {
	b, kind, msg, detail, err := marshal(v, true, false, "", "")
	if kind != errNone {
		return nil, makeErrorWrapping(kind, msg, detail, "", 0, err)
	}
	return b, nil
}

// MarshalIndent is like Marshal but applies Indent to format the output.
func MarshalIndent(v any, prefix, indent string) ([]byte, error) {
	b, kind, msg, detail, err := marshal(v, true, true, prefix, indent)
	if kind != errNone {
		return nil, makeErrorWrapping(kind, msg, detail, "", 0, err)
	}
	return b, nil
}

// Unmarshal parses the JSON-encoded data and stores the result in the
// value pointed to by v.
func Unmarshal(data []byte, v any) error {
	return doUnmarshal(data, v, false, false)
}

// Valid reports whether data is a valid JSON encoding.
func Valid(data []byte) bool { return valid(data) }

// Indent appends to dst an indented form of the JSON-encoded src.
func Indent(dst *bytes.Buffer, src []byte, prefix, indent string) error {
	b, kind, msg, off := indentBytes(src, prefix, indent)
	if kind != errNone {
		return makeError(kind, msg, "", "", off)
	}
	dst.Write(b)
	return nil
}

// Compact appends to dst the JSON-encoded src with insignificant space
// characters elided.
func Compact(dst *bytes.Buffer, src []byte) error {
	b, kind, msg, off := compactBytes(src, false)
	if kind != errNone {
		return makeError(kind, msg, "", "", off)
	}
	dst.Write(b)
	return nil
}

// An Encoder writes JSON values to an output stream.
type Encoder struct {
	w          io.Writer
	prefix     string
	indent     string
	escapeHTML bool
}

// NewEncoder returns a new encoder that writes to w.
func NewEncoder(w io.Writer) *Encoder {
	return &Encoder{w: w, escapeHTML: true}
}

// Encode writes the JSON encoding of v to the stream, followed by a
// newline character.
func (enc *Encoder) Encode(v any) error {
	b, kind, msg, detail, merr := marshal(v, enc.escapeHTML, enc.prefix != "" || enc.indent != "", enc.prefix, enc.indent)
	if kind != errNone {
		return makeErrorWrapping(kind, msg, detail, "", 0, merr)
	}
	b = append(b, '\n')
	_, err := enc.w.Write(b)
	return err
}

// SetIndent instructs the encoder to format each subsequent encoded value
// as if indented by the package-level function Indent.
func (enc *Encoder) SetIndent(prefix, indent string) {
	enc.prefix = prefix
	enc.indent = indent
}

// SetEscapeHTML specifies whether problematic HTML characters should be
// escaped inside JSON quoted strings.
func (enc *Encoder) SetEscapeHTML(on bool) { enc.escapeHTML = on }

// A Decoder reads and decodes JSON values from an input stream.
type Decoder struct {
	r         io.Reader
	buf       []byte
	err       error
	eof       bool
	useNumber bool
	strict    bool
	off       int
}

// NewDecoder returns a new decoder that reads from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: r}
}

// UseNumber causes the Decoder to unmarshal a number into an interface
// value as a Number instead of as a float64.
func (dec *Decoder) UseNumber() { dec.useNumber = true }

// DisallowUnknownFields causes the Decoder to return an error when the
// destination is a struct and the input contains object keys which do
// not match any non-ignored, exported fields in the destination.
func (dec *Decoder) DisallowUnknownFields() { dec.strict = true }

// Buffered returns a reader of the data remaining in the Decoder's buffer.
func (dec *Decoder) Buffered() io.Reader {
	return &bufReader{dec.buf}
}

type bufReader struct{ b []byte }

func (r *bufReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// More reports whether there is another element in the current array or
// object being parsed (here: another value in the stream).
func (dec *Decoder) More() bool {
	for {
		for i := 0; i < len(dec.buf); i++ {
			c := dec.buf[i]
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				return c != ']' && c != '}'
			}
		}
		if dec.eof || dec.err != nil {
			return false
		}
		dec.fill()
	}
}

func (dec *Decoder) fill() {
	var tmp [4096]byte
	n, err := dec.r.Read(tmp[:])
	dec.buf = append(dec.buf, tmp[:n]...)
	if err == io.EOF {
		dec.eof = true
	} else if err != nil {
		dec.err = err
	}
}

// Decode reads the next JSON-encoded value from its input and stores it
// in the value pointed to by v.
func (dec *Decoder) Decode(v any) error {
	for {
		n, kind, msg, off := valueEnd(dec.buf, dec.eof)
		if kind == errOther {
			return io.ErrUnexpectedEOF
		}
		if kind != errNone {
			return makeError(kind, msg, "", "", dec.off+off)
		}
		if n > 0 {
			data := dec.buf[:n]
			dec.buf = dec.buf[n:]
			dec.off += n
			return doUnmarshal(data, v, dec.useNumber, dec.strict)
		}
		if n == 0 && dec.eof {
			return io.EOF
		}
		if dec.err != nil {
			return dec.err
		}
		dec.fill()
	}
}
