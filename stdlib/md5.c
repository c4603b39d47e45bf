/* md5.c — package crypto/md5: MD5 (stdlib/go/md5.go) with its
 * compression function native.
 *
 * The digest's buffering, padding and API are Go; only block() is C, for
 * the same reason as sha256.c. Must never keep state of its own.
 */
#include "native.h"

/* The package's Go source, stdlib/go/md5.go, as md5_source. */
#include "stdlib/md5_go.h"

/* The per-round shift amounts and the sines table of RFC 1321. */
static const int md5_shift[64] = {
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9,  14, 20, 5, 9,
    14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};

static const uint32_t md5_t[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
    0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
    0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
    0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
    0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
    0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
    0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
    0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
    0xeb86d391,
};

/* block(s *[4]uint32, p []byte): every whole 64-byte block of p. */
static NativeStatus md5_block(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    uint32_t *s = args[0].p;
    Slice p = nat_slice(args + 1);
    const uint8_t *b = p.ptr;
    for (int64_t off = 0; off + 64 <= p.len; off += 64, b += 64) {
        uint32_t m[16];
        for (int i = 0; i < 16; i++)
            m[i] = b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
                   (uint32_t)b[4 * i + 3] << 24;
        uint32_t a = s[0], bb = s[1], c = s[2], d = s[3];
        for (int i = 0; i < 64; i++) {
            uint32_t f;
            int g;
            if (i < 16)
                f = (bb & c) | (~bb & d), g = i;
            else if (i < 32)
                f = (d & bb) | (~d & c), g = (5 * i + 1) % 16;
            else if (i < 48)
                f = bb ^ c ^ d, g = (3 * i + 5) % 16;
            else
                f = c ^ (bb | ~d), g = (7 * i) % 16;
            uint32_t x = a + f + md5_t[i] + m[g];
            a = d, d = c, c = bb;
            bb = bb + (x << md5_shift[i] | x >> (32 - md5_shift[i]));
        }
        s[0] += a, s[1] += bb, s[2] += c, s[3] += d;
    }
    return NATIVE_OK;
}

static const StdNative md5_natives[] = {
    {"block", md5_block},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_md5 = {"crypto/md5", md5_source, md5_natives};
