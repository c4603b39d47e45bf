/* sha1.c — package crypto/sha1: SHA-1 (stdlib/go/sha1.go) with its
 * compression function native.
 *
 * The digest's buffering, padding and API are Go; only block() is C, for
 * the same reason as sha256.c. Must never keep state of its own.
 */
#include "native.h"

/* The package's Go source, stdlib/go/sha1.go, as sha1_source. */
#include "stdlib/sha1_go.h"

static inline uint32_t sha1_rol(uint32_t x, int n)
{
    return x << n | x >> (32 - n);
}

/* block(h *[5]uint32, p []byte): every whole 64-byte block of p. */
static NativeStatus sha1_block(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    uint32_t *h = args[0].p;
    Slice p = nat_slice(args + 1);
    const uint8_t *b = p.ptr;
    for (int64_t off = 0; off + 64 <= p.len; off += 64, b += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
                   (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
        for (int i = 16; i < 80; i++)
            w[i] = sha1_rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20)
                f = (bb & c) | (~bb & d), k = 0x5A827999;
            else if (i < 40)
                f = bb ^ c ^ d, k = 0x6ED9EBA1;
            else if (i < 60)
                f = (bb & c) | (bb & d) | (c & d), k = 0x8F1BBCDC;
            else
                f = bb ^ c ^ d, k = 0xCA62C1D6;
            uint32_t t = sha1_rol(a, 5) + f + e + k + w[i];
            e = d, d = c, c = sha1_rol(bb, 30), bb = a, a = t;
        }
        h[0] += a, h[1] += bb, h[2] += c, h[3] += d, h[4] += e;
    }
    return NATIVE_OK;
}

static const StdNative sha1_natives[] = {
    {"block", sha1_block},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_sha1 = {"crypto/sha1", sha1_source, sha1_natives};
