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
    {NULL, NULL},
};

const StdPackage stdlib_pkg_time = {"time", time_source, time_natives};
