/*
 * kernels-elf/tests-fpx/exc_interwork.c -- interworking branches to an even
 * address on a Thumb-only core (ARM ARM B1.4.2, A2.3.1 BXWritePC): the
 * branch itself completes with EPSR.T = 0, and the UsageFault INVSTATE is
 * taken on the next instruction, so the stacked return address is the
 * branch target and the stacked xPSR has T clear.  Covered: BX, BLX, POP
 * {pc} and LDR pc (LoadWritePC), and an exception return whose stacked xPSR
 * has T clear (the fault comes at the return address).
 */
#include <stdlib.h>
#include "exc.h"

static const char *volatile test_name = "";
static volatile u32 expect_pc, resume_mode;

__attribute__((used)) static void usage_c(u32 *frame)
{
    u32 cfsr = SCB_CFSR;
    printf("%s: exception %lu cfsr %08lx pc-at-target %d stacked-T %lu\n", test_name, (unsigned long)get_ipsr(),
           (unsigned long)cfsr, frame[6] == expect_pc, (unsigned long)((frame[7] >> 24) & 1u));
    SCB_CFSR = cfsr;
    if (resume_mode == 0)
        frame[6] = frame[5] & ~1u;    /* back to the caller of the bad branch */
    frame[7] |= 1u << 24;
}

__attribute__((naked)) void UsageFault_Handler(void)
{
    CALL_WITH_FRAME(usage_c);
}
void HardFault_Handler(void)
{
    printf("%s: unexpected HardFault, hfsr %08lx cfsr %08lx\n", test_name, (unsigned long)SCB_HFSR,
           (unsigned long)SCB_CFSR);
    exit(2);
}

/* SVC #0 clears the T bit of its own stacked xPSR. */
__attribute__((used)) static void svc_c(u32 *frame) { frame[7] &= ~(1u << 24); }
__attribute__((naked)) void SVC_Handler(void)
{
    __asm volatile("mov r0, sp\n\t"
                   "push {r4, lr}\n\t"
                   "bl svc_c\n\t"
                   "pop {r4, pc}\n\t");
}

__attribute__((noinline)) static u32 target(u32 x) { return x * 3u + 1u; }

__attribute__((noinline)) static void via_bx(u32 addr) { __asm volatile("bx %0" : : "r"(addr)); }
__attribute__((noinline)) static void via_blx(u32 addr)
{
    /* BLX writes LR first: keep the caller's return address in r4 and put it back in LR for the handler */
    __asm volatile("push {r4, lr}\n\t"
                   "mov r4, lr\n\t"
                   "adr lr, 1f\n\t"
                   "blx %0\n\t"
                   "1: pop {r4, pc}" : : "r"(addr) : "memory");
}
__attribute__((noinline)) static void via_pop(u32 addr)
{
    __asm volatile("push {%0}\n\t"
                   "pop {pc}" : : "r"(addr) : "memory");
}
__attribute__((noinline)) static void via_ldr(u32 addr)
{
    static volatile u32 slot;
    slot = addr;
    __asm volatile("ldr pc, [%0]" : : "r"(&slot) : "memory");
}
extern const char after_svc[];
__attribute__((noinline)) static void via_return(void)
{
    /* The return address is word aligned: QEMU checks ARM-state PC
     * alignment first and would report a halfword-aligned one as UNALIGNED,
     * where a Cortex-M7 (no ARM state) reports INVSTATE either way. */
    __asm volatile(".balign 4\n\t"
                   "nop\n\t"
                   "svc #0\n\t"
                   ".global after_svc\n"
                   "after_svc: nop" ::: "memory");
}

int main(void)
{
    SCB_SHCSR |= 1u << 18;           /* UsageFault enabled */
    dsb(); isb();
    u32 even = (u32)(uintptr_t)target & ~1u;
    expect_pc = even;
    resume_mode = 0;
    test_name = "bx even";
    via_bx(even);
    test_name = "blx even";
    via_blx(even);
    test_name = "pop pc even";
    via_pop(even);
    test_name = "ldr pc even";
    via_ldr(even);
    test_name = "exception return with T clear";
    expect_pc = (u32)(uintptr_t)after_svc & ~1u;
    resume_mode = 1;
    via_return();
    printf("target still works: %lu\n", (unsigned long)target(4));
    printf("exc_interwork done\n");
    return 0;
}
