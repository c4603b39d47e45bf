/* unicode.c — package unicode (character classes and case mapping), and
 * the same classes for the other packages' C code (fmtcore.h).
 *
 * Go's tables are large; these cover ASCII, Latin-1 and Latin Extended-A,
 * Greek, Cyrillic, Armenian, the general punctuation and space blocks, and
 * recognise the big letter blocks of other scripts (CJK, kana, Hangul,
 * Hebrew, Arabic, Devanagari) by range. Must never depend on the C locale.
 */
#include "fmtcore.h"
#include "native.h"

/* The package's Go source, stdlib/go/unicode.go, as unicode_source. */
#include "stdlib/unicode_go.h"

bool unicode_is_space(int32_t r)
{
    switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return r >= 0x2000 && r <= 0x200A;
    }
}

int32_t unicode_to_upper(int32_t r)
{
    if (r < 0x80)
        return r >= 'a' && r <= 'z' ? r - 32 : r;
    if (r == 0xB5)
        return 0x39C;
    if (r >= 0xE0 && r <= 0xFE && r != 0xF7)
        return r - 32;
    if (r == 0xFF)
        return 0x178;
    if (r >= 0x100 && r <= 0x17F) {
        if (r == 0x131)
            return 'I';
        if (r == 0x17F)
            return 'S';
        if ((r >= 0x100 && r <= 0x137) || (r >= 0x14A && r <= 0x177))
            return r & 1 ? r - 1 : r;
        if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E))
            return r & 1 ? r : r - 1;
        return r;
    }
    if (r >= 0x3B1 && r <= 0x3CB && r != 0x3C2)
        return r - 32;
    switch (r) {
    case 0x3C2:
        return 0x3A3;
    case 0x3AC:
        return 0x386;
    case 0x3AD:
        return 0x388;
    case 0x3AE:
        return 0x389;
    case 0x3AF:
        return 0x38A;
    case 0x3CC:
        return 0x38C;
    case 0x3CD:
        return 0x38E;
    case 0x3CE:
        return 0x38F;
    default:
        break;
    }
    if (r >= 0x430 && r <= 0x44F)
        return r - 32;
    if (r >= 0x450 && r <= 0x45F)
        return r - 80;
    if ((r >= 0x460 && r <= 0x481) || (r >= 0x48A && r <= 0x4BF) || (r >= 0x4D0 && r <= 0x52F))
        return r & 1 ? r - 1 : r;
    if (r >= 0x561 && r <= 0x586)
        return r - 48;
    if (r >= 0xFF41 && r <= 0xFF5A)
        return r - 32;
    return r;
}

int32_t unicode_to_lower(int32_t r)
{
    if (r < 0x80)
        return r >= 'A' && r <= 'Z' ? r + 32 : r;
    if (r >= 0xC0 && r <= 0xDE && r != 0xD7)
        return r + 32;
    if (r == 0x178)
        return 0xFF;
    if (r >= 0x100 && r <= 0x17F) {
        if (r == 0x130)
            return 'i';
        if ((r >= 0x100 && r <= 0x137) || (r >= 0x14A && r <= 0x177))
            return r & 1 ? r : r + 1;
        if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E))
            return r & 1 ? r + 1 : r;
        return r;
    }
    if (r >= 0x391 && r <= 0x3AB && r != 0x3A2)
        return r + 32;
    switch (r) {
    case 0x386:
        return 0x3AC;
    case 0x388:
        return 0x3AD;
    case 0x389:
        return 0x3AE;
    case 0x38A:
        return 0x3AF;
    case 0x38C:
        return 0x3CC;
    case 0x38E:
        return 0x3CD;
    case 0x38F:
        return 0x3CE;
    default:
        break;
    }
    if (r >= 0x410 && r <= 0x42F)
        return r + 32;
    if (r >= 0x400 && r <= 0x40F)
        return r + 80;
    if ((r >= 0x460 && r <= 0x481) || (r >= 0x48A && r <= 0x4BF) || (r >= 0x4D0 && r <= 0x52F))
        return r & 1 ? r : r + 1;
    if (r >= 0x531 && r <= 0x556)
        return r + 48;
    if (r >= 0xFF21 && r <= 0xFF3A)
        return r + 32;
    return r;
}

bool unicode_is_upper(int32_t r)
{
    if (r < 0x80)
        return r >= 'A' && r <= 'Z';
    return unicode_to_lower(r) != r;
}

bool unicode_is_lower(int32_t r)
{
    if (r < 0x80)
        return r >= 'a' && r <= 'z';
    if (r == 0xDF || r == 0x138 || r == 0x149 || r == 0xAA || r == 0xBA)
        return true; /* lower case letters without a simple upper case */
    return unicode_to_upper(r) != r;
}

bool unicode_is_digit(int32_t r)
{
    if (r < 0x80)
        return r >= '0' && r <= '9';
    static const int32_t zeros[] = {0x660, 0x6F0,  0x7C0,  0x966,  0x9E6, 0xA66, 0xAE6,
                                    0xB66, 0xBE6,  0xC66,  0xCE6,  0xD66, 0xE50, 0xED0,
                                    0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10};
    for (size_t i = 0; i < sizeof zeros / sizeof zeros[0]; i++)
        if (r >= zeros[i] && r <= zeros[i] + 9)
            return true;
    return false;
}

bool unicode_is_letter(int32_t r)
{
    if (r < 0x80)
        return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
    if (r < 0x100)
        return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xC0 && r != 0xD7 && r != 0xF7);
    if (unicode_is_upper(r) || unicode_is_lower(r))
        return true;
    static const int32_t ranges[][2] = {
        {0x100, 0x2C1},     {0x370, 0x373},   {0x386, 0x3FF},   {0x400, 0x481},   {0x48A, 0x52F},
        {0x531, 0x556},     {0x561, 0x587},   {0x5D0, 0x5EA},   {0x620, 0x64A},   {0x671, 0x6D3},
        {0x904, 0x939},     {0xE01, 0xE30},   {0x10A0, 0x10FF}, {0x1100, 0x11FF}, {0x1E00, 0x1FFF},
        {0x3041, 0x3096},   {0x30A1, 0x30FA}, {0x3105, 0x312F}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
        {0xAC00, 0xD7A3},   {0xF900, 0xFAFF}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0xFF66, 0xFFDC},
        {0x20000, 0x2FA1F},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (r >= ranges[i][0] && r <= ranges[i][1])
            return true;
    return false;
}

bool unicode_is_punct(int32_t r)
{
    if (r < 0x80)
        return r > ' ' && r < 0x7F && strchr("!\"#%&'()*,-./:;?@[\\]_{}", (int)r) != NULL;
    switch (r) {
    case 0xA1:
    case 0xA7:
    case 0xAB:
    case 0xB6:
    case 0xB7:
    case 0xBB:
    case 0xBF:
    case 0x37E:
    case 0x387:
    case 0x55A:
    case 0x55B:
    case 0x55C:
    case 0x55D:
    case 0x55E:
    case 0x55F:
    case 0x589:
    case 0x5BE:
    case 0x60C:
    case 0x61B:
    case 0x61F:
    case 0x6D4:
        return true;
    default:
        return (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x2043) ||
               (r >= 0x2045 && r <= 0x2051) || (r >= 0x2053 && r <= 0x205E) ||
               (r >= 0x3001 && r <= 0x3003) || (r >= 0x3008 && r <= 0x3011) ||
               (r >= 0xFF01 && r <= 0xFF0F && r != 0xFF04 && r != 0xFF0B);
    }
}

#define UNICODE_PREDICATES(X)                                                                      \
    X(IsSpace, unicode_is_space)                                                                   \
    X(IsLetter, unicode_is_letter)                                                                 \
    X(IsDigit, unicode_is_digit)                                                                   \
    X(IsUpper, unicode_is_upper)                                                                   \
    X(IsLower, unicode_is_lower)                                                                   \
    X(IsPunct, unicode_is_punct)                                                                   \
    X(IsPrint, numconv_is_print)

#define X(name, fn)                                                                                \
    static NativeStatus unicode_native_##name(NativeCtx *ctx, Slot *args, Slot *res)               \
    {                                                                                              \
        res[0].u = fn((int32_t)args[0].i);                                                         \
        return NATIVE_OK;                                                                          \
    }
UNICODE_PREDICATES(X)
#undef X

/* ToUpper(r rune) rune */
static NativeStatus unicode_native_to_upper(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = unicode_to_upper((int32_t)args[0].i);
    return NATIVE_OK;
}

/* ToLower(r rune) rune */
static NativeStatus unicode_native_to_lower(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = unicode_to_lower((int32_t)args[0].i);
    return NATIVE_OK;
}

static const StdNative unicode_natives[] = {
#define X(name, fn) {#name, unicode_native_##name},
    UNICODE_PREDICATES(X)
#undef X
        {"ToUpper", unicode_native_to_upper},
    {"ToLower", unicode_native_to_lower},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_unicode = {"unicode", unicode_source, unicode_natives};
