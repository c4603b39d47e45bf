/* bits.c — package math/bits: bit counting and manipulation. The 64-bit
 * primitives are natives over the compiler's builtins (one instruction
 * each on amd64); the narrower and derived functions are Go.
 * Must never give a different answer for x == 0 than Go (64 leading or
 * trailing zeros, length 0).
 */
#include "native.h"

/* The package's Go source, stdlib/go/bits.go, as bits_source. */
#include "stdlib/bits_go.h"

/* LeadingZeros64(x uint64) int */
static NativeStatus bits_leading_zeros(NativeCtx *ctx, Slot *args, Slot *res)
{
    uint64_t x = args[0].u;
    res[0].i = x ? __builtin_clzll(x) : 64;
    return NATIVE_OK;
}

/* TrailingZeros64(x uint64) int */
static NativeStatus bits_trailing_zeros(NativeCtx *ctx, Slot *args, Slot *res)
{
    uint64_t x = args[0].u;
    res[0].i = x ? __builtin_ctzll(x) : 64;
    return NATIVE_OK;
}

/* OnesCount64(x uint64) int */
static NativeStatus bits_ones_count(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = __builtin_popcountll(args[0].u);
    return NATIVE_OK;
}

/* Len64(x uint64) int */
static NativeStatus bits_len(NativeCtx *ctx, Slot *args, Slot *res)
{
    uint64_t x = args[0].u;
    res[0].i = x ? 64 - __builtin_clzll(x) : 0;
    return NATIVE_OK;
}

/* Reverse64(x uint64) uint64 */
static NativeStatus bits_reverse(NativeCtx *ctx, Slot *args, Slot *res)
{
    uint64_t x = args[0].u, r = 0;
    for (int i = 0; i < 64; i++, x >>= 1)
        r = (r << 1) | (x & 1);
    res[0].u = r;
    return NATIVE_OK;
}

/* ReverseBytes64(x uint64) uint64 */
static NativeStatus bits_reverse_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = __builtin_bswap64(args[0].u);
    return NATIVE_OK;
}

/* Mul64(x, y uint64) (hi, lo uint64) */
static NativeStatus bits_mul(NativeCtx *ctx, Slot *args, Slot *res)
{
    __uint128_t p = (__uint128_t)args[0].u * args[1].u;
    res[0].u = (uint64_t)(p >> 64);
    res[1].u = (uint64_t)p;
    return NATIVE_OK;
}

/* Div64(hi, lo, y uint64) (quo, rem uint64): Go panics on y == 0 and on a
 * quotient that does not fit (y <= hi). */
static NativeStatus bits_div(NativeCtx *ctx, Slot *args, Slot *res)
{
    uint64_t hi = args[0].u, lo = args[1].u, y = args[2].u;
    if (y == 0)
        return native_panic_error(ctx, "integer divide by zero");
    if (y <= hi)
        return native_panic_error(ctx, "integer overflow");
    __uint128_t n = ((__uint128_t)hi << 64) | lo;
    res[0].u = (uint64_t)(n / y);
    res[1].u = (uint64_t)(n % y);
    return NATIVE_OK;
}

static const StdNative bits_natives[] = {
    {"LeadingZeros64", bits_leading_zeros},
    {"TrailingZeros64", bits_trailing_zeros},
    {"OnesCount64", bits_ones_count},
    {"Len64", bits_len},
    {"Reverse64", bits_reverse},
    {"ReverseBytes64", bits_reverse_bytes},
    {"Mul64", bits_mul},
    {"Div64", bits_div},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_bits = {"math/bits", bits_source, bits_natives};
