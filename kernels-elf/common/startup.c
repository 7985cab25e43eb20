/*
 * kernels-elf/common/startup.c -- vector table and reset code for all M7Sim
 * target programs (STM32F746 variants and QEMU mps2-an500).
 *
 * Reset sequence (Reset_Handler, entry symbol of every ELF):
 *   1. enable the FPU: CPACR |= 0xF << 20 (CP10/CP11 full access), DSB, ISB --
 *      done in a few lines of assembly before any compiled C runs;
 *   2. VTOR = address of this vector table;
 *   3. (F746 only) FLASH_ACR: 7 wait states, prefetch on, ART accelerator on;
 *      enable the L1 I-cache and D-cache the CMSIS way (invalidate, then set
 *      CCR.IC / CCR.DC, with DSB/ISB);
 *   4. copy .data from its flash load image, zero .bss and .bss_big;
 *   5. newlib/rdimon: initialise_monitor_handles(), __heap_limit = __StackLimit;
 *   6. argv from the semihosting command line (SYS_GET_CMDLINE);
 *   7. __libc_init_array(); exit(main(argc, argv)).
 *
 * We deliberately do not use rdimon-crt0's _start: it takes the stack and
 * heap from SYS_HEAPINFO, i.e. from whatever the host (QEMU, the simulator)
 * answers, so the memory layout would depend on the host.  Here the stack is
 * the top of the linker script's RAM region (initial SP in the vector table)
 * and the heap runs from `end` to __StackLimit, on every host.
 *
 * Unhandled exceptions print "M7SIM: unhandled exception <n>" through
 * semihosting SYS_WRITE0 and stop with SYS_EXIT (reason RunTimeErrorUnknown,
 * QEMU exits with status 1).
 */
#include <stdint.h>
#include <stdlib.h>
#include "m7sim_io.h"

/* ---- linker script symbols ---- */
extern uint32_t __StackTop;
extern uint32_t __StackLimit;
extern uint32_t __data_start__, __data_end__, __data_load__;
extern uint32_t __bss_start__, __bss_end__;
extern uint32_t __bss_big_start__, __bss_big_end__;

/* ---- newlib / librdimon ---- */
extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern unsigned int __heap_limit;   /* librdimon: 0xcafedead = "no limit" */
extern int main(int argc, char **argv);

/* ---- system control block registers (Armv7-M) ---- */
#define REG32(addr) (*(volatile uint32_t *)(addr))
#define SCB_CPACR   REG32(0xE000ED88u)
#define SCB_VTOR    REG32(0xE000ED08u)
#define SCB_CCR     REG32(0xE000ED14u)
#define SCB_CCSIDR  REG32(0xE000ED80u)
#define SCB_CSSELR  REG32(0xE000ED84u)
#define SCB_ICIALLU REG32(0xE000EF50u)
#define SCB_DCISW   REG32(0xE000EF60u)
#define SCB_ICSR    REG32(0xE000ED04u)
#define CCR_DC      (1u << 16)
#define CCR_IC      (1u << 17)

/* STM32F7 flash interface */
#define FLASH_ACR   REG32(0x40023C00u)
#define FLASH_ACR_LATENCY_MASK 0xFu
#define FLASH_ACR_PRFTEN (1u << 8)
#define FLASH_ACR_ARTEN  (1u << 9)

static inline void dsb(void) { __asm volatile("dsb 0xF" ::: "memory"); }
static inline void isb(void) { __asm volatile("isb 0xF" ::: "memory"); }

void Reset_Handler(void);
void Default_Handler(void);

#define WEAK_HANDLER(name) void name(void) __attribute__((weak, alias("Default_Handler")))
WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(MemManage_Handler);
WEAK_HANDLER(BusFault_Handler);
WEAK_HANDLER(UsageFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(DebugMon_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);
WEAK_HANDLER(IRQ0_Handler);
WEAK_HANDLER(IRQ1_Handler);
WEAK_HANDLER(IRQ2_Handler);
WEAK_HANDLER(IRQ3_Handler);
WEAK_HANDLER(IRQ4_Handler);
WEAK_HANDLER(IRQ5_Handler);
WEAK_HANDLER(IRQ6_Handler);
WEAK_HANDLER(IRQ7_Handler);
WEAK_HANDLER(IRQ8_Handler);
WEAK_HANDLER(IRQ9_Handler);
WEAK_HANDLER(IRQ10_Handler);
WEAK_HANDLER(IRQ11_Handler);
WEAK_HANDLER(IRQ12_Handler);
WEAK_HANDLER(IRQ13_Handler);
WEAK_HANDLER(IRQ14_Handler);
WEAK_HANDLER(IRQ15_Handler);

/* 16 system entries + 16 external interrupt slots = 32 words (128 bytes,
 * so the table satisfies VTOR's alignment at any 128-byte boundary). */
typedef void (*vector_t)(void);
__attribute__((section(".isr_vector"), used))
const vector_t __isr_vector[32] = {
    (vector_t)(uintptr_t)&__StackTop, /*  0 initial SP */
    Reset_Handler,                    /*  1 reset */
    NMI_Handler,                      /*  2 */
    HardFault_Handler,                /*  3 */
    MemManage_Handler,                /*  4 */
    BusFault_Handler,                 /*  5 */
    UsageFault_Handler,               /*  6 */
    0, 0, 0, 0,                       /*  7-10 reserved */
    SVC_Handler,                      /* 11 */
    DebugMon_Handler,                 /* 12 */
    0,                                /* 13 reserved */
    PendSV_Handler,                   /* 14 */
    SysTick_Handler,                  /* 15 */
    IRQ0_Handler,  IRQ1_Handler,  IRQ2_Handler,  IRQ3_Handler,
    IRQ4_Handler,  IRQ5_Handler,  IRQ6_Handler,  IRQ7_Handler,
    IRQ8_Handler,  IRQ9_Handler,  IRQ10_Handler, IRQ11_Handler,
    IRQ12_Handler, IRQ13_Handler, IRQ14_Handler, IRQ15_Handler,
};

/* ------------------------------------------------------------------------ */

#if defined(M7SIM_BOARD_F746)
static void flash_art_enable(void)
{
    uint32_t acr = FLASH_ACR;
    acr = (acr & ~FLASH_ACR_LATENCY_MASK) | 7u;     /* 7 wait states (216 MHz) */
    FLASH_ACR = acr;
    FLASH_ACR = acr | FLASH_ACR_PRFTEN | FLASH_ACR_ARTEN;
}

static void icache_enable(void)
{
    dsb();
    isb();
    SCB_ICIALLU = 0u;               /* invalidate the whole I-cache */
    dsb();
    isb();
    SCB_CCR |= CCR_IC;
    dsb();
    isb();
}

static void dcache_enable(void)
{
    SCB_CSSELR = 0u;                /* level 1 data cache */
    dsb();
    uint32_t ccsidr = SCB_CCSIDR;
    uint32_t line_shift = (ccsidr & 0x7u) + 4u;         /* log2(line bytes) */
    uint32_t ways_m1 = (ccsidr >> 3) & 0x3FFu;          /* associativity - 1 */
    uint32_t sets_m1 = (ccsidr >> 13) & 0x7FFFu;        /* number of sets - 1 */
    uint32_t way_shift = ways_m1 ? (uint32_t)__builtin_clz(ways_m1) : 0u;

    for (uint32_t set = 0; set <= sets_m1; set++) {
        for (uint32_t way = 0; way <= ways_m1; way++) {
            SCB_DCISW = (way << way_shift) | (set << line_shift);
        }
    }
    dsb();
    SCB_CCR |= CCR_DC;
    dsb();
    isb();
}
#endif

/* Split the semihosting command line into argv (spaces separate arguments,
 * '...' or "..." quote them). */
static char s_cmdline[256];
static char *s_argv[16];

static int build_argv(void)
{
    int argc = 0;
    struct { char *buf; uint32_t len; } blk = { s_cmdline, sizeof s_cmdline - 1 };
    if (m7sim_semihost(M7SIM_SYS_GET_CMDLINE, &blk) != 0) {
        s_cmdline[0] = '\0';
    } else if (blk.len < sizeof s_cmdline) {
        s_cmdline[blk.len] = '\0';
    } else {
        s_cmdline[sizeof s_cmdline - 1] = '\0';
    }

    char *p = s_cmdline;
    const int max_args = (int)(sizeof s_argv / sizeof s_argv[0]) - 1;
    while (*p != '\0' && argc < max_args) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0')
            break;
        char quote = 0;
        if (*p == '"' || *p == '\'')
            quote = *p++;
        s_argv[argc++] = p;
        while (*p != '\0' && (quote ? *p != quote : (*p != ' ' && *p != '\t')))
            p++;
        if (*p != '\0')
            *p++ = '\0';
    }
    if (argc == 0)
        s_argv[argc++] = (char *)M7SIM_PROGRAM_NAME;
    s_argv[argc] = 0;
    return argc;
}

__attribute__((noreturn, used))
static void reset_c(void)
{
    SCB_VTOR = (uint32_t)(uintptr_t)__isr_vector;
    dsb();

#if defined(M7SIM_BOARD_F746)
    flash_art_enable();
    icache_enable();
    dcache_enable();
#endif

    /* .data: copy the load image from flash */
    uint32_t *src = &__data_load__;
    for (uint32_t *dst = &__data_start__; dst < &__data_end__; )
        *dst++ = *src++;
    /* .bss and .bss_big: zero */
    for (uint32_t *dst = &__bss_start__; dst < &__bss_end__; )
        *dst++ = 0u;
    for (uint32_t *dst = &__bss_big_start__; dst < &__bss_big_end__; )
        *dst++ = 0u;

    __heap_limit = (unsigned int)(uintptr_t)&__StackLimit;
    initialise_monitor_handles();
    int argc = build_argv();
    __libc_init_array();
    exit(main(argc, s_argv));
}

/* Entry point.  Naked so that nothing (no compiler-generated VFP spill or
 * copy) can run before the FPU is enabled. */
__attribute__((naked, noreturn, section(".text.Reset_Handler")))
void Reset_Handler(void)
{
    __asm volatile(
        "ldr   r0, =0xE000ED88   \n"   /* CPACR */
        "ldr   r1, [r0]          \n"
        "orr   r1, r1, #0x00F00000\n"  /* CP10, CP11 full access */
        "str   r1, [r0]          \n"
        "dsb                     \n"
        "isb                     \n"
        "ldr   r0, =__StackTop   \n"   /* also when entered from a debugger */
        "mov   sp, r0            \n"
        "b     reset_c           \n"
        ".ltorg                  \n");
}

/* Unhandled exception: report the exception number and stop. */
void Default_Handler(void)
{
    uint32_t ipsr;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    char msg[] = "M7SIM: unhandled exception 000\n";
    uint32_t n = ipsr & 0x1FFu;
    msg[27] = (char)('0' + (n / 100u) % 10u);
    msg[28] = (char)('0' + (n / 10u) % 10u);
    msg[29] = (char)('0' + n % 10u);
    m7sim_semihost(M7SIM_SYS_WRITE0, msg);
    for (;;)
        m7sim_semihost(M7SIM_SYS_EXIT, (void *)(uintptr_t)M7SIM_ADP_STOPPED_RUNTIME_ERROR);
}
