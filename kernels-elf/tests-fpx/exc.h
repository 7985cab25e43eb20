/*
 * kernels-elf/tests-fpx/exc.h -- System Control Space registers and helpers
 * for the exception programs (exc_*.c).  Handlers override the weak aliases
 * of common/startup.c's vector table (SysTick_Handler, SVC_Handler, ...,
 * IRQ0_Handler..IRQ15_Handler) simply by defining a function of that name.
 *
 * Everything printed must agree between QEMU mps2-an500 and M7Sim on both
 * boards: no addresses, no cycle counts, no SysTick values, nothing whose
 * value depends on how many instructions run between two ticks, and only
 * the top three priority bits (every implementation has at least those).
 */
#ifndef EXC_H
#define EXC_H

#include <stdint.h>
#include <stdio.h>

typedef uint32_t u32;

#define REG32(a) (*(volatile u32 *)(a))
/* SCB (B3.2) */
#define SCB_ICSR   REG32(0xE000ED04u)
#define SCB_AIRCR  REG32(0xE000ED0Cu)
#define SCB_SCR    REG32(0xE000ED10u)
#define SCB_CCR    REG32(0xE000ED14u)
#define SCB_SHPR1  REG32(0xE000ED18u)
#define SCB_SHPR2  REG32(0xE000ED1Cu)
#define SCB_SHPR3  REG32(0xE000ED20u)
#define SCB_SHCSR  REG32(0xE000ED24u)
#define SCB_CFSR   REG32(0xE000ED28u)
#define SCB_HFSR   REG32(0xE000ED2Cu)
#define SCB_MMFAR  REG32(0xE000ED34u)
#define SCB_BFAR   REG32(0xE000ED38u)
#define SCB_CPACR  REG32(0xE000ED88u)
#define FPU_FPCCR  REG32(0xE000EF34u)
#define FPU_FPCAR  REG32(0xE000EF38u)
#define FPU_FPDSCR REG32(0xE000EF3Cu)
/* SysTick (B3.3) */
#define SYST_CSR   REG32(0xE000E010u)
#define SYST_RVR   REG32(0xE000E014u)
#define SYST_CVR   REG32(0xE000E018u)
/* NVIC (B3.4) */
#define NVIC_ISER0 REG32(0xE000E100u)
#define NVIC_ICER0 REG32(0xE000E180u)
#define NVIC_ISPR0 REG32(0xE000E200u)
#define NVIC_ICPR0 REG32(0xE000E280u)
#define NVIC_IABR0 REG32(0xE000E300u)
#define NVIC_IPR(n) (*(volatile uint8_t *)(0xE000E400u + (n)))
#define NVIC_STIR  REG32(0xE000EF00u)

#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSVCLR (1u << 27)
#define ICSR_PENDSTSET (1u << 26)
#define ICSR_PENDSTCLR (1u << 25)
#define ICSR_RETTOBASE (1u << 11)

static inline void dsb(void) { __asm volatile("dsb" ::: "memory"); }
static inline void isb(void) { __asm volatile("isb" ::: "memory"); }
static inline void wfi(void) { __asm volatile("wfi" ::: "memory"); }
static inline void irq_off(void) { __asm volatile("cpsid i" ::: "memory"); }
static inline void irq_on(void) { __asm volatile("cpsie i" ::: "memory"); }
static inline u32 get_ipsr(void) { u32 v; __asm volatile("mrs %0, ipsr" : "=r"(v)); return v; }
static inline u32 get_control(void) { u32 v; __asm volatile("mrs %0, control" : "=r"(v)); return v; }
static inline void set_control(u32 v) { __asm volatile("msr control, %0\n\tisb" : : "r"(v) : "memory"); }
static inline u32 get_basepri(void) { u32 v; __asm volatile("mrs %0, basepri" : "=r"(v)); return v; }
static inline void set_basepri(u32 v) { __asm volatile("msr basepri, %0\n\tisb" : : "r"(v) : "memory"); }
static inline u32 get_primask(void) { u32 v; __asm volatile("mrs %0, primask" : "=r"(v)); return v; }
static inline u32 get_psp(void) { u32 v; __asm volatile("mrs %0, psp" : "=r"(v)); return v; }
static inline void set_psp(u32 v) { __asm volatile("msr psp, %0\n\tisb" : : "r"(v) : "memory"); }
static inline u32 get_msp(void) { u32 v; __asm volatile("mrs %0, msp" : "=r"(v)); return v; }

/* Body of a naked exception handler that calls fn(u32 *frame, u32 exc_return)
 * with the hardware-stacked frame, on MSP or PSP as EXC_RETURN bit 2 says;
 * fn returns to the pop, whose load of PC performs the exception return. */
#define CALL_WITH_FRAME(fn)                                                    \
    __asm volatile("tst lr, #4\n\t"                                          \
                   "ite eq\n\t"                                              \
                   "mrseq r0, msp\n\t"                                       \
                   "mrsne r0, psp\n\t"                                       \
                   "mov r1, lr\n\t"                                          \
                   "push {r4, lr}\n\t"                                       \
                   "bl " #fn "\n\t"                                          \
                   "pop {r4, pc}\n\t")

/* Fault recovery shared by the fault programs: resume after the faulting
 * instruction (16- or 32-bit, from its first halfword), or at the caller of
 * a function whose fetch faulted (the stacked LR). */
static inline void skip_faulting_instruction(u32 *frame)
{
    uint16_t hw = *(const uint16_t *)frame[6];
    frame[6] += (hw & 0xF800u) >= 0xE800u ? 4u : 2u;
}
static inline void return_to_caller(u32 *frame) { frame[6] = frame[5] & ~1u; }

/* Event log written by handlers (no printf inside most handlers: the log is
 * printed by thread code afterwards). */
#define LOG_MAX 256
static volatile u32 log_buf[LOG_MAX];
static volatile u32 log_n;
static inline void log_ev(u32 v)
{
    u32 n = log_n;
    if (n < LOG_MAX)
        log_buf[n] = v;
    log_n = n + 1;
}
__attribute__((unused)) static void log_print(const char *title)
{
    printf("%s:", title);
    for (u32 i = 0; i < log_n && i < LOG_MAX; i++)
        printf(" %lx", (unsigned long)log_buf[i]);
    printf("\n");
    log_n = 0;
}

#endif
