/*
 * kernels-elf/tests-fpx/exc_systick.c -- SysTick-driven counter.
 *
 *  1. PENDSTSET with the timer off: the handler runs once, in Handler mode
 *     (IPSR 15) on the main stack; EXC_RETURN says whether the interrupted
 *     code had an active FP context.
 *  2. SysTick at 1 ms (processor clock): the handler counts N ticks and
 *     switches the timer off itself at the Nth (clearing a tick that may have
 *     become pending meanwhile), the main loop waits with WFI.  The printed
 *     count is N whatever the instruction rate is (QEMU's, one instruction
 *     per 32 ns under -icount, is not M7Sim's), and the handler's float work on a value the interrupted
 *     code also keeps in FP registers shows lazy FP stacking keeps both.
 *  3. Masking: SysTick priority 0x80, BASEPRI 0x80 holds a pended SysTick
 *     back, BASEPRI 0xA0 lets it in; PRIMASK holds it back until CPSIE.
 *  4. Polling COUNTFLAG with TICKINT off: N wraps, no exception; a write to
 *     the current value register clears COUNTFLAG.
 */
#include "exc.h"

#define N_TICKS 25

static volatile u32 ticks, stop_at;
static volatile u32 first_ipsr, first_excret, first_control;
static volatile float tick_acc;

__attribute__((used)) static void systick_c(u32 exc_return)
{
    u32 t = ticks;
    if (t == 0) {
        first_ipsr = get_ipsr();
        first_excret = exc_return;
        first_control = get_control();
    }
    if (stop_at != 0 && t >= stop_at)
        return;
    tick_acc = tick_acc * 1.5f + 0.25f;      /* FP in the handler */
    ticks = t + 1;
    if (stop_at != 0 && t + 1 == stop_at) {
        SYST_CSR = 0;
        SCB_ICSR = ICSR_PENDSTCLR;
    }
}

/* Naked entry so the EXC_RETURN in LR reaches C untouched. */
__attribute__((naked)) void SysTick_Handler(void)
{
    __asm volatile("mov r0, lr\n\t"
                   "push {r0, lr}\n\t"
                   "bl systick_c\n\t"
                   "pop {r0, pc}\n\t");
}

static volatile float seed = 3.0f;

int main(void)
{
    /* 1. software pend, timer off */
    SCB_SHPR3 = (SCB_SHPR3 & 0x00FFFFFFu) | 0x80000000u;   /* SysTick priority 0x80 */
    float keep = seed * 2.0f;     /* live in an FP register across the exception */
    SCB_ICSR = ICSR_PENDSTSET;
    dsb();
    isb();
    keep = keep + 1.0f;
    printf("pendstset: ticks %lu ipsr %lu exc_return %08lx control %lx keep %g acc %g\n",
           (unsigned long)ticks, (unsigned long)first_ipsr, (unsigned long)first_excret,
           (unsigned long)first_control, (double)keep, (double)tick_acc);
    printf("shpr3 top bits %02lx\n", (unsigned long)((SCB_SHPR3 >> 24) & 0xE0u));

    /* 2. timer-driven: N ticks, waited for with WFI */
    ticks = 0;
    tick_acc = 0.0f;
    stop_at = N_TICKS;
    float f = seed;
    SYST_RVR = 25000u - 1u;     /* 1 ms at 25 MHz (mps2); shorter on the F746 */
    SYST_CVR = 0;
    SYST_CSR = 7u;              /* ENABLE | TICKINT | CLKSOURCE = processor clock */
    u32 wakeups = 0;
    while (ticks < N_TICKS) {
        f = f * 0.5f + 1.0f;    /* converges to 2; independent of how often it runs once settled */
        wfi();
        wakeups++;
    }
    printf("timer: ticks %lu csr %lx pending %lu wakeups>=ticks %d f %g acc %.9g\n",
           (unsigned long)ticks, (unsigned long)(SYST_CSR & 7u),
           (unsigned long)((SCB_ICSR >> 26) & 1u), wakeups >= N_TICKS, (double)(f > 1.999f ? 2.0f : f),
           (double)tick_acc);

    /* 3. masking by BASEPRI and PRIMASK */
    stop_at = 0;
    ticks = 0;
    set_basepri(0x80);
    SCB_ICSR = ICSR_PENDSTSET;
    dsb(); isb();
    u32 held = ticks, pend = (SCB_ICSR >> 26) & 1u;
    set_basepri(0xA0);          /* 0x80 is now above the mask priority: taken */
    dsb(); isb();
    u32 after = ticks;
    set_basepri(0);
    printf("basepri: held %lu pending %lu after %lu\n", (unsigned long)held, (unsigned long)pend, (unsigned long)after);
    irq_off();
    SCB_ICSR = ICSR_PENDSTSET;
    dsb(); isb();
    held = ticks;
    pend = (SCB_ICSR >> 26) & 1u;
    irq_on();
    isb();
    after = ticks;
    printf("primask: held %lu pending %lu after %lu\n", (unsigned long)held, (unsigned long)pend, (unsigned long)after);

    /* 4. polling: TICKINT off */
    ticks = 0;
    SYST_RVR = 5000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 5u;              /* ENABLE | CLKSOURCE */
    u32 wraps = 0, spins = 0;
    while (wraps < 10u) {
        if (SYST_CSR & (1u << 16))
            wraps++;
        spins++;
    }
    u32 val_ok = SYST_CVR <= 4999u;
    SYST_CVR = 123;             /* any write: counter to 0, COUNTFLAG cleared */
    u32 cf = (SYST_CSR >> 16) & 1u;
    SYST_CSR = 0;
    printf("polling: wraps %lu exceptions %lu val<=reload %lu countflag after cvr write %lu spun %d\n",
           (unsigned long)wraps, (unsigned long)ticks, (unsigned long)val_ok, (unsigned long)cf, spins > wraps);
    printf("exc_systick done\n");
    return 0;
}
