/* cstack.c — C stack segments for calls from native code back into the
 * VM (see cstack.h for why).
 *
 * How a switch works. cstack_call notices that less than CSTACK_RESERVE
 * bytes remain below the stack pointer and calls cs_start on a segment
 * (cs_call_on: a few instructions that set the stack pointer, call, and
 * put it back; not swapcontext, which costs two system calls and which
 * AddressSanitizer does not fully support). Three parties must know:
 *
 * - The collector scans each thread's stack from its stack pointer to the
 *   "stack bottom" it recorded. On a segment that range must be the
 *   segment's, so the switch moves the bottom (GC_set_stackbottom), and the
 *   part of the stack left behind, which still holds the callers' pointers,
 *   is pushed as a root by cs_push_roots for as long as it is inactive.
 *   Moving the bottom and the stack pointer must look atomic to a
 *   collection (a collection between the two would scan from one stack to
 *   the other's end), so both happen with collections disabled
 *   (GC_disable holds off any collection until GC_enable).
 * - AddressSanitizer keeps its own idea of the current stack: every switch
 *   is announced with __sanitizer_start_switch_fiber and completed with
 *   __sanitizer_finish_switch_fiber.
 * - The thread itself: cstack_lo is the lowest address the current stack may
 *   use, which cstack_call measures against.
 *
 * It must never know about fibers or goroutines, and never longjmp across a
 * segment except through cstack_abandon.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cstack.h"

#include <gc.h>
#include <gc/gc_mark.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define CS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CS_ASAN 1
#endif
#endif
#ifdef CS_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

/* One entry onto a segment. It lives in cstack_call's frame on the stack
 * that was left, so it needs no allocation and is gone when the call is. */
typedef struct CsSwitch {
    /* in cs_inactive, the list the collector's root pusher walks (changed
     * only under the collector's lock) */
    struct CsSwitch *prev, *next;
    struct CsSwitch *outer; /* this thread's previous entry, NULL: none */
    uintptr_t lo, hi;       /* the part of the stack left that is in use */
    void (*fn)(void *);
    void *arg;
    char *seg;         /* the segment's mapping (guard page first) */
    uintptr_t lo_left; /* cstack_lo of the stack left */
    void *gc_thread;   /* the collector's handle of this thread */
    struct GC_stack_base left_sb, seg_sb;
#ifdef CS_ASAN
    void *asan_fake;
    const void *asan_bottom;
    size_t asan_size;
#endif
} CsSwitch;

/* The stacks left behind by every thread, for the collector, and their
 * bytes in all. */
static CsSwitch *cs_inactive;
static size_t cs_inactive_bytes;

/* The collector starts a collection after an allocation volume that is a
 * fraction of what it must scan, counting thread stacks but not the roots
 * cs_push_roots adds; a deep recursion through natives would then collect
 * ever more often as its stacks grow, each time scanning them all. Like
 * Go's pacer, which counts goroutine stacks in the heap goal, the stacks
 * left behind count here (a third, the collector's default share). */
static void cs_pace(void)
{
    size_t min = cs_inactive_bytes / 3;
    GC_set_min_bytes_allocd(min ? min : 1);
}
static GC_push_other_roots_proc cs_prev_push;
static pthread_once_t cs_once = PTHREAD_ONCE_INIT;
static pthread_key_t cs_key;

/* Per thread: the lowest usable address of the current stack and the top
 * of the thread's own stack (cstack_lo UINTPTR_MAX: not known yet), the innermost entry, and
 * a few free segments kept for the next deep call. */
__thread uintptr_t cstack_lo = UINTPTR_MAX;
static __thread uintptr_t cs_thread_hi;
static __thread CsSwitch *cs_top;
#define CS_CACHE 4
static __thread char *cs_cache[CS_CACHE];
static __thread int cs_ncache;

static size_t cs_page(void)
{
    static size_t page;
    if (!page)
        page = (size_t)sysconf(_SC_PAGESIZE);
    return page;
}

/* Calls fn(arg) with the stack pointer at `top` (16-byte aligned), and
 * puts the stack pointer back when fn returns. The old one is kept in a
 * callee-saved register; every register the ABI lets fn change is declared
 * clobbered, so the compiler keeps nothing live in them across the call.
 * The callee-saved registers keep the callers' values, and fn's prologue
 * saves those it uses on the new stack, where the collector sees them. */
static void cs_call_on(void *top, void (*fn)(void *), void *arg)
{
#if defined(__x86_64__)
    __asm__ volatile("mov %%rsp, %%rbx\n\t"
                     "mov %1, %%rsp\n\t"
                     "call *%2\n\t"
                     "mov %%rbx, %%rsp\n\t"
                     : "+D"(arg) /* rdi: fn may change it */
                     : "r"(top), "r"(fn)
                     : "rbx", "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "xmm0", "xmm1",
                       "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
                       "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "st", "st(1)", "st(2)", "st(3)",
                       "st(4)", "st(5)", "st(6)", "st(7)", "mm0", "mm1", "mm2", "mm3", "mm4", "mm5",
                       "mm6", "mm7", "cc", "memory");
#elif defined(__aarch64__)
    __asm__ volatile("mov x19, sp\n\t"
                     "mov sp, %0\n\t"
                     "mov x0, %2\n\t"
                     "blr %1\n\t"
                     "mov sp, x19\n\t"
                     :
                     : "r"(top), "r"(fn), "r"(arg)
                     : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                       "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x30", "v0", "v1",
                       "v2", "v3", "v4", "v5", "v6", "v7", "v16", "v17", "v18", "v19", "v20", "v21",
                       "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "cc",
                       "memory");
#else
#error "cstack.c: no stack switch for this architecture"
#endif
}

/* Pushes the inactive stacks as roots (runs with the world stopped and
 * the collector's lock held, so the list does not change under it). */
static void GC_CALLBACK cs_push_roots(void)
{
    for (CsSwitch *s = cs_inactive; s; s = s->next)
        GC_push_all_eager((void *)s->lo, (void *)s->hi);
    if (cs_prev_push)
        cs_prev_push();
}

static void cs_thread_exit(void *unused)
{
    (void)unused;
    while (cs_ncache > 0)
        munmap(cs_cache[--cs_ncache], CSTACK_SEGMENT);
}

static void *cs_install(void *unused)
{
    (void)unused;
    cs_prev_push = GC_get_push_other_roots();
    GC_set_push_other_roots(cs_push_roots);
    return NULL;
}

static void cs_init_once(void)
{
    GC_call_with_alloc_lock(cs_install, NULL);
    pthread_key_create(&cs_key, cs_thread_exit);
}

/* Learns the bounds of the thread's own stack (once per thread). */
static void cs_init_thread(void)
{
    pthread_once(&cs_once, cs_init_once);
    pthread_attr_t a;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        pthread_attr_getstack(&a, &addr, &size);
        pthread_attr_destroy(&a);
    }
    uintptr_t sp = cstack_sp();
    if (addr && sp > (uintptr_t)addr && sp <= (uintptr_t)addr + size) {
        cstack_lo = (uintptr_t)addr + cs_page(); /* above the guard page */
        cs_thread_hi = (uintptr_t)addr + size;
    } else {
        /* unknown: assume only what is needed now, so that the next deep
         * call moves to a segment */
        cstack_lo = sp - CSTACK_RESERVE;
        cs_thread_hi = sp;
    }
}

static char *cs_segment_get(void)
{
    if (cs_ncache > 0)
        return cs_cache[--cs_ncache];
    char *m = mmap(NULL, CSTACK_SEGMENT, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (m == MAP_FAILED) {
        fputs("fatal error: runtime: cannot allocate memory\n", stderr);
        _exit(2);
    }
    mprotect(m, cs_page(), PROT_NONE); /* overflowing a segment faults */
    return m;
}

static void cs_segment_put(char *m)
{
#ifdef CS_ASAN
    /* frames of the finished run left poisoned redzones behind */
    ASAN_UNPOISON_MEMORY_REGION(m + cs_page(), CSTACK_SEGMENT - cs_page());
#endif
    if (cs_ncache < CS_CACHE) {
        cs_cache[cs_ncache++] = m;
        pthread_setspecific(cs_key, cs_cache); /* non-NULL: run cs_thread_exit */
        return;
    }
    munmap(m, CSTACK_SEGMENT);
}

/* Under the collector's lock: the stack left becomes a root range and the
 * thread's stack bottom moves to the segment. */
static void *cs_gc_enter(void *p)
{
    CsSwitch *s = p;
    s->prev = NULL;
    s->next = cs_inactive;
    if (cs_inactive)
        cs_inactive->prev = s;
    cs_inactive = s;
    cs_inactive_bytes += s->hi - s->lo;
    cs_pace();
    GC_set_stackbottom(s->gc_thread, &s->seg_sb);
    return NULL;
}

/* Under the collector's lock: the reverse of cs_gc_enter. */
static void *cs_gc_leave(void *p)
{
    CsSwitch *s = p;
    if (s->prev)
        s->prev->next = s->next;
    else
        cs_inactive = s->next;
    if (s->next)
        s->next->prev = s->prev;
    GC_set_stackbottom(s->gc_thread, &s->left_sb);
    return NULL;
}

/* Records the stack left, from below every frame of the switching
 * function (its saved registers included) to the collector's current
 * stack bottom, and moves the bottom. Not inlined, so that its own frame
 * address is below the caller's whole frame. */
__attribute__((noinline)) static void cs_gc_switch_in(CsSwitch *s)
{
    s->lo = (uintptr_t)__builtin_frame_address(0) & ~(uintptr_t)7;
    s->gc_thread = GC_get_my_stackbottom(&s->left_sb);
    s->hi = (uintptr_t)s->left_sb.mem_base;
    s->seg_sb.mem_base = s->seg + CSTACK_SEGMENT;
    GC_call_with_alloc_lock(cs_gc_enter, s);
}

/* The first function on a segment: runs the call, then returns to
 * cs_call_on, which restores the caller's stack pointer. */
static void cs_start(void *p)
{
    CsSwitch *s = p;
#ifdef CS_ASAN
    __sanitizer_finish_switch_fiber(NULL, &s->asan_bottom, &s->asan_size);
#endif
    GC_enable(); /* disabled by cs_enter: the bottom and sp agree now */
    s->outer = cs_top;
    cs_top = s;
    cstack_lo = (uintptr_t)s->seg + cs_page();
    s->fn(s->arg);
    cs_top = s->outer;
    cstack_lo = s->lo_left;
    GC_disable(); /* until the caller's stack is the current one again */
    GC_call_with_alloc_lock(cs_gc_leave, s);
#ifdef CS_ASAN
    __sanitizer_start_switch_fiber(NULL, s->asan_bottom, s->asan_size);
#endif
}

__attribute__((noinline)) static void cs_enter(CsSwitch *s)
{
    s->seg = cs_segment_get();
    s->lo_left = cstack_lo;
    GC_disable(); /* until cs_start runs on the segment */
    cs_gc_switch_in(s);
#ifdef CS_ASAN
    __sanitizer_start_switch_fiber(&s->asan_fake, s->seg + cs_page(), CSTACK_SEGMENT - cs_page());
#endif
    cs_call_on(s->seg + CSTACK_SEGMENT, cs_start, s);
#ifdef CS_ASAN
    __sanitizer_finish_switch_fiber(s->asan_fake, NULL, NULL);
#endif
    GC_enable(); /* disabled by cs_start before it left the segment */
    cs_segment_put(s->seg);
}

void cstack_call_slow(void (*fn)(void *), void *arg)
{
    if (cstack_lo == UINTPTR_MAX)
        cs_init_thread();
    uintptr_t sp = cstack_sp();
    if (sp > cstack_lo && sp - cstack_lo >= CSTACK_RESERVE) {
        fn(arg);
        return;
    }
    CsSwitch s = {.fn = fn, .arg = arg};
    cs_enter(&s);
}

int cstack_on_segment(void)
{
    return cs_top != NULL;
}

/* What cstack_abandon runs on the thread's own stack. */
static __thread void (*cs_abandon_fn)(void);
static __thread CsSwitch *cs_abandoned;

static void cs_abandon_start(void *unused)
{
    (void)unused;
    CsSwitch *s = cs_abandoned, *first = s;
    while (first->outer)
        first = first->outer;
#ifdef CS_ASAN
    __sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
    /* the segments are dead now: forget their stacks left behind, give the
     * thread its own stack bottom back, and unmap them */
    for (CsSwitch *x = s; x; x = x->outer)
        GC_call_with_alloc_lock(cs_gc_leave, x);
    GC_enable();
    cs_top = NULL;
    cstack_lo = first->lo_left;
    void (*fn)(void) = cs_abandon_fn;
    /* innermost first: each record lives on the next outer segment */
    for (CsSwitch *x = s; x; x = x->outer)
        munmap(x->seg, CSTACK_SEGMENT);
    fn();
    abort(); /* fn must not return */
}

_Noreturn void cstack_abandon(void (*fn)(void))
{
    if (!cs_top) {
        fn();
        abort();
    }
    CsSwitch *first = cs_top;
    while (first->outer)
        first = first->outer;
    /* The thread's stack below where the first segment was entered is free
     * (everything there returned or was abandoned): run fn there, leaving
     * a gap under the recorded range for safety. The CsSwitch records stay
     * readable: they are above that, on the same stack. */
    uintptr_t top = (first->lo - 1024) & ~(uintptr_t)15;
    uintptr_t lo = first->lo_left;
    if (top <= lo + 16384)
        _exit(2); /* no room to leave the segments properly */
    cs_abandoned = cs_top;
    cs_abandon_fn = fn;
    GC_disable(); /* until cs_abandon_start has given the bottom back */
#ifdef CS_ASAN
    __sanitizer_start_switch_fiber(NULL, (void *)lo, cs_thread_hi - lo);
#endif
    cs_call_on((void *)top, cs_abandon_start, NULL);
    abort();
}
