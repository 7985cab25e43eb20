/*
 * kernels-elf/tests-fpx/exc_nested.c -- nested interrupts at different
 * priorities, pended by software (NVIC_STIR and NVIC_ISPR).
 *
 * Every handler logs entry (0x1n0) and exit (0x2n0) of IRQ n, and what it
 * pends; the log shows the nesting order:
 *   A  each handler pends the next higher-priority IRQ: it preempts at once
 *      (the active bits and ICSR.RETTOBASE are logged at the innermost level);
 *   B  the highest-priority handler pends lower and equal-priority IRQs: they
 *      wait, then tail-chain by priority, equal priorities by IRQ number;
 *   C  priority grouping (AIRCR.PRIGROUP = 5): same group, higher
 *      subpriority does not preempt;
 *   D  BASEPRI (and BASEPRI_MAX) masks, PRIMASK masks, clear-pending and
 *      disabled-but-pending IRQs;
 *   E  SVC from an IRQ handler (SVCall priority 0 preempts);
 *   F  FP work in every nested handler while the interrupted levels keep FP
 *      values live (lazy stacking at each level), checked against the same
 *      arithmetic done without interrupts.
 */
#include "exc.h"

static volatile u32 scenario;
static volatile float fp_out[8];

static void pend_stir(u32 n) { NVIC_STIR = n; dsb(); isb(); }
static void pend_ispr(u32 n) { NVIC_ISPR0 = 1u << n; dsb(); isb(); }

static float fp_work(u32 n, float v)
{
    for (u32 i = 0; i < 4; i++)
        v = v * 1.25f + (float)n;
    return v;
}

static inline void svc_ping(void) { __asm volatile("svc #7" ::: "memory"); }
void SVC_Handler(void)
{
    log_ev(0x1B0u);
    log_ev(get_ipsr());
    log_ev(0x2B0u);
}

static void irq_body(u32 n)
{
    log_ev(0x100u | n << 4);
    u32 ipsr = get_ipsr();
    if (ipsr != 16u + n)
        log_ev(0xBAD00000u | ipsr);
    switch (scenario) {
    case 0:     /* A: chain upwards 0 -> 1 -> 2 -> 3 */
        if (n == 0) pend_stir(1);
        else if (n == 1) pend_ispr(2);
        else if (n == 2) pend_stir(3);
        else if (n == 3) {
            log_ev(0xA0000000u | NVIC_IABR0);
            log_ev(0xB0000000u | ((SCB_ICSR & ICSR_RETTOBASE) != 0));
        }
        if (n == 0)
            log_ev(0xB0000000u | ((SCB_ICSR & ICSR_RETTOBASE) != 0));
        break;
    case 1:     /* B: from the highest, pend lower and equal ones */
        if (n == 3) {
            pend_stir(0);
            pend_ispr(4);
            pend_stir(1);
            pend_ispr(6);       /* same priority as IRQ3: waits too */
            log_ev(0xC0000000u | NVIC_ISPR0);
            log_ev(0xD0000000u | (SCB_ICSR & 0x1FF000u) >> 12);   /* VECTPENDING */
        }
        break;
    case 2:     /* C: grouping -- IRQ1 (0xA0) and IRQ4 (0x80) share group 0x80 */
        if (n == 1) {
            pend_stir(4);
            log_ev(0xC0000000u | NVIC_ISPR0);
            pend_stir(2);       /* group 0x40: preempts */
        }
        break;
    case 3:     /* E: SVC from an IRQ handler */
        if (n == 0 || n == 2)
            svc_ping();
        break;
    case 4: {   /* F: FP at every level */
        float v = fp_work(n, (float)n + 0.5f);
        if (n == 0) pend_stir(1);
        else if (n == 1) pend_stir(2);
        else if (n == 2) pend_stir(3);
        v = fp_work(n, v);      /* live across the nested interrupt */
        fp_out[n] = v;
        break;
    }
    default:
        break;
    }
    log_ev(0x200u | n << 4);
}

void IRQ0_Handler(void) { irq_body(0); }
void IRQ1_Handler(void) { irq_body(1); }
void IRQ2_Handler(void) { irq_body(2); }
void IRQ3_Handler(void) { irq_body(3); }
void IRQ4_Handler(void) { irq_body(4); }
void IRQ5_Handler(void) { irq_body(5); }
void IRQ6_Handler(void) { irq_body(6); }

static void set_prio(u32 n, u32 p) { NVIC_IPR(n) = (uint8_t)p; }

int main(void)
{
    set_prio(0, 0xE0); set_prio(1, 0xA0); set_prio(2, 0x60); set_prio(3, 0x20);
    set_prio(4, 0xA0); set_prio(5, 0x00); set_prio(6, 0x20);
    NVIC_ISER0 = 0x7Fu;
    printf("priorities (top bits):");
    for (u32 n = 0; n < 7; n++)
        printf(" %02x", NVIC_IPR(n) & 0xE0u);
    printf("\n");

    scenario = 0;
    pend_stir(0);
    log_print("A chain up");

    scenario = 1;
    pend_stir(3);
    log_print("B pend lower/equal");

    scenario = 2;
    set_prio(4, 0x80);
    SCB_AIRCR = 0x05FA0000u | (5u << 8);
    pend_stir(1);
    log_print("C grouping");
    SCB_AIRCR = 0x05FA0000u;
    set_prio(4, 0xA0);
    printf("prigroup %lu\n", (unsigned long)((SCB_AIRCR >> 8) & 7u));

    scenario = 9;
    set_basepri(0x60);
    pend_stir(1);               /* 0xA0: masked */
    log_ev(0xC0000000u | NVIC_ISPR0);
    pend_stir(3);               /* 0x20: taken */
    __asm volatile("msr basepri_max, %0\n\tisb" : : "r"(0x80u) : "memory");   /* lower value wins: stays 0x60 */
    log_ev(0xE0000000u | get_basepri());
    __asm volatile("msr basepri_max, %0\n\tisb" : : "r"(0x40u) : "memory");   /* raises the mask to 0x40 */
    log_ev(0xE0000000u | get_basepri());
    set_basepri(0);             /* IRQ1 now */
    log_print("D basepri");
    irq_off();
    pend_stir(5);               /* priority 0, still masked by PRIMASK */
    pend_stir(6);
    log_ev(0xC0000000u | NVIC_ISPR0);
    NVIC_ICPR0 = 1u << 6;       /* cleared: never runs */
    NVIC_ICER0 = 1u << 2;       /* IRQ2 disabled: pending but not taken */
    pend_ispr(2);
    log_ev(0xC0000000u | NVIC_ISPR0);
    irq_on();
    isb();
    log_ev(0xC0000000u | NVIC_ISPR0);
    NVIC_ISER0 = 1u << 2;       /* enabled: taken now */
    dsb(); isb();
    log_print("D primask/clear/disable");

    scenario = 3;
    pend_stir(0);
    pend_stir(2);
    log_print("E svc from irq");

    scenario = 4;
    static volatile float thread_seed = 0.75f;
    float t = thread_seed * 3.0f;
    pend_stir(0);
    t = t * 2.0f + 1.0f;
    log_print("F fp nesting");
    int ok = 1;
    for (u32 n = 0; n < 4; n++) {
        float ref = fp_work(n, fp_work(n, (float)n + 0.5f));
        printf("fp irq%lu %.9g %s\n", (unsigned long)n, (double)fp_out[n], fp_out[n] == ref ? "matches" : "DIFFERS");
        ok &= fp_out[n] == ref;
    }
    printf("thread value %g\n", (double)t);
    printf("exc_nested done\n");
    return ok ? 0 : 1;
}
