package sha1

// Package sha1: the SHA-1 hash algorithm of RFC 3174 (Go's crypto/sha1:
// New, Sum, Size, BlockSize). The compression function is the native
// block(), the rest plain Go.

import "hash"

const (
	Size      = 20
	BlockSize = 64
)

type digest struct {
	h   [5]uint32
	x   [BlockSize]byte
	nx  int
	len uint64
}

// block runs the compression function over every whole 64-byte block of p.
func block(h *[5]uint32, p []byte)

func (d *digest) Reset() {
	d.h = [5]uint32{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0}
	d.nx = 0
	d.len = 0
}

// New returns a new hash.Hash computing the SHA1 checksum.
func New() hash.Hash {
	d := new(digest)
	d.Reset()
	return d
}

func (d *digest) Size() int      { return Size }
func (d *digest) BlockSize() int { return BlockSize }

func (d *digest) Write(p []byte) (nn int, err error) {
	nn = len(p)
	d.len += uint64(nn)
	if d.nx > 0 {
		n := copy(d.x[d.nx:], p)
		d.nx += n
		if d.nx == BlockSize {
			block(&d.h, d.x[:])
			d.nx = 0
		}
		p = p[n:]
	}
	if len(p) >= BlockSize {
		n := len(p) &^ (BlockSize - 1)
		block(&d.h, p[:n])
		p = p[n:]
	}
	if len(p) > 0 {
		d.nx = copy(d.x[:], p)
	}
	return
}

func (d *digest) Sum(in []byte) []byte {
	d0 := *d
	sum := d0.checkSum()
	return append(in, sum[:]...)
}

func (d *digest) checkSum() [Size]byte {
	n := d.len
	var tmp [64 + 8]byte
	tmp[0] = 0x80
	var t uint64
	if n%64 < 56 {
		t = 56 - n%64
	} else {
		t = 64 + 56 - n%64
	}
	n <<= 3
	for i := uint64(0); i < 8; i++ {
		tmp[t+i] = byte(n >> (56 - 8*i))
	}
	d.Write(tmp[:t+8])
	var out [Size]byte
	for i, s := range d.h {
		out[i*4] = byte(s >> 24)
		out[i*4+1] = byte(s >> 16)
		out[i*4+2] = byte(s >> 8)
		out[i*4+3] = byte(s)
	}
	return out
}

// Sum returns the SHA-1 checksum of the data.
func Sum(data []byte) [Size]byte {
	var d digest
	d.Reset()
	d.Write(data)
	return d.checkSum()
}
