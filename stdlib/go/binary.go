package binary

// Package binary: Go's encoding/binary without reflection: the byte orders
// (LittleEndian, BigEndian, NativeEndian and their Append forms), varints,
// and Read/Write/Size for fixed-size numbers, bools and slices of them (a
// struct operand, which Go walks by reflection, is reported as not
// fixed-size).

import (
	"errors"
	"io"
	"math"
)

// A ByteOrder specifies how to convert byte slices into unsigned integers.
type ByteOrder interface {
	Uint16([]byte) uint16
	Uint32([]byte) uint32
	Uint64([]byte) uint64
	PutUint16([]byte, uint16)
	PutUint32([]byte, uint32)
	PutUint64([]byte, uint64)
	String() string
}

// AppendByteOrder specifies how to append unsigned integers to a byte
// slice.
type AppendByteOrder interface {
	AppendUint16([]byte, uint16) []byte
	AppendUint32([]byte, uint32) []byte
	AppendUint64([]byte, uint64) []byte
	String() string
}

type littleEndian struct{}
type bigEndian struct{}
type nativeEndian struct{ littleEndian }

// LittleEndian is the little-endian implementation of ByteOrder and
// AppendByteOrder.
var LittleEndian littleEndian

// BigEndian is the big-endian implementation of ByteOrder and
// AppendByteOrder.
var BigEndian bigEndian

// NativeEndian is the native-endian (here little-endian) implementation.
var NativeEndian nativeEndian

func (littleEndian) Uint16(b []byte) uint16 {
	_ = b[1]
	return uint16(b[0]) | uint16(b[1])<<8
}

func (littleEndian) PutUint16(b []byte, v uint16) {
	_ = b[1]
	b[0] = byte(v)
	b[1] = byte(v >> 8)
}

func (littleEndian) AppendUint16(b []byte, v uint16) []byte {
	return append(b, byte(v), byte(v>>8))
}

func (littleEndian) Uint32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func (littleEndian) PutUint32(b []byte, v uint32) {
	_ = b[3]
	b[0] = byte(v)
	b[1] = byte(v >> 8)
	b[2] = byte(v >> 16)
	b[3] = byte(v >> 24)
}

func (littleEndian) AppendUint32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

func (littleEndian) Uint64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func (littleEndian) PutUint64(b []byte, v uint64) {
	_ = b[7]
	for i := 0; i < 8; i++ {
		b[i] = byte(v >> (8 * uint(i)))
	}
}

func (littleEndian) AppendUint64(b []byte, v uint64) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24),
		byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56))
}

func (littleEndian) String() string   { return "LittleEndian" }
func (littleEndian) GoString() string { return "binary.LittleEndian" }
func (nativeEndian) String() string   { return "NativeEndian" }
func (nativeEndian) GoString() string { return "binary.NativeEndian" }

func (bigEndian) Uint16(b []byte) uint16 {
	_ = b[1]
	return uint16(b[1]) | uint16(b[0])<<8
}

func (bigEndian) PutUint16(b []byte, v uint16) {
	_ = b[1]
	b[0] = byte(v >> 8)
	b[1] = byte(v)
}

func (bigEndian) AppendUint16(b []byte, v uint16) []byte {
	return append(b, byte(v>>8), byte(v))
}

func (bigEndian) Uint32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[3]) | uint32(b[2])<<8 | uint32(b[1])<<16 | uint32(b[0])<<24
}

func (bigEndian) PutUint32(b []byte, v uint32) {
	_ = b[3]
	b[0] = byte(v >> 24)
	b[1] = byte(v >> 16)
	b[2] = byte(v >> 8)
	b[3] = byte(v)
}

func (bigEndian) AppendUint32(b []byte, v uint32) []byte {
	return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func (bigEndian) Uint64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[7]) | uint64(b[6])<<8 | uint64(b[5])<<16 | uint64(b[4])<<24 |
		uint64(b[3])<<32 | uint64(b[2])<<40 | uint64(b[1])<<48 | uint64(b[0])<<56
}

func (bigEndian) PutUint64(b []byte, v uint64) {
	_ = b[7]
	for i := 0; i < 8; i++ {
		b[i] = byte(v >> (56 - 8*uint(i)))
	}
}

func (bigEndian) AppendUint64(b []byte, v uint64) []byte {
	return append(b, byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32),
		byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func (bigEndian) String() string   { return "BigEndian" }
func (bigEndian) GoString() string { return "binary.BigEndian" }

// ---- varints ----

const (
	MaxVarintLen16 = 3
	MaxVarintLen32 = 5
	MaxVarintLen64 = 10
)

// AppendUvarint appends the varint-encoded form of x to buf.
func AppendUvarint(buf []byte, x uint64) []byte {
	for x >= 0x80 {
		buf = append(buf, byte(x)|0x80)
		x >>= 7
	}
	return append(buf, byte(x))
}

// PutUvarint encodes a uint64 into buf and returns the number of bytes
// written.
func PutUvarint(buf []byte, x uint64) int {
	i := 0
	for x >= 0x80 {
		buf[i] = byte(x) | 0x80
		x >>= 7
		i++
	}
	buf[i] = byte(x)
	return i + 1
}

// Uvarint decodes a uint64 from buf and returns that value and the number
// of bytes read (0: buf too small; negative: overflow, -n bytes read).
func Uvarint(buf []byte) (uint64, int) {
	var x uint64
	var s uint
	for i, b := range buf {
		if i == MaxVarintLen64 {
			return 0, -(i + 1) // overflow
		}
		if b < 0x80 {
			if i == MaxVarintLen64-1 && b > 1 {
				return 0, -(i + 1) // overflow
			}
			return x | uint64(b)<<s, i + 1
		}
		x |= uint64(b&0x7f) << s
		s += 7
	}
	return 0, 0
}

// AppendVarint appends the varint-encoded form of x (zig-zag) to buf.
func AppendVarint(buf []byte, x int64) []byte {
	ux := uint64(x) << 1
	if x < 0 {
		ux = ^ux
	}
	return AppendUvarint(buf, ux)
}

// PutVarint encodes an int64 into buf and returns the number of bytes
// written.
func PutVarint(buf []byte, x int64) int {
	ux := uint64(x) << 1
	if x < 0 {
		ux = ^ux
	}
	return PutUvarint(buf, ux)
}

// Varint decodes an int64 from buf and returns that value and the number
// of bytes read.
func Varint(buf []byte) (int64, int) {
	ux, n := Uvarint(buf)
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x, n
}

var errOverflow = errors.New("binary: varint overflows a 64-bit integer")

// ReadUvarint reads an encoded unsigned integer from r.
func ReadUvarint(r io.ByteReader) (uint64, error) {
	var x uint64
	var s uint
	for i := 0; i < MaxVarintLen64; i++ {
		b, err := r.ReadByte()
		if err != nil {
			if i > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return x, err
		}
		if b < 0x80 {
			if i == MaxVarintLen64-1 && b > 1 {
				return x, errOverflow
			}
			return x | uint64(b)<<s, nil
		}
		x |= uint64(b&0x7f) << s
		s += 7
	}
	return x, errOverflow
}

// ReadVarint reads an encoded signed integer from r.
func ReadVarint(r io.ByteReader) (int64, error) {
	ux, err := ReadUvarint(r)
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x, err
}

// ---- Read, Write, Size ----

// Size returns how many bytes Write would generate to encode the value v,
// or -1 if v is not one of the supported fixed-size kinds.
func Size(v any) int {
	switch data := v.(type) {
	case bool, int8, uint8, *bool, *int8, *uint8:
		return 1
	case int16, uint16, *int16, *uint16:
		return 2
	case int32, uint32, float32, *int32, *uint32, *float32:
		return 4
	case int64, uint64, float64, *int64, *uint64, *float64:
		return 8
	case []bool:
		return len(data)
	case []int8:
		return len(data)
	case []uint8:
		return len(data)
	case []int16:
		return 2 * len(data)
	case []uint16:
		return 2 * len(data)
	case []int32:
		return 4 * len(data)
	case []uint32:
		return 4 * len(data)
	case []float32:
		return 4 * len(data)
	case []int64:
		return 8 * len(data)
	case []uint64:
		return 8 * len(data)
	case []float64:
		return 8 * len(data)
	}
	return -1
}

func typeName(v any) string {
	switch v.(type) {
	case int:
		return "int"
	case uint:
		return "uint"
	case string:
		return "string"
	case []int:
		return "[]int"
	}
	return "value"
}

// Write writes the binary representation of data into w, in the given
// byte order; data must be a fixed-size number, bool, pointer to one, or
// slice of them.
func Write(w io.Writer, order ByteOrder, data any) error {
	n := Size(data)
	if n < 0 {
		return errors.New("binary.Write: some values are not fixed-sized in type " + typeName(data))
	}
	bs := make([]byte, 0, n)
	put16 := func(v uint16) {
		var b [2]byte
		order.PutUint16(b[:], v)
		bs = append(bs, b[:]...)
	}
	put32 := func(v uint32) {
		var b [4]byte
		order.PutUint32(b[:], v)
		bs = append(bs, b[:]...)
	}
	put64 := func(v uint64) {
		var b [8]byte
		order.PutUint64(b[:], v)
		bs = append(bs, b[:]...)
	}
	bool8 := func(x bool) byte {
		if x {
			return 1
		}
		return 0
	}
	switch v := data.(type) {
	case bool:
		bs = append(bs, bool8(v))
	case *bool:
		bs = append(bs, bool8(*v))
	case []bool:
		for _, x := range v {
			bs = append(bs, bool8(x))
		}
	case int8:
		bs = append(bs, byte(v))
	case *int8:
		bs = append(bs, byte(*v))
	case []int8:
		for _, x := range v {
			bs = append(bs, byte(x))
		}
	case uint8:
		bs = append(bs, v)
	case *uint8:
		bs = append(bs, *v)
	case []uint8:
		bs = append(bs, v...)
	case int16:
		put16(uint16(v))
	case *int16:
		put16(uint16(*v))
	case []int16:
		for _, x := range v {
			put16(uint16(x))
		}
	case uint16:
		put16(v)
	case *uint16:
		put16(*v)
	case []uint16:
		for _, x := range v {
			put16(x)
		}
	case int32:
		put32(uint32(v))
	case *int32:
		put32(uint32(*v))
	case []int32:
		for _, x := range v {
			put32(uint32(x))
		}
	case uint32:
		put32(v)
	case *uint32:
		put32(*v)
	case []uint32:
		for _, x := range v {
			put32(x)
		}
	case float32:
		put32(math.Float32bits(v))
	case *float32:
		put32(math.Float32bits(*v))
	case []float32:
		for _, x := range v {
			put32(math.Float32bits(x))
		}
	case int64:
		put64(uint64(v))
	case *int64:
		put64(uint64(*v))
	case []int64:
		for _, x := range v {
			put64(uint64(x))
		}
	case uint64:
		put64(v)
	case *uint64:
		put64(*v)
	case []uint64:
		for _, x := range v {
			put64(x)
		}
	case float64:
		put64(math.Float64bits(v))
	case *float64:
		put64(math.Float64bits(*v))
	case []float64:
		for _, x := range v {
			put64(math.Float64bits(x))
		}
	}
	_, err := w.Write(bs)
	return err
}

// Read reads structured binary data from r into data, which must be a
// pointer to a fixed-size number or bool, or a slice of them.
func Read(r io.Reader, order ByteOrder, data any) error {
	n := Size(data)
	switch data.(type) {
	case bool, int8, uint8, int16, uint16, int32, uint32, float32, int64, uint64, float64:
		n = -1 // not a pointer: nothing to read into
	}
	if n < 0 {
		return errors.New("binary.Read: invalid type " + typeName(data))
	}
	bs := make([]byte, n)
	if _, err := io.ReadFull(r, bs); err != nil {
		return err
	}
	switch v := data.(type) {
	case *bool:
		*v = bs[0] != 0
	case []bool:
		for i := range v {
			v[i] = bs[i] != 0
		}
	case *int8:
		*v = int8(bs[0])
	case []int8:
		for i := range v {
			v[i] = int8(bs[i])
		}
	case *uint8:
		*v = bs[0]
	case []uint8:
		copy(v, bs)
	case *int16:
		*v = int16(order.Uint16(bs))
	case []int16:
		for i := range v {
			v[i] = int16(order.Uint16(bs[2*i:]))
		}
	case *uint16:
		*v = order.Uint16(bs)
	case []uint16:
		for i := range v {
			v[i] = order.Uint16(bs[2*i:])
		}
	case *int32:
		*v = int32(order.Uint32(bs))
	case []int32:
		for i := range v {
			v[i] = int32(order.Uint32(bs[4*i:]))
		}
	case *uint32:
		*v = order.Uint32(bs)
	case []uint32:
		for i := range v {
			v[i] = order.Uint32(bs[4*i:])
		}
	case *float32:
		*v = math.Float32frombits(order.Uint32(bs))
	case []float32:
		for i := range v {
			v[i] = math.Float32frombits(order.Uint32(bs[4*i:]))
		}
	case *int64:
		*v = int64(order.Uint64(bs))
	case []int64:
		for i := range v {
			v[i] = int64(order.Uint64(bs[8*i:]))
		}
	case *uint64:
		*v = order.Uint64(bs)
	case []uint64:
		for i := range v {
			v[i] = order.Uint64(bs[8*i:])
		}
	case *float64:
		*v = math.Float64frombits(order.Uint64(bs))
	case []float64:
		for i := range v {
			v[i] = math.Float64frombits(order.Uint64(bs[8*i:]))
		}
	}
	return nil
}
