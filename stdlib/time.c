/* time.c — package time: Duration and its text, Time (wall clock plus a
 * monotonic reading), Sleep, timers, tickers, After, Tick, AfterFunc,
 * Format with Go's reference layouts, ParseDuration.
 *
 * Timers are runtime/timer.h timers whose callback sends the current time
 * on a channel of capacity 1 without blocking (a slow reader drops ticks,
 * as in Go), or starts the AfterFunc goroutine with vm_go. Sleep parks the
 * goroutine (NATIVE_PARK), never the thread. Must never block a scheduler
 * thread.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../runtime/chan.h"
#include "../runtime/timer.h"
#include "fmtcore.h"
#include "native.h"

/* The package's Go source, stdlib/go/time.go, as time_source. */
#include "stdlib/time_go.h"

/* Monotonic readings print relative to program start (Go's m=+0.001). */
static int64_t time_start_mono;
__attribute__((constructor)) static void time_init_start(void)
{
    time_start_mono = timer_nanotime();
}

/* ---- Duration.String, Go's algorithm ---- */

/* Writes v/10^prec's fraction (".5", trailing zeros dropped) before w. */
static int dur_frac(char *buf, int w, uint64_t *v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; i++) {
        int digit = (int)(*v % 10);
        print = print || digit != 0;
        if (print)
            buf[--w] = (char)('0' + digit);
        *v /= 10;
    }
    if (print)
        buf[--w] = '.';
    return w;
}

static int dur_int(char *buf, int w, uint64_t v)
{
    if (v == 0) {
        buf[--w] = '0';
        return w;
    }
    while (v > 0) {
        buf[--w] = (char)('0' + v % 10);
        v /= 10;
    }
    return w;
}

/* Duration.String() string */
static NativeStatus time_duration_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t d = args[0].i;
    char buf[40];
    int w = sizeof buf;
    uint64_t u = (uint64_t)d;
    bool neg = d < 0;
    if (neg)
        u = -u;
    if (u < 1000000000ull) {
        int prec = 0;
        buf[--w] = 's';
        w--;
        if (u == 0) {
            buf[w] = '0';
            nat_set_str(res, string_from_bytes(buf + w, (int64_t)sizeof buf - w));
            return NATIVE_OK;
        } else if (u < 1000ull) {
            buf[w] = 'n';
        } else if (u < 1000000ull) {
            prec = 3;
            w--; /* U+00B5 micro sign */
            buf[w] = (char)0xC2;
            buf[w + 1] = (char)0xB5;
        } else {
            prec = 6;
            buf[w] = 'm';
        }
        w = dur_frac(buf, w, &u, prec);
        w = dur_int(buf, w, u);
    } else {
        buf[--w] = 's';
        w = dur_frac(buf, w, &u, 9);
        w = dur_int(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = dur_int(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = dur_int(buf, w, u);
            }
        }
    }
    if (neg)
        buf[--w] = '-';
    nat_set_str(res, string_from_bytes(buf + w, (int64_t)sizeof buf - w));
    return NATIVE_OK;
}

/* now() (wall int64, mono int64) */
static NativeStatus time_now(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t mono = timer_nanotime();
    res[0].i = timer_walltime();
    res[1].i = mono ? mono : 1; /* 0 means "no monotonic reading" */
    return NATIVE_OK;
}

/* Seconds from 0001-01-01 to 1970-01-01: a Time counts seconds from the
 * former (so that its zero value is the zero Time), natives take Unix
 * seconds. */
#define TIME_UNIX_TO_INTERNAL 62135596800LL

/* Breaks a Unix time down in the Time's zone (loc: 0 or 2 UTC, 1 Local,
 * 3 a fixed zone off seconds east of UTC). */
static void time_local(int64_t unixsec, int64_t loc, int64_t off, struct tm *tm)
{
    if (loc == 3)
        unixsec += off;
    time_t t = (time_t)unixsec;
    if (loc == 1)
        localtime_r(&t, tm);
    else
        gmtime_r(&t, tm);
    if (loc == 3)
        tm->tm_gmtoff = (long)off;
}

/* date(year, month, day, hour, min, sec int, utc bool) int64: the Unix
 * time, every field normalized as Go's Date does. */
static NativeStatus time_date(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    struct tm tm = {0};
    int64_t year = args[0].i, month = args[1].i;
    /* normalise the month first so tm_year stays in range */
    year += (month - 1) / 12;
    month = (month - 1) % 12 + 1;
    if (month < 1)
        month += 12, year--;
    tm.tm_year = (int)(year - 1900);
    tm.tm_mon = (int)(month - 1);
    tm.tm_mday = (int)args[2].i;
    tm.tm_hour = (int)args[3].i;
    tm.tm_min = (int)args[4].i;
    tm.tm_sec = (int)args[5].i;
    tm.tm_isdst = -1;
    bool utc = args[6].u & 1;
    time_t t = utc ? timegm(&tm) : mktime(&tm);
    res[0].i = (int64_t)t;
    return NATIVE_OK;
}

/* fields(unixsec int64, loc int, off int) (year, month, day, hour, min, sec, wday, yday int) */
static NativeStatus time_fields(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    struct tm tm;
    time_local(args[0].i, args[1].i, args[2].i, &tm);
    res[0].i = tm.tm_year + 1900;
    res[1].i = tm.tm_mon + 1;
    res[2].i = tm.tm_mday;
    res[3].i = tm.tm_hour;
    res[4].i = tm.tm_min;
    res[5].i = tm.tm_sec;
    res[6].i = tm.tm_wday;
    res[7].i = tm.tm_yday + 1;
    return NATIVE_OK;
}

static const char *const time_months[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const time_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

static bool has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static void put_num(StrBuf *b, int64_t v, int width, char padc)
{
    char t[32];
    int n = snprintf(t, sizeof t, "%lld", (long long)v);
    for (int i = n; i < width; i++)
        sbuf_putc(b, padc);
    sbuf_put(b, t, (size_t)n);
}

static void put_zone(StrBuf *b, long off, bool colon, bool z, bool secs)
{
    if (z && off == 0) {
        sbuf_putc(b, 'Z');
        return;
    }
    sbuf_putc(b, off < 0 ? '-' : '+');
    if (off < 0)
        off = -off;
    put_num(b, off / 3600, 2, '0');
    if (colon)
        sbuf_putc(b, ':');
    put_num(b, off / 60 % 60, 2, '0');
    if (secs) {
        if (colon)
            sbuf_putc(b, ':');
        put_num(b, off % 60, 2, '0');
    }
}

/* Go's layout language: the reference time Mon Jan 2 15:04:05 MST 2006.
 * zname is a fixed zone's name (loc 3), possibly empty. */
static void time_format(StrBuf *b, int64_t unixsec, int64_t ns, int64_t loc, int64_t off,
                        String zname, const char *layout)
{
    struct tm tm;
    time_local(unixsec, loc, off, &tm);
    int hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
    for (const char *p = layout; *p;) {
        if (has_prefix(p, "January")) {
            sbuf_puts(b, time_months[tm.tm_mon]);
            p += 7;
        } else if (has_prefix(p, "Jan")) {
            sbuf_put(b, time_months[tm.tm_mon], 3);
            p += 3;
        } else if (has_prefix(p, "Monday")) {
            sbuf_puts(b, time_days[tm.tm_wday]);
            p += 6;
        } else if (has_prefix(p, "Mon")) {
            sbuf_put(b, time_days[tm.tm_wday], 3);
            p += 3;
        } else if (has_prefix(p, "MST")) {
            if (loc == 3 && zname.len > 0)
                sbuf_put(b, zname.ptr, (size_t)zname.len);
            else if (loc == 3) /* a nameless zone shows its offset */
                put_zone(b, (long)off, false, false, false);
            else
                sbuf_puts(b, loc == 1 && tm.tm_zone ? tm.tm_zone : "UTC");
            p += 3;
        } else if (has_prefix(p, "2006")) {
            put_num(b, tm.tm_year + 1900, 4, '0');
            p += 4;
        } else if (has_prefix(p, "002")) {
            put_num(b, tm.tm_yday + 1, 3, '0');
            p += 3;
        } else if (has_prefix(p, "01")) {
            put_num(b, tm.tm_mon + 1, 2, '0');
            p += 2;
        } else if (has_prefix(p, "02")) {
            put_num(b, tm.tm_mday, 2, '0');
            p += 2;
        } else if (has_prefix(p, "_2")) {
            put_num(b, tm.tm_mday, 2, ' ');
            p += 2;
        } else if (has_prefix(p, "06")) {
            put_num(b, (tm.tm_year + 1900) % 100, 2, '0');
            p += 2;
        } else if (has_prefix(p, "03")) {
            put_num(b, hour12, 2, '0');
            p += 2;
        } else if (has_prefix(p, "04")) {
            put_num(b, tm.tm_min, 2, '0');
            p += 2;
        } else if (has_prefix(p, "05")) {
            put_num(b, tm.tm_sec, 2, '0');
            p += 2;
        } else if (has_prefix(p, "15")) {
            put_num(b, tm.tm_hour, 2, '0');
            p += 2;
        } else if (has_prefix(p, "-07:00:00") || has_prefix(p, "Z07:00:00")) {
            put_zone(b, tm.tm_gmtoff, true, *p == 'Z', true);
            p += 9;
        } else if (has_prefix(p, "-070000") || has_prefix(p, "Z070000")) {
            put_zone(b, tm.tm_gmtoff, false, *p == 'Z', true);
            p += 7;
        } else if (has_prefix(p, "-07:00") || has_prefix(p, "Z07:00")) {
            put_zone(b, tm.tm_gmtoff, true, *p == 'Z', false);
            p += 6;
        } else if (has_prefix(p, "-0700") || has_prefix(p, "Z0700")) {
            put_zone(b, tm.tm_gmtoff, false, *p == 'Z', false);
            p += 5;
        } else if (has_prefix(p, "-07")) {
            put_zone(b, tm.tm_gmtoff - tm.tm_gmtoff % 3600, false, false, false);
            b->len -= 2; /* hours only */
            p += 3;
        } else if (has_prefix(p, "PM") || has_prefix(p, "pm")) {
            const char *s = tm.tm_hour >= 12 ? "PM" : "AM";
            sbuf_putc(b, p[0] == 'P' ? s[0] : (char)(s[0] | 0x20));
            sbuf_putc(b, p[0] == 'P' ? 'M' : 'm');
            p += 2;
        } else if ((p[0] == '.' || p[0] == ',') && (p[1] == '0' || p[1] == '9')) {
            /* fractional seconds: .000 fixed, .999 trimmed */
            int n = 1;
            while (p[n] == p[1])
                n++;
            int digits = n - 1;
            if (p[n] >= '0' && p[n] <= '9') {
                sbuf_putc(b, *p++);
                continue; /* not a fraction after all */
            }
            char t[16];
            snprintf(t, sizeof t, "%09lld", (long long)ns);
            t[digits > 9 ? 9 : digits] = 0;
            int len = (int)strlen(t);
            if (p[1] == '9') {
                while (len > 0 && t[len - 1] == '0')
                    len--;
                if (len > 0) {
                    sbuf_putc(b, p[0]);
                    sbuf_put(b, t, (size_t)len);
                }
            } else {
                sbuf_putc(b, p[0]);
                sbuf_put(b, t, (size_t)len);
            }
            p += n;
        } else if (p[0] == '1' && !(p[1] >= '0' && p[1] <= '9')) {
            put_num(b, tm.tm_mon + 1, 0, '0');
            p += 1;
        } else if (p[0] == '2' && !(p[1] >= '0' && p[1] <= '9')) {
            put_num(b, tm.tm_mday, 0, '0');
            p += 1;
        } else if (p[0] == '3' && !(p[1] >= '0' && p[1] <= '9')) {
            put_num(b, hour12, 0, '0');
            p += 1;
        } else if (p[0] == '4' && !(p[1] >= '0' && p[1] <= '9')) {
            put_num(b, tm.tm_min, 0, '0');
            p += 1;
        } else if (p[0] == '5' && !(p[1] >= '0' && p[1] <= '9')) {
            put_num(b, tm.tm_sec, 0, '0');
            p += 1;
        } else {
            sbuf_putc(b, *p++);
        }
    }
}

/* format(unixsec, nsec int64, loc int, off int, name string, layout string) string */
static NativeStatus time_format_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    int64_t unixsec = args[0].i, ns = args[1].i, loc = args[2].i, off = args[3].i;
    char *layout = string_cstr(nat_str(args + 6));
    StrBuf b = {0};
    sbuf_init(&b);
    time_format(&b, unixsec, ns, loc, off, nat_str(args + 4), layout);
    nat_set_str(res, sbuf_string(&b));
    return NATIVE_OK;
}

/* timeString(unixsec, nsec, mono int64, loc int, off int, name string) string */
static NativeStatus time_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    int64_t unixsec = args[0].i, ns = args[1].i, mono = args[2].i, loc = args[3].i, off = args[4].i;
    StrBuf b = {0};
    sbuf_init(&b);
    time_format(&b, unixsec, ns, loc, off, nat_str(args + 5),
                "2006-01-02 15:04:05.999999999 -0700 MST");
    if (mono != 0) {
        int64_t m = mono - time_start_mono;
        char t[64];
        snprintf(t, sizeof t, " m=%c%lld.%09lld", m < 0 ? '-' : '+',
                 (long long)((m < 0 ? -m : m) / 1000000000),
                 (long long)((m < 0 ? -m : m) % 1000000000));
        sbuf_puts(&b, t);
    }
    nat_set_str(res, sbuf_string(&b));
    return NATIVE_OK;
}

/* localZone(wall int64) (int, string): the local zone's offset and
 * abbreviation at wall. */
static NativeStatus time_local_zone(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    struct tm tm;
    time_local(args[0].i, 1, 0, &tm);
    res[0].i = tm.tm_gmtoff;
    nat_set_str(res + 1, string_from_cstr(tm.tm_zone ? tm.tm_zone : "UTC"));
    return NATIVE_OK;
}

/* Sleep(d Duration) */
static NativeStatus time_sleep(NativeCtx *ctx, Slot *args, Slot *res)
{
    if (ctx->g == NULL) {
        /* a host thread: just sleep */
        int64_t d = args[0].i;
        if (d > 0) {
            struct timespec ts = {d / 1000000000, d % 1000000000};
            nanosleep(&ts, NULL);
        }
        return NATIVE_OK;
    }
    return timer_sleep(ctx->g, args[0].i) ? NATIVE_PARK : NATIVE_OK;
}

/* A time.Timer/Ticker/AfterFunc's runtime side. */
typedef struct TimeTimer {
    Timer *t;
    Chan *c; /* channel timers */
    VM *vm;  /* AfterFunc: the goroutine to start */
    void *fn;
    const Type *fntype;
} TimeTimer;

/* A time.Time as its five words: seconds since year 1, nanoseconds, the
 * monotonic reading, the zone code and the fixed zone (see time.go). */
typedef struct TimeValue {
    int64_t sec, nsec, mono, loc;
    void *zone;
} TimeValue;

static void time_fire(void *arg, int64_t now)
{
    TimeTimer *tt = arg;
    if (tt->c) {
        int64_t wall = timer_walltime();
        TimeValue tv = {wall / 1000000000 + TIME_UNIX_TO_INTERNAL, wall % 1000000000,
                        now ? now : 1, 1, NULL}; /* a Local Time */
        chan_send(tt->c, &tv, NULL, false);      /* full: the tick is dropped */
    } else if (tt->fn) {
        vm_go(tt->vm, tt->fn, tt->fntype, NULL);
    }
}

/* startTimer(c chan Time, d Duration, period Duration, f func()) uintptr */
static NativeStatus time_start_timer(NativeCtx *ctx, Slot *args, Slot *res)
{
    TimeTimer *tt = heap_alloc(sizeof *tt);
    tt->c = args[0].p;
    int64_t d = args[1].i, period = args[2].i;
    tt->fn = args[3].p;
    tt->vm = ctx->vm;
    tt->fntype = ctx->fntype && ctx->fntype->nparams > 3 ? ctx->fntype->params[3] : NULL;
    tt->t = timer_new(time_fire, tt);
    timer_start(tt->t, timer_nanotime() + (d > 0 ? d : 0), period);
    res[0].u = (uint64_t)(uintptr_t)tt;
    return NATIVE_OK;
}

/* stopTimer(r uintptr) bool */
static NativeStatus time_stop_timer(NativeCtx *ctx, Slot *args, Slot *res)
{
    TimeTimer *tt = (TimeTimer *)(uintptr_t)args[0].u;
    res[0].u = timer_stop(tt->t);
    return NATIVE_OK;
}

/* resetTimer(r uintptr, d Duration, period Duration) bool */
static NativeStatus time_reset_timer(NativeCtx *ctx, Slot *args, Slot *res)
{
    TimeTimer *tt = (TimeTimer *)(uintptr_t)args[0].u;
    int64_t d = args[1].i, period = args[2].i;
    res[0].u = timer_start(tt->t, timer_nanotime() + (d > 0 ? d : 0), period);
    return NATIVE_OK;
}

/* parseDuration(s string) (Duration, string): Go's grammar and messages. */
static NativeStatus time_parse_duration(NativeCtx *ctx, Slot *args, Slot *res)
{
    String str = nat_str(args);
    const uint8_t *s = str.ptr;
    int64_t n = str.len, i = 0;
    StrBuf msg = {0};
    sbuf_init(&msg);
    uint64_t total = 0;
    bool neg = false, bad = false;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    if (n - i == 1 && s[i] == '0') {
        res[0].i = 0;
        nat_set_str(res + 1, (String){0});
        return NATIVE_OK;
    }
    if (i == n)
        bad = true;
    while (!bad && i < n) {
        uint64_t v = 0, f = 0, scale = 1;
        bool overflow = false;
        int64_t start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (v > (UINT64_MAX - 9) / 10)
                overflow = true;
            v = v * 10 + (s[i++] - '0');
        }
        bool pre = i > start, post = false;
        if (i < n && s[i] == '.') {
            i++;
            int64_t fs = i;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (scale < 1000000000000000000ull) {
                    f = f * 10 + (s[i] - '0');
                    scale *= 10;
                }
                i++;
            }
            post = i > fs;
        }
        if (!pre && !post) {
            bad = true;
            break;
        }
        int64_t us = i;
        while (i < n && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9'))
            i++;
        if (us == i) {
            sbuf_puts(&msg, "time: missing unit in duration ");
            numconv_quote(&msg, s, n, '"', false);
            break;
        }
        String u = {s + us, i - us};
        static const struct {
            const char *name;
            uint64_t mult;
        } units[] = {{"ns", 1},       {"us", 1000},      {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000},
                     {"ms", 1000000}, {"s", 1000000000}, {"m", 60000000000},  {"h", 3600000000000}};
        uint64_t mult = 0;
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
            if (string_eq(u, string_from_cstr(units[k].name)))
                mult = units[k].mult;
        if (mult == 0) {
            sbuf_puts(&msg, "time: unknown unit ");
            numconv_quote(&msg, u.ptr, u.len, '"', false);
            sbuf_puts(&msg, " in duration ");
            numconv_quote(&msg, s, n, '"', false);
            break;
        }
        if (overflow || (v && mult > (1ull << 63) / v)) {
            bad = true;
            break;
        }
        v *= mult;
        if (f)
            v += (uint64_t)((double)f * ((double)mult / (double)scale));
        total += v;
        if (total > (1ull << 63)) {
            bad = true;
            break;
        }
    }
    if (bad && msg.len == 0) {
        sbuf_puts(&msg, "time: invalid duration ");
        numconv_quote(&msg, s, n, '"', false);
    }
    if (!neg && total == (1ull << 63) && msg.len == 0) {
        sbuf_puts(&msg, "time: invalid duration ");
        numconv_quote(&msg, s, n, '"', false);
    }
    res[0].i = msg.len ? 0 : neg ? -(int64_t)total : (int64_t)total;
    nat_set_str(res + 1, msg.len ? sbuf_string(&msg) : (String){0});
    return NATIVE_OK;
}

/* ---- Parse: Go's layout language read backwards ----
 *
 * The engine behind time.Parse (time.go owns the result: zones, Time and
 * ParseError values). It is C rather than Go because every program that
 * imports time would otherwise compile some 700 lines it rarely runs. */

enum {
    STD_NONE, STD_LONG_MONTH, STD_MONTH, STD_NUM_MONTH, STD_ZERO_MONTH, STD_LONG_WEEKDAY,
    STD_WEEKDAY, STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY, STD_UNDER_YEARDAY, STD_ZERO_YEARDAY,
    STD_HOUR, STD_HOUR12, STD_ZERO_HOUR12, STD_MINUTE, STD_ZERO_MINUTE, STD_SECOND,
    STD_ZERO_SECOND, STD_LONG_YEAR, STD_YEAR, STD_PM, STD_pm, STD_TZ, STD_ISO8601_TZ,
    STD_ISO8601_SECONDS_TZ, STD_ISO8601_SHORT_TZ, STD_ISO8601_COLON_TZ,
    STD_ISO8601_COLON_SECONDS_TZ, STD_NUM_TZ, STD_NUM_SECONDS_TZ, STD_NUM_SHORT_TZ,
    STD_NUM_COLON_TZ, STD_NUM_COLON_SECONDS_TZ, STD_FRAC0, STD_FRAC9,
};

typedef struct TimeChunk {
    size_t prefix;  /* bytes of literal text before the element */
    int std;        /* the element, STD_NONE at the end */
    size_t len;     /* bytes of the element */
    int ndigit;     /* fractions: digits */
    char sep;       /* fractions: '.' or ',' */
} TimeChunk;

static bool tp_lower(const char *s, size_t n)
{
    return n > 0 && s[0] >= 'a' && s[0] <= 'z';
}

static bool tp_digit(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

static bool tp_at(const char *s, size_t n, size_t i, const char *lit)
{
    size_t l = strlen(lit);
    return i + l <= n && memcmp(s + i, lit, l) == 0;
}

/* Go's nextStdChunk: the first layout element of l[0:n]. */
static TimeChunk tp_next_chunk(const char *l, size_t n)
{
#define TP_RET(pre, code, length) return (TimeChunk){(pre), (code), (length), 0, 0}
    for (size_t i = 0; i < n; i++) {
        switch (l[i]) {
        case 'J':
            if (tp_at(l, n, i, "Jan")) {
                if (tp_at(l, n, i, "January"))
                    TP_RET(i, STD_LONG_MONTH, 7);
                if (!tp_lower(l + i + 3, n - i - 3))
                    TP_RET(i, STD_MONTH, 3);
            }
            break;
        case 'M':
            if (tp_at(l, n, i, "Mon")) {
                if (tp_at(l, n, i, "Monday"))
                    TP_RET(i, STD_LONG_WEEKDAY, 6);
                if (!tp_lower(l + i + 3, n - i - 3))
                    TP_RET(i, STD_WEEKDAY, 3);
            }
            if (tp_at(l, n, i, "MST"))
                TP_RET(i, STD_TZ, 3);
            break;
        case '0':
            if (i + 1 < n && l[i + 1] >= '1' && l[i + 1] <= '6') {
                static const int std0x[] = {STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12,
                                            STD_ZERO_MINUTE, STD_ZERO_SECOND, STD_YEAR};
                TP_RET(i, std0x[l[i + 1] - '1'], 2);
            }
            if (tp_at(l, n, i, "002"))
                TP_RET(i, STD_ZERO_YEARDAY, 3);
            break;
        case '1':
            if (tp_at(l, n, i, "15"))
                TP_RET(i, STD_HOUR, 2);
            TP_RET(i, STD_NUM_MONTH, 1);
        case '2':
            if (tp_at(l, n, i, "2006"))
                TP_RET(i, STD_LONG_YEAR, 4);
            TP_RET(i, STD_DAY, 1);
        case '_':
            if (i + 1 < n && l[i + 1] == '2') {
                /* _2006 is a literal _ followed by the year */
                if (tp_at(l, n, i + 1, "2006"))
                    TP_RET(i + 1, STD_LONG_YEAR, 4);
                TP_RET(i, STD_UNDER_DAY, 2);
            }
            if (tp_at(l, n, i, "__2"))
                TP_RET(i, STD_UNDER_YEARDAY, 3);
            break;
        case '3':
            TP_RET(i, STD_HOUR12, 1);
        case '4':
            TP_RET(i, STD_MINUTE, 1);
        case '5':
            TP_RET(i, STD_SECOND, 1);
        case 'P':
            if (tp_at(l, n, i, "PM"))
                TP_RET(i, STD_PM, 2);
            break;
        case 'p':
            if (tp_at(l, n, i, "pm"))
                TP_RET(i, STD_pm, 2);
            break;
        case '-':
            if (tp_at(l, n, i, "-070000"))
                TP_RET(i, STD_NUM_SECONDS_TZ, 7);
            if (tp_at(l, n, i, "-07:00:00"))
                TP_RET(i, STD_NUM_COLON_SECONDS_TZ, 9);
            if (tp_at(l, n, i, "-0700"))
                TP_RET(i, STD_NUM_TZ, 5);
            if (tp_at(l, n, i, "-07:00"))
                TP_RET(i, STD_NUM_COLON_TZ, 6);
            if (tp_at(l, n, i, "-07"))
                TP_RET(i, STD_NUM_SHORT_TZ, 3);
            break;
        case 'Z':
            if (tp_at(l, n, i, "Z070000"))
                TP_RET(i, STD_ISO8601_SECONDS_TZ, 7);
            if (tp_at(l, n, i, "Z07:00:00"))
                TP_RET(i, STD_ISO8601_COLON_SECONDS_TZ, 9);
            if (tp_at(l, n, i, "Z0700"))
                TP_RET(i, STD_ISO8601_TZ, 5);
            if (tp_at(l, n, i, "Z07:00"))
                TP_RET(i, STD_ISO8601_COLON_TZ, 6);
            if (tp_at(l, n, i, "Z07"))
                TP_RET(i, STD_ISO8601_SHORT_TZ, 3);
            break;
        case '.':
        case ',':
            if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
                char ch = l[i + 1];
                size_t j = i + 1;
                while (j < n && l[j] == ch)
                    j++;
                /* a fraction is not followed by another digit */
                if (!tp_digit(l, n, j))
                    return (TimeChunk){i, ch == '9' ? STD_FRAC9 : STD_FRAC0, j - i,
                                       (int)(j - (i + 1)), l[i]};
            }
            break;
        }
    }
    return (TimeChunk){n, STD_NONE, 0, 0, 0};
#undef TP_RET
}

/* getnum: one or two digits (two when fixed); false on error. */
static bool tp_getnum(const char **v, size_t *n, bool fixed, int64_t *out)
{
    if (!tp_digit(*v, *n, 0))
        return false;
    if (!tp_digit(*v, *n, 1)) {
        if (fixed)
            return false;
        *out = (*v)[0] - '0';
        (*v)++, (*n)--;
        return true;
    }
    *out = ((*v)[0] - '0') * 10 + ((*v)[1] - '0');
    *v += 2, *n -= 2;
    return true;
}

static bool tp_getnum3(const char **v, size_t *n, bool fixed, int64_t *out)
{
    int64_t x = 0;
    size_t i = 0;
    for (; i < 3 && tp_digit(*v, *n, i); i++)
        x = x * 10 + ((*v)[i] - '0');
    if (i == 0 || (fixed && i != 3))
        return false;
    *out = x;
    *v += i, *n -= i;
    return true;
}

/* lookup: a case-insensitive prefix of v in tab; the index or -1. */
static int tp_lookup(const char *const *tab, int ntab, size_t width, const char **v, size_t *n)
{
    for (int i = 0; i < ntab; i++) {
        size_t l = width ? width : strlen(tab[i]);
        if (*n >= l && strncasecmp(*v, tab[i], l) == 0) {
            *v += l, *n -= l;
            return i;
        }
    }
    return -1;
}

/* parseTimeZone: the length of a zone abbreviation at v, or 0. */
static size_t tp_zone_len(const char *v, size_t n)
{
    if (n < 3)
        return 0;
    if (n >= 4 && (memcmp(v, "ChST", 4) == 0 || memcmp(v, "MeST", 4) == 0))
        return 4;
    if (memcmp(v, "GMT", 3) == 0 || v[0] == '+' || v[0] == '-') {
        size_t off = memcmp(v, "GMT", 3) == 0 ? 3 : 0;
        if (off == 3 && n == 3)
            return 3;
        const char *s = v + off;
        size_t m = n - off;
        if (m == 0 || (s[0] != '+' && s[0] != '-'))
            return off;
        size_t i = 1;
        int64_t x = 0;
        while (i < m && s[i] >= '0' && s[i] <= '9')
            x = x * 10 + (s[i++] - '0');
        if (i == 1 || x > 24)
            return off;
        return off + i;
    }
    size_t up = 0;
    while (up < 6 && up < n && v[up] >= 'A' && v[up] <= 'Z')
        up++;
    switch (up) {
    case 3:
        return 3;
    case 4:
        return v[3] == 'T' || memcmp(v, "WITA", 4) == 0 ? 4 : 0;
    case 5:
        return v[4] == 'T' ? 5 : 0;
    }
    return 0;
}

/* The fraction v[1:nbytes] as nanoseconds (v[0] is the separator). */
static bool tp_nanos(const char *v, size_t nbytes, int64_t *ns)
{
    if (v[0] != '.' && v[0] != ',')
        return false;
    if (nbytes > 10)
        nbytes = 10;
    int64_t x = 0;
    for (size_t i = 1; i < nbytes; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        x = x * 10 + (v[i] - '0');
    }
    for (size_t i = nbytes; i < 10; i++)
        x *= 10;
    *ns = x;
    return true;
}

static int tp_days_in(int64_t m, int64_t y)
{
    if (m == 2)
        return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28;
    return 31 - (int)((m - 1) % 7 % 2);
}

static bool tp_skip(const char **v, size_t *n, const char *p, size_t pn)
{
    while (pn > 0) {
        if (p[0] == ' ') {
            if (*n > 0 && (*v)[0] != ' ')
                return false;
            while (pn > 0 && p[0] == ' ')
                p++, pn--;
            while (*n > 0 && (*v)[0] == ' ')
                (*v)++, (*n)--;
            continue;
        }
        if (*n == 0 || (*v)[0] != p[0])
            return false;
        p++, pn--, (*v)++, (*n)--;
    }
    return true;
}

static const char *const tp_long_months[] = {"January", "February", "March",     "April",
                                             "May",     "June",     "July",      "August",
                                             "September", "October", "November", "December"};
static const char *const tp_long_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};

/* parseEngine(layout, value string) (year, month, day, hour, min, sec,
 * nsec, zoneOffset int, zoneName string, zoneUTC bool, layoutElem,
 * valueElem, message string, ok bool): Go's parse up to the choice of
 * zone; zoneOffset is -1 when the value gave none. On failure the three
 * texts are the ParseError's. */
static NativeStatus time_parse_engine(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    String ls = nat_str(args), vs = nat_str(args + 2);
    const char *layout = (const char *)ls.ptr, *value = (const char *)vs.ptr;
    size_t ln = (size_t)ls.len, vn = (size_t)vs.len;
    int64_t year = 0, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
    int64_t zoff = -1;
    bool zutc = false, am = false, pm = false;
    const char *zname = NULL;
    size_t znlen = 0;
    const char *range = NULL;
    String elayout = {0}, evalue = {0}, emsg = {0};
    bool ok = true;
    for (;;) {
        TimeChunk c = tp_next_chunk(layout, ln);
        const char *hold = value;
        size_t holdn = vn;
        if (!tp_skip(&value, &vn, layout, c.prefix)) {
            elayout = string_from_bytes(layout, (int64_t)c.prefix);
            evalue = string_from_bytes(value, (int64_t)vn);
            ok = false;
            break;
        }
        if (c.std == STD_NONE) {
            if (vn != 0) {
                StrBuf b = {0};
                sbuf_init(&b);
                sbuf_puts(&b, ": extra text: ");
                numconv_quote(&b, (const uint8_t *)value, (int64_t)vn, '"', false);
                emsg = sbuf_string(&b);
                evalue = string_from_bytes(value, (int64_t)vn);
                ok = false;
            }
            break;
        }
        const char *stdstr = layout + c.prefix;
        size_t stdlen = c.len;
        layout += c.prefix + c.len;
        ln -= c.prefix + c.len;
        hold = value, holdn = vn;
        bool err = false;
        int64_t x = 0;
        switch (c.std) {
        case STD_YEAR:
            if (vn < 2 || !tp_digit(value, vn, 0) || !tp_digit(value, vn, 1)) {
                err = true;
                break;
            }
            year = (value[0] - '0') * 10 + (value[1] - '0');
            year += year >= 69 ? 1900 : 2000;
            value += 2, vn -= 2;
            break;
        case STD_LONG_YEAR:
            if (vn < 4 || !tp_digit(value, vn, 0)) {
                err = true;
                break;
            }
            year = 0;
            for (int i = 0; i < 4; i++) {
                if (!tp_digit(value, vn, (size_t)i)) {
                    err = true;
                    break;
                }
                year = year * 10 + (value[i] - '0');
            }
            if (!err)
                value += 4, vn -= 4;
            break;
        case STD_MONTH:
            month = tp_lookup(tp_long_months, 12, 3, &value, &vn) + 1;
            err = month == 0;
            break;
        case STD_LONG_MONTH:
            month = tp_lookup(tp_long_months, 12, 0, &value, &vn) + 1;
            err = month == 0;
            break;
        case STD_NUM_MONTH:
        case STD_ZERO_MONTH:
            err = !tp_getnum(&value, &vn, c.std == STD_ZERO_MONTH, &month);
            if (!err && (month <= 0 || month > 12))
                range = "month";
            break;
        case STD_WEEKDAY:
            err = tp_lookup(tp_long_days, 7, 3, &value, &vn) < 0;
            break;
        case STD_LONG_WEEKDAY:
            err = tp_lookup(tp_long_days, 7, 0, &value, &vn) < 0;
            break;
        case STD_DAY:
        case STD_UNDER_DAY:
        case STD_ZERO_DAY:
            if (c.std == STD_UNDER_DAY && vn > 0 && value[0] == ' ')
                value++, vn--;
            err = !tp_getnum(&value, &vn, c.std == STD_ZERO_DAY, &day);
            break;
        case STD_UNDER_YEARDAY:
        case STD_ZERO_YEARDAY:
            for (int i = 0; i < 2; i++)
                if (c.std == STD_UNDER_YEARDAY && vn > 0 && value[0] == ' ')
                    value++, vn--;
            err = !tp_getnum3(&value, &vn, c.std == STD_ZERO_YEARDAY, &yday);
            break;
        case STD_HOUR:
            err = !tp_getnum(&value, &vn, false, &hour);
            if (hour < 0 || hour >= 24)
                range = "hour";
            break;
        case STD_HOUR12:
        case STD_ZERO_HOUR12:
            err = !tp_getnum(&value, &vn, c.std == STD_ZERO_HOUR12, &hour);
            if (hour < 0 || hour > 12)
                range = "hour";
            break;
        case STD_MINUTE:
        case STD_ZERO_MINUTE:
            err = !tp_getnum(&value, &vn, c.std == STD_ZERO_MINUTE, &min);
            if (min < 0 || min >= 60)
                range = "minute";
            break;
        case STD_SECOND:
        case STD_ZERO_SECOND:
            err = !tp_getnum(&value, &vn, c.std == STD_ZERO_SECOND, &sec);
            if (err)
                break;
            if (sec < 0 || sec >= 60) {
                range = "second";
                break;
            }
            /* a fraction in the value but not in the layout is accepted */
            if (vn >= 2 && (value[0] == '.' || value[0] == ',') && tp_digit(value, vn, 1)) {
                TimeChunk c2 = tp_next_chunk(layout, ln);
                if (c2.std == STD_FRAC0 || c2.std == STD_FRAC9)
                    break;
                size_t k = 2;
                while (k < vn && tp_digit(value, vn, k))
                    k++;
                err = !tp_nanos(value, k, &nsec);
                value += k, vn -= k;
            }
            break;
        case STD_PM:
        case STD_pm:
            if (vn < 2) {
                err = true;
                break;
            }
            if (memcmp(value, c.std == STD_PM ? "PM" : "pm", 2) == 0)
                pm = true;
            else if (memcmp(value, c.std == STD_PM ? "AM" : "am", 2) == 0)
                am = true;
            else
                err = true;
            value += 2, vn -= 2;
            break;
        case STD_ISO8601_TZ:
        case STD_ISO8601_SHORT_TZ:
        case STD_ISO8601_COLON_TZ:
        case STD_ISO8601_SECONDS_TZ:
        case STD_ISO8601_COLON_SECONDS_TZ:
        case STD_NUM_TZ:
        case STD_NUM_SHORT_TZ:
        case STD_NUM_COLON_TZ:
        case STD_NUM_SECONDS_TZ:
        case STD_NUM_COLON_SECONDS_TZ: {
            bool iso = c.std >= STD_ISO8601_TZ && c.std <= STD_ISO8601_COLON_SECONDS_TZ;
            if (iso && vn >= 1 && value[0] == 'Z') {
                value++, vn--;
                zutc = true;
                break;
            }
            const char *sign, *hh, *mm, *ss = "00";
            if (c.std == STD_ISO8601_COLON_TZ || c.std == STD_NUM_COLON_TZ) {
                if (vn < 6 || value[3] != ':') {
                    err = true;
                    break;
                }
                sign = value, hh = value + 1, mm = value + 4;
                value += 6, vn -= 6;
            } else if (c.std == STD_NUM_SHORT_TZ || c.std == STD_ISO8601_SHORT_TZ) {
                if (vn < 3) {
                    err = true;
                    break;
                }
                sign = value, hh = value + 1, mm = "00";
                value += 3, vn -= 3;
            } else if (c.std == STD_ISO8601_COLON_SECONDS_TZ || c.std == STD_NUM_COLON_SECONDS_TZ) {
                if (vn < 9 || value[3] != ':' || value[6] != ':') {
                    err = true;
                    break;
                }
                sign = value, hh = value + 1, mm = value + 4, ss = value + 7;
                value += 9, vn -= 9;
            } else if (c.std == STD_ISO8601_SECONDS_TZ || c.std == STD_NUM_SECONDS_TZ) {
                if (vn < 7) {
                    err = true;
                    break;
                }
                sign = value, hh = value + 1, mm = value + 3, ss = value + 5;
                value += 7, vn -= 7;
            } else {
                if (vn < 5) {
                    err = true;
                    break;
                }
                sign = value, hh = value + 1, mm = value + 3;
                value += 5, vn -= 5;
            }
            int64_t hr = 0, mn = 0, sc = 0;
            const char *p;
            size_t pn;
            p = hh, pn = 2;
            err = !tp_getnum(&p, &pn, true, &hr);
            p = mm, pn = 2;
            if (!err)
                err = !tp_getnum(&p, &pn, true, &mn);
            p = ss, pn = 2;
            if (!err)
                err = !tp_getnum(&p, &pn, true, &sc);
            if (hr > 24)
                range = "time zone offset hour";
            if (mn > 60)
                range = "time zone offset minute";
            if (sc > 60)
                range = "time zone offset second";
            zoff = (hr * 60 + mn) * 60 + sc;
            if (sign[0] == '-')
                zoff = -zoff;
            else if (sign[0] != '+')
                err = true;
            break;
        }
        case STD_TZ:
            if (vn >= 3 && memcmp(value, "UTC", 3) == 0) {
                zutc = true;
                value += 3, vn -= 3;
                break;
            }
            x = (int64_t)tp_zone_len(value, vn);
            if (x == 0) {
                err = true;
                break;
            }
            zname = value, znlen = (size_t)x;
            value += x, vn -= (size_t)x;
            break;
        case STD_FRAC0: {
            size_t nd = 1 + (size_t)c.ndigit;
            if (vn < nd || value[0] != c.sep) {
                err = true;
                break;
            }
            err = !tp_nanos(value, nd, &nsec);
            value += nd, vn -= nd;
            break;
        }
        case STD_FRAC9: {
            if (vn < 2 || !(value[0] == '.' || value[0] == ',') || value[1] < '0' || value[1] > '9')
                break; /* fraction omitted */
            size_t i = 0;
            while (i + 1 < vn && value[i + 1] >= '0' && value[i + 1] <= '9')
                i++;
            err = !tp_nanos(value, 1 + i, &nsec);
            value += 1 + i, vn -= 1 + i;
            break;
        }
        }
        if (range) {
            elayout = string_from_bytes(stdstr, (int64_t)stdlen);
            evalue = string_from_bytes(value, (int64_t)vn);
            StrBuf b = {0};
            sbuf_init(&b);
            sbuf_puts(&b, ": ");
            sbuf_puts(&b, range);
            sbuf_puts(&b, " out of range");
            emsg = sbuf_string(&b);
            ok = false;
            break;
        }
        if (err) {
            elayout = string_from_bytes(stdstr, (int64_t)stdlen);
            evalue = string_from_bytes(hold, (int64_t)holdn);
            ok = false;
            break;
        }
    }
    if (ok) {
        if (pm && hour < 12)
            hour += 12;
        else if (am && hour == 12)
            hour = 0;
        const char *msg = NULL;
        if (yday >= 0) {
            bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            if (yday < 1 || (yday > 365 && !(leap && yday == 366))) {
                msg = ": day-of-year out of range";
            } else if (month < 0 || day < 0) {
                int64_t d = yday, m = 1;
                while (m <= 12 && d > tp_days_in(m, year)) {
                    d -= tp_days_in(m, year);
                    m++;
                }
                if ((month >= 0 && month != m) || (day >= 0 && day != d))
                    msg = ": day-of-year does not match month";
                month = m, day = d;
            }
        } else {
            if (month < 0)
                month = 1;
            if (day < 0)
                day = 1;
        }
        if (!msg && (day < 1 || day > tp_days_in(month, year)))
            msg = ": day out of range";
        if (msg) {
            emsg = string_from_cstr(msg);
            evalue = string_from_bytes(value, (int64_t)vn);
            ok = false;
        }
    }
    res[0].i = year, res[1].i = month, res[2].i = day, res[3].i = hour;
    res[4].i = min, res[5].i = sec, res[6].i = nsec, res[7].i = zoff;
    nat_set_str(res + 8, zname ? string_from_bytes(zname, (int64_t)znlen) : (String){0});
    res[10].u = zutc;
    nat_set_str(res + 11, elayout);
    nat_set_str(res + 13, evalue);
    nat_set_str(res + 15, emsg);
    res[17].u = ok;
    return NATIVE_OK;
}

static const StdNative time_natives[] = {
    {"Duration.String", time_duration_string},
    {"now", time_now},
    {"fields", time_fields},
    {"localZone", time_local_zone},
    {"date", time_date},
    {"timeString", time_string},
    {"format", time_format_native},
    {"Sleep", time_sleep},
    {"startTimer", time_start_timer},
    {"stopTimer", time_stop_timer},
    {"resetTimer", time_reset_timer},
    {"parseDuration", time_parse_duration},
    {"parseEngine", time_parse_engine},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_time = {"time", time_source, time_natives};
