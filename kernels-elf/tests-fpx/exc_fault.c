/*
 * kernels-elf/tests-fpx/exc_fault.c -- fault handlers printing the fault
 * status registers.
 *
 * One handler body serves HardFault, MemManage, BusFault and UsageFault: it
 * prints the exception number, CFSR, HFSR, BFAR (only when BFARVALID),
 * whether the stacked PC is the faulting instruction, SHCSR's active bits,
 * then clears the status bits and recovers (skip the instruction, return to
 * the caller after a bad instruction fetch, or fix the cause and retry).
 * Faults covered: data bus errors on loads (escalated to HardFault while
 * BusFault is disabled, then as BusFault: LDR, LDRH, LDRD, VLDR), an
 * instruction bus error, UDF, SDIV by zero with DIV_0_TRP, unaligned LDRD and
 * trapped unaligned LDR, an FP instruction with CP10/CP11 disabled (NOCP,
 * retried after the handler enables them), SVC while PRIMASK masks it
 * (HardFault, FORCED).  BX to an even address (INVSTATE) is in
 * exc_interwork.c.
 *
 * The bad accesses use addresses that fault on QEMU's mps2-an500 and on
 * M7Sim's board of that name: 0x30000000 and 0x70000000 are in no region of
 * either (QEMU's unimplemented-device ranges, e.g. 0x01010000, 0x20800000 or
 * 0x40030000, read as zero instead; there is no bit-band alias on a
 * Cortex-M7, although QEMU maps one).  Only loads are used for data bus
 * errors: a Cortex-M7 reports a store to normal memory as IMPRECISERR after
 * the write buffer, QEMU reports every bus error precisely, so a store's
 * status would not have to agree.
 */
#include "exc.h"

static const char *volatile test_name = "";
/* 0 skip the instruction, 1 return to the stacked LR, 2 enable CP10/11 and
 * retry, 3 resume at the stacked PC */
static volatile u32 recover;
static volatile u32 expect_pc;
static volatile u32 faults;

__attribute__((used)) static void fault_c(u32 *frame, u32 exc_return)
{
    if (recover == 2) {               /* re-enable the FPU before any FP instruction (printf has some) */
        SCB_CPACR |= 0xFu << 20;
        dsb(); isb();
    }
    u32 ipsr = get_ipsr(), cfsr = SCB_CFSR, hfsr = SCB_HFSR, bfar = SCB_BFAR, shcsr = SCB_SHCSR;
    u32 pc = frame[6];
    faults++;
    printf("%s: exception %lu cfsr %08lx hfsr %08lx", test_name, (unsigned long)ipsr, (unsigned long)cfsr,
           (unsigned long)hfsr);
    if (cfsr & (1u << 15))
        printf(" bfar %08lx", (unsigned long)bfar);
    printf(" pc-at-site %d active %03lx mode %s\n", pc == expect_pc, (unsigned long)(shcsr & 0x18Bu),
           (exc_return & 4u) ? "psp" : "msp");
    SCB_CFSR = cfsr;                  /* write one to clear */
    SCB_HFSR = hfsr;
    if (recover == 0)
        skip_faulting_instruction(frame);
    else if (recover == 1)
        return_to_caller(frame);
}

__attribute__((naked, used)) static void fault_entry(void)
{
    CALL_WITH_FRAME(fault_c);
}
__attribute__((naked)) void HardFault_Handler(void) { __asm volatile("b fault_entry"); }
__attribute__((naked)) void MemManage_Handler(void) { __asm volatile("b fault_entry"); }
__attribute__((naked)) void BusFault_Handler(void) { __asm volatile("b fault_entry"); }
__attribute__((naked)) void UsageFault_Handler(void) { __asm volatile("b fault_entry"); }

/* Fault sites: each a global label on the faulting instruction. */
extern const char site_load[], site_ldrh[], site_ldrd_bus[], site_vldr[], site_udf[], site_sdiv[],
    site_ldrd_unal[], site_ldr_unal[], site_vadd[], site_svc[];

__attribute__((noinline)) static u32 load_at(u32 addr)
{
    u32 v;
    __asm volatile(".global site_load\nsite_load: ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}
__attribute__((noinline)) static u32 ldrh_at(u32 addr)
{
    u32 v;
    __asm volatile(".global site_ldrh\nsite_ldrh: ldrh %0, [%1, #2]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}
__attribute__((noinline)) static void ldrd_at(u32 addr)
{
    __asm volatile(".global site_ldrd_bus\nsite_ldrd_bus: ldrd r2, r3, [%0]" : : "r"(addr) : "r2", "r3", "memory");
}
__attribute__((noinline)) static void vldr_at(u32 addr)
{
    __asm volatile(".global site_vldr\nsite_vldr: vldr d7, [%0]" : : "r"(addr) : "d7", "memory");
}
__attribute__((noinline)) static void udf(void)
{
    __asm volatile(".global site_udf\nsite_udf: udf #42" ::: "memory");
}
__attribute__((noinline)) static u32 sdiv0(u32 a, u32 b)
{
    u32 r;
    __asm volatile(".global site_sdiv\nsite_sdiv: sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
__attribute__((noinline)) static void ldrd_unaligned(u32 addr)
{
    __asm volatile(".global site_ldrd_unal\nsite_ldrd_unal: ldrd r2, r3, [%0]" : : "r"(addr) : "r2", "r3", "memory");
}
__attribute__((noinline)) static u32 ldr_unaligned(u32 addr)
{
    u32 v;
    __asm volatile(".global site_ldr_unal\nsite_ldr_unal: ldr.w %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}
__attribute__((noinline)) static u32 vadd_nocp(u32 a)
{
    u32 out;
    /* the first FP instruction is the one that faults */
    __asm volatile(".global site_vadd\nsite_vadd: vmov s14, %1\n\t"
                   "vadd.f32 s14, s14, s14\n\t"
                   "vmov %0, s14" : "=r"(out) : "r"(a) : "s14");
    return out;
}
__attribute__((noinline)) static void svc_masked(void)
{
    __asm volatile("cpsid i\n\t"
                   ".global site_svc\nsite_svc: svc #1\n\t"
                   "cpsie i" ::: "memory");
}
__attribute__((noinline)) static void call_addr(u32 addr)
{
    ((void (*)(void))(uintptr_t)addr)();
}

static void run(const char *name, u32 rec, const char *site)
{
    test_name = name;
    recover = rec;
    expect_pc = (u32)(uintptr_t)site & ~1u;
}

static u32 aligned_buf[4] __attribute__((aligned(8))) = { 0x11111111u, 0x22222222u, 0x33333333u, 0x44444444u };

int main(void)
{
    /* configurable faults disabled: everything escalates to HardFault */
    run("load 0x30000000 (escalated)", 0, site_load);
    u32 v = load_at(0x30000000u);
    run("ldrh 0x70000000", 0, site_ldrh);
    v += ldrh_at(0x70000000u);

    SCB_SHCSR |= (1u << 16) | (1u << 17) | (1u << 18);   /* MemManage, BusFault, UsageFault enabled */
    dsb(); isb();
    run("load 0x30000000", 0, site_load);
    v += load_at(0x30000000u);
    run("ldrd 0x7000fff8", 0, site_ldrd_bus);
    ldrd_at(0x7000FFF8u);
    run("vldr 0x30000100", 0, site_vldr);
    vldr_at(0x30000100u);
    run("fetch 0x30000000", 1, (const char *)0x30000000u);
    call_addr(0x30000001u);
    run("udf", 0, site_udf);
    udf();
    SCB_CCR |= 1u << 4;                                    /* DIV_0_TRP */
    run("sdiv by zero", 0, site_sdiv);
    v += sdiv0(7, 0);
    SCB_CCR &= ~(1u << 4);
    printf("sdiv by zero untrapped: %lu\n", (unsigned long)sdiv0(7, 0));
    run("ldrd unaligned", 0, site_ldrd_unal);
    ldrd_unaligned((u32)(uintptr_t)aligned_buf + 2u);
    printf("ldr unaligned untrapped: %08lx\n", (unsigned long)ldr_unaligned((u32)(uintptr_t)aligned_buf + 1u));
    SCB_CCR |= 1u << 3;                                    /* UNALIGN_TRP */
    run("ldr unaligned trapped", 0, site_ldr_unal);
    v += ldr_unaligned((u32)(uintptr_t)aligned_buf + 1u);
    SCB_CCR &= ~(1u << 3);
    SCB_CPACR &= ~(0xFu << 20);
    dsb(); isb();
    run("vadd with cp10 off", 2, site_vadd);
    printf("vadd retried: %08lx\n", (unsigned long)vadd_nocp(0x3FC00000u));
    run("svc with primask", 3, site_svc + 2);      /* SVC's return address: the next instruction */
    svc_masked();

    /* a UsageFault disabled again escalates; in the HardFault handler SHCSR shows no active fault */
    SCB_SHCSR &= ~(1u << 18);
    run("udf (escalated)", 0, site_udf);
    udf();
    SCB_SHCSR &= ~((1u << 16) | (1u << 17));
    printf("faults %lu, loads gave %lu, cfsr %08lx hfsr %08lx\n", (unsigned long)faults, (unsigned long)(v != 0),
           (unsigned long)SCB_CFSR, (unsigned long)SCB_HFSR);
    printf("exc_fault done\n");
    return 0;
}
