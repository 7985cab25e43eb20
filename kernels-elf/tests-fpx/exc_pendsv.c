/*
 * kernels-elf/tests-fpx/exc_pendsv.c -- two tasks switched round-robin by
 * PendSV on the process stack, with FP context in use.
 *
 * PendSV (lowest priority) saves r4-r11, EXC_RETURN and -- when EXC_RETURN
 * says the interrupted code had an FP context -- s16-s31 below the
 * hardware frame on the outgoing PSP, asks sched_next() for the next task's
 * saved stack pointer and restores the same way (the RTOS scheme of the
 * Cortex-M4F/M7 ports).  Its VSTMDB is the handler's first FP instruction, so
 * the lazily reserved s0-s15/FPSCR of the outgoing task are stored right
 * then.  main is "task 0": it runs on MSP, and its software-saved registers
 * go to a scratch area PSP points at while it is switched out.
 *
 * Phase 1 (cooperative): each task yields (PENDSVSET) every few iterations
 * while float and double values stay live in FP registers across the yield
 * (the yield is an asm statement, not a call); the switch order is logged.
 * Phase 2 (preemptive): SysTick pends PendSV every 2000 cycles while the
 * tasks run longer computations without yielding; where the preemptions
 * fall depends on the instruction rate, so only the results are printed --
 * they must equal what main computes alone -- and that preemption happened.
 */
#include <string.h>
#include "exc.h"

#define NTASK 3
typedef struct { u32 *sp; u32 done; } tcb_t;
static tcb_t tcb[NTASK];
static volatile u32 current;
static volatile u32 switches;
static u32 main_scratch[64] __attribute__((aligned(8)));
static u32 stack1[768] __attribute__((aligned(8)));
static u32 stack2[768] __attribute__((aligned(8)));
static volatile u32 log_switches;

__attribute__((used)) static u32 *sched_next(u32 *sp)
{
    u32 cur = current, next = 0;
    tcb[cur].sp = sp;
    for (u32 k = 1; k <= 2; k++) {           /* round robin over the unfinished tasks */
        u32 cand = (cur + k - 1) % 2u + 1u;
        if (!tcb[cand].done) {
            next = cand;
            break;
        }
    }
    if (log_switches)
        log_ev(cur << 4 | next);
    switches++;
    current = next;
    return tcb[next].sp;
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm volatile("mrs r0, psp\n\t"
                   "tst lr, #0x10\n\t"
                   "it eq\n\t"
                   "vstmdbeq r0!, {s16-s31}\n\t"
                   "stmdb r0!, {r4-r11, lr}\n\t"
                   "bl sched_next\n\t"
                   "ldmia r0!, {r4-r11, lr}\n\t"
                   "tst lr, #0x10\n\t"
                   "it eq\n\t"
                   "vldmiaeq r0!, {s16-s31}\n\t"
                   "msr psp, r0\n\t"
                   "isb\n\t"
                   "bx lr\n\t");
}

void SysTick_Handler(void)
{
    SCB_ICSR = ICSR_PENDSVSET;
}

static inline void yield(void)
{
    SCB_ICSR = ICSR_PENDSVSET;
    __asm volatile("dsb\n\tisb" ::: "memory");
}

/* ---- the work: one function per task, also run by main for reference ---- */
typedef struct { u32 a, b, c, d; } result_t;
static volatile result_t results[NTASK];
static volatile u32 iterations, yield_every;

static void work1(u32 seed, result_t *r)
{
    float x = (float)seed * 0.001f, y = 1.0f;
    double acc = 0.0;
    u32 n = iterations, ye = yield_every;
    for (u32 i = 1; i <= n; i++) {
        x = x * 1.000123f + 0.5f / (float)i;
        y = __builtin_fmaf(y, 0.999f, x * 1e-3f);
        acc += (double)x * (double)y;
        if (ye != 0 && i % ye == 0)
            yield();
    }
    memcpy(&r->a, &x, 4);
    memcpy(&r->b, &y, 4);
    {
        uint64_t bits;
        memcpy(&bits, &acc, 8);
        r->c = (u32)bits;
        r->d = (u32)(bits >> 32);
    }
}

static void work2(u32 seed, result_t *r)
{
    double s = (double)seed, g = 1.0, h = 0.0;
    float f = 0.25f;
    u32 n = iterations, ye = yield_every;
    for (u32 i = 1; i <= n; i++) {
        g = 0.5 * (g + s / g);                 /* Newton sqrt, re-seeded */
        h += __builtin_sqrt(g + (double)i) - g;
        f = f * 0.75f + (float)(h * 1e-6);
        if ((i & 63u) == 0)
            s += 1.0;
        if (ye != 0 && i % ye == 0)
            yield();
    }
    uint64_t gb, hb;
    memcpy(&gb, &g, 8);
    memcpy(&hb, &h, 8);
    r->a = (u32)gb ^ (u32)(gb >> 32);
    memcpy(&r->b, &f, 4);
    r->c = (u32)hb;
    r->d = (u32)(hb >> 32);
}

/* A finished task publishes its result and yields until main takes over. */
__attribute__((noreturn)) static void finish(u32 id, const result_t *r)
{
    results[id].a = r->a; results[id].b = r->b; results[id].c = r->c; results[id].d = r->d;
    tcb[id].done = 1;
    for (;;)
        yield();
}

static void task1(u32 seed)
{
    result_t r;
    work1(seed, &r);
    finish(1, &r);
}

static void task2(u32 seed)
{
    result_t r;
    work2(seed, &r);
    finish(2, &r);
}

/* A task's result and whether it equals main's reference computation. */
static void print_result(const char *phase, u32 id, const result_t *ref)
{
    const volatile result_t *r = &results[id];
    printf("%s task%lu %08lx %08lx %08lx%08lx %s\n", phase, (unsigned long)id, (unsigned long)r->a,
           (unsigned long)r->b, (unsigned long)r->d, (unsigned long)r->c,
           memcmp((const void *)r, ref, sizeof *ref) == 0 ? "matches" : "DIFFERS");
}

/* Initial stack: r4-r11 and EXC_RETURN (thread, PSP, basic frame) for the
 * PendSV restore, then the hardware frame the exception return pops. */
static u32 *prepare(u32 *stack, u32 words, void (*entry)(u32), u32 arg)
{
    u32 *top = stack + words;                  /* 8-byte aligned */
    u32 *frame = top - 8;
    frame[0] = arg;                            /* r0 */
    frame[1] = frame[2] = frame[3] = frame[4] = 0;
    frame[5] = 0xFFFFFFFFu;                    /* lr: the task never returns */
    frame[6] = (u32)(uintptr_t)entry & ~1u;    /* pc */
    frame[7] = 0x01000000u;                    /* xPSR: T */
    u32 *sw = frame - 9;
    for (int i = 0; i < 8; i++)
        sw[i] = 0x40404040u + (u32)i;          /* r4-r11 */
    sw[8] = 0xFFFFFFFDu;
    return sw;
}

static void run_tasks(u32 seed1, u32 seed2)
{
    tcb[1].sp = prepare(stack1, 768, task1, seed1);
    tcb[2].sp = prepare(stack2, 768, task2, seed2);
    tcb[1].done = tcb[2].done = 0;
    current = 0;
    set_psp((u32)(uintptr_t)(main_scratch + 64));
    yield();                                   /* back here when both tasks are done */
}

int main(void)
{
    SCB_SHPR3 = (SCB_SHPR3 & 0x0000FFFFu) | 0xC0E00000u;   /* SysTick 0xC0, PendSV 0xE0 */
    static volatile double main_live_seed = 2.5;
    double main_live = main_live_seed * 3.0;  /* kept in an FP register across the switches */

    /* phase 1: cooperative */
    iterations = 40;
    yield_every = 8;
    log_switches = 1;
    switches = 0;
    run_tasks(1234, 77);
    log_switches = 0;
    main_live += 1.0;
    log_print("cooperative switches (from<<4|to)");
    result_t ref1, ref2;
    yield_every = 0;
    work1(1234, &ref1);
    work2(77, &ref2);
    print_result("cooperative", 1, &ref1);
    print_result("cooperative", 2, &ref2);
    printf("main live value %g, control after %lx\n", main_live, (unsigned long)(get_control() & 3u));

    /* phase 2: preemptive (SysTick pends PendSV) */
    iterations = 6000;
    yield_every = 0;
    memset((void *)results, 0, sizeof results);
    SYST_RVR = 2000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7u;
    switches = 0;
    run_tasks(99, 5);
    SYST_CSR = 0;
    SCB_ICSR = ICSR_PENDSTCLR;
    /* Without preemption the tasks switch 3 times (main->1, 1->2 and 2->main
     * as each finishes); how many more depends on the instruction rate. */
    u32 preempted = switches > 3u;
    main_live += 1.0;
    work1(99, &ref1);
    work2(5, &ref2);
    print_result("preemptive", 1, &ref1);
    print_result("preemptive", 2, &ref2);
    printf("main live value %g, preempted %lu\n", main_live, (unsigned long)preempted);
    printf("exc_pendsv done\n");
    return 0;
}
