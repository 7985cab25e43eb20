/*
 * kernels-elf/tests-fpx/exc_svc.c -- SVC with arguments.
 *
 * The handler finds the stacked frame (MSP or PSP from EXC_RETURN bit 2),
 * reads the SVC number from the instruction before the stacked return
 * address and its arguments from stacked r0-r3, and answers through the
 * frame: r0 (and r1 for 64-bit results), the stacked xPSR flags, and for
 * float calls the stacked s0 of the extended frame (after an FP instruction
 * in the handler has made lazy state preservation store the caller's
 * s0-s15).  Calls are made from thread mode on MSP, on PSP, unprivileged
 * (SVC hands privilege back), from a PendSV handler (nested: SVC's priority
 * is higher), and with FPCCR.LSPEN / ASPEN off.
 */
#include <string.h>
#include "exc.h"

static volatile u32 last_excret, last_ipsr, last_control_in_handler;

__attribute__((used)) static void svc_c(u32 *frame, u32 exc_return)
{
    u32 pc = frame[6];
    u32 number = *(const uint16_t *)(pc - 2u) & 0xFFu;
    last_excret = exc_return;
    last_ipsr = get_ipsr();
    last_control_in_handler = get_control();
    switch (number) {
    case 0:     /* four arguments */
        frame[0] = frame[0] + 2u * frame[1] + 3u * frame[2] + 4u * frame[3];
        break;
    case 1: {   /* 64-bit product in r0:r1 */
        uint64_t p = (uint64_t)frame[0] * frame[1];
        frame[0] = (u32)p;
        frame[1] = (u32)(p >> 32);
        break;
    }
    case 2:     /* answer in the flags: Z if r0 == r1, C if r0 > r1 (unsigned) */
        frame[7] = (frame[7] & 0x0FFFFFFFu) | (frame[0] == frame[1] ? 0x40000000u : 0u)
            | (frame[0] > frame[1] ? 0x20000000u : 0u);
        break;
    case 3:     /* report: IPSR, EXC_RETURN, stacked xPSR exception field, handler CONTROL */
        frame[0] = last_ipsr;
        frame[1] = exc_return;
        frame[2] = frame[7] & 0x1FFu;
        frame[3] = last_control_in_handler;
        break;
    case 4:     /* give privilege back to thread mode */
        set_control(get_control() & ~1u);
        break;
    case 5: {   /* float: stacked s0 = s0 * s1 + s2 (extended frame only) */
        if ((exc_return & 0x10u) == 0) {
            u32 fpscr;
            __asm volatile("vmrs %0, fpscr" : "=r"(fpscr));   /* FP instruction: lazy save happens now */
            float a, b, c;
            memcpy(&a, &frame[8], 4);
            memcpy(&b, &frame[9], 4);
            memcpy(&c, &frame[10], 4);
            float r = a * b + c;
            memcpy(&frame[8], &r, 4);
            frame[0] = frame[24] & 0x0FC0009Fu;   /* caller's stacked FPSCR (modes and flags) */
        } else {
            frame[0] = 0xFFFFFFFFu;
        }
        break;
    }
    default:
        frame[0] = 0xDEADu;
        break;
    }
}

__attribute__((naked)) void SVC_Handler(void)
{
    CALL_WITH_FRAME(svc_c);
}

static inline u32 svc0(u32 a, u32 b, u32 c, u32 d)
{
    register u32 r0 __asm("r0") = a;
    register u32 r1 __asm("r1") = b;
    register u32 r2 __asm("r2") = c;
    register u32 r3 __asm("r3") = d;
    __asm volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3) : "memory");
    return r0;
}
static inline uint64_t svc1(u32 a, u32 b)
{
    register u32 r0 __asm("r0") = a;
    register u32 r1 __asm("r1") = b;
    __asm volatile("svc #1" : "+r"(r0), "+r"(r1) : : "memory");
    return (uint64_t)r1 << 32 | r0;
}
static inline u32 svc2_flags(u32 a, u32 b)
{
    register u32 r0 __asm("r0") = a;
    register u32 r1 __asm("r1") = b;
    u32 apsr;
    __asm volatile("msr APSR_nzcvq, %3\n\t"
                   "svc #2\n\t"
                   "mrs %2, apsr" : "+r"(r0), "+r"(r1), "=r"(apsr) : "r"(0x90000000u) : "memory", "cc");
    return apsr >> 28;
}
static inline void svc3(u32 out[4])
{
    register u32 r0 __asm("r0");
    register u32 r1 __asm("r1");
    register u32 r2 __asm("r2");
    register u32 r3 __asm("r3");
    __asm volatile("svc #3" : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3) : : "memory");
    out[0] = r0; out[1] = r1; out[2] = r2; out[3] = r3;
}
static inline void svc4(void) { __asm volatile("svc #4" : : : "memory"); }
static inline float svc5(float a, float b, float c, u32 *fpscr_seen)
{
    register float s0 __asm("s0") = a;
    register float s1 __asm("s1") = b;
    register float s2 __asm("s2") = c;
    register u32 r0 __asm("r0");
    __asm volatile("svc #5" : "+t"(s0), "=r"(r0) : "t"(s1), "t"(s2) : "memory");
    *fpscr_seen = r0;
    return s0;
}

static void report(const char *where)
{
    u32 st[4];
    svc3(st);
    printf("%s: ipsr %lu exc_return %08lx stacked-ipsr %lu handler-control %lx\n", where,
           (unsigned long)st[0], (unsigned long)st[1], (unsigned long)st[2], (unsigned long)st[3]);
}

/* Results are collected first and printed afterwards: newlib's printf ends in
 * a semihosting BKPT, which QEMU refuses from unprivileged code (its
 * semihosting userspace option is off), so the unprivileged run prints
 * nothing until it has its privilege back. */
typedef struct { u32 s0a, s0b; uint64_t p; u32 eq, gt, lt; float f; u32 fs; } call_results;

static void do_calls(call_results *cr)
{
    cr->s0a = svc0(1, 2, 3, 4);
    cr->s0b = svc0(0xFFFFFFFFu, 0x80000000u, 0x12345678u, 7);
    cr->p = svc1(0xFFFFFFFFu, 0xFFFFFFFFu);
    cr->eq = svc2_flags(5, 5);
    cr->gt = svc2_flags(9, 5);
    cr->lt = svc2_flags(1, 5);
    cr->f = svc5(1.5f, 2.0f, 0.25f, &cr->fs);
}

static void print_calls(const char *where, const call_results *cr)
{
    printf("%s: svc0 %08lx %08lx\n", where, (unsigned long)cr->s0a, (unsigned long)cr->s0b);
    printf("%s: svc1 %08lx%08lx\n", where, (unsigned long)(cr->p >> 32), (unsigned long)cr->p);
    printf("%s: svc2 eq %lx gt %lx lt %lx\n", where, (unsigned long)cr->eq, (unsigned long)cr->gt,
           (unsigned long)cr->lt);
    printf("%s: svc5 %g fpscr %08lx\n", where, (double)cr->f, (unsigned long)(cr->fs & ~0x9Fu));
}

static void calls(const char *where)
{
    call_results cr;
    do_calls(&cr);
    print_calls(where, &cr);
}

/* Run fn on the process stack (CONTROL.SPSEL = 1) and come back to MSP. */
static u32 psp_stack[512] __attribute__((aligned(8)));
__attribute__((naked, noinline)) static void run_on_psp(void (*fn)(void), u32 *top)
{
    __asm volatile("push {r4, lr}\n\t"
                   "msr psp, r1\n\t"
                   "mrs r4, control\n\t"
                   "orr r2, r4, #2\n\t"
                   "msr control, r2\n\t"
                   "isb\n\t"
                   "blx r0\n\t"
                   "mrs r2, control\n\t"
                   "bic r2, r2, #2\n\t"
                   "msr control, r2\n\t"
                   "isb\n\t"
                   "pop {r4, pc}\n\t");
}

static void on_psp(void)
{
    printf("thread psp: control %lx\n", (unsigned long)(get_control() & 3u));
    report("thread psp");
    calls("thread psp");
}

static void unprivileged(void)
{
    call_results cr;
    set_control(get_control() | 1u);          /* nPRIV */
    u32 c = get_control() & 3u;
    __asm volatile("msr basepri, %0" : : "r"(0x40u));   /* ignored when unprivileged */
    __asm volatile("cpsid i" ::: "memory");              /* ignored when unprivileged */
    u32 bp = get_basepri(), pm = get_primask();
    do_calls(&cr);
    svc4();
    u32 c2 = get_control() & 3u;
    print_calls("unprivileged", &cr);
    printf("unprivileged: control %lx basepri %lx primask %lx after svc4 control %lx\n",
           (unsigned long)c, (unsigned long)bp, (unsigned long)pm, (unsigned long)c2);
}

static volatile u32 pendsv_result[4];
void PendSV_Handler(void)
{
    u32 st[4];
    svc3(st);
    pendsv_result[0] = svc0(10, 20, 30, 40);
    pendsv_result[1] = st[0];
    pendsv_result[2] = st[1];
    pendsv_result[3] = st[2];
}

int main(void)
{
    static volatile float warm = 1.0f;
    float w = warm + 1.0f;          /* an FP instruction: CONTROL.FPCA set */
    (void)w;
    report("thread msp");
    calls("thread msp");
    run_on_psp(on_psp, psp_stack + 512);
    run_on_psp(unprivileged, psp_stack + 512);

    SCB_SHPR3 = (SCB_SHPR3 & 0xFF00FFFFu) | 0x00E00000u;   /* PendSV below SVCall (0) */
    SCB_ICSR = ICSR_PENDSVSET;
    dsb(); isb();
    printf("from pendsv: svc0 %lu ipsr %lu exc_return %08lx stacked-ipsr %lu\n",
           (unsigned long)pendsv_result[0], (unsigned long)pendsv_result[1],
           (unsigned long)pendsv_result[2], (unsigned long)pendsv_result[3]);

    /* FP rounding mode and flags of the caller travel in the stacked FPSCR */
    u32 fpscr_save;
    __asm volatile("vmrs %0, fpscr" : "=r"(fpscr_save));
    __asm volatile("vmsr fpscr, %0" : : "r"(0x00C00010u));   /* RZ, IXC */
    u32 fs;
    float r = svc5(1.0f / 3.0f, 3.0f, 0.0f, &fs);
    __asm volatile("vmsr fpscr, %0" : : "r"(fpscr_save));
    u32 rbits;
    memcpy(&rbits, &r, 4);
    printf("rz caller: svc5 %08lx fpscr %08lx\n", (unsigned long)rbits, (unsigned long)fs);

    FPU_FPCCR &= ~(1u << 30);       /* LSPEN off: FP state stacked at entry */
    calls("lspen off");
    report("lspen off");
    FPU_FPCCR &= ~(1u << 31);       /* ASPEN off: no FP context tracking, basic frames */
    set_control(get_control() & ~4u);
    report("aspen off");
    u32 fs2;
    float r2 = svc5(1.0f, 2.0f, 3.0f, &fs2);
    printf("aspen off: svc5 %g r0 %08lx\n", (double)r2, (unsigned long)fs2);
    FPU_FPCCR |= 3u << 30;
    printf("exc_svc done\n");
    return 0;
}
