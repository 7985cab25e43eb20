/*
 * kernels-elf/tests-fpx/exc_mpu.c -- the PMSAv7 MPU (Armv7-M ARM B3.5)
 * enforcing its regions: MemManage faults with the MMFSR bits and MMFAR.
 *
 * A 256-byte buffer is guarded by region 1 (no access, one 32-byte
 * subregion disabled), region 2 (higher number, inside it: read-only) and
 * region 3 (a 32-byte code buffer holding "bx lr": execute-never).  Region 0
 * (the whole 4 GB, full access) or the privileged background map
 * (PRIVDEFENA, with SRAM the only region for unprivileged code) covers
 * the rest.  The fault handler prints the exception,
 * CFSR, MMFAR as an offset into the buffer (only when MMARVALID: addresses
 * differ between boards), whether the stacked PC is the faulting
 * instruction, then clears CFSR and recovers: skip the instruction, return
 * to the caller after a bad fetch, or give Thread mode its privilege back
 * and retry.  Also: unprivileged access and fetch, the HardFault escalation
 * of a disabled MemManage, in which the MPU is off (HFNMIENA clear).
 */
#include "exc.h"

#define MPU_CTRL REG32(0xE000ED94u)
#define MPU_RNR  REG32(0xE000ED98u)
#define MPU_RBAR REG32(0xE000ED9Cu)
#define MPU_RASR REG32(0xE000EDA0u)

/* RASR: ENABLE, SIZE = log2(bytes) - 1, SRD, AP, XN (B3.5.9) */
#define RASR(log2, ap, xn, srd) (1u | (((log2) - 1u) << 1) | ((u32)(srd) << 8) | ((u32)(ap) << 24) | ((xn) ? 1u << 28 : 0))
#define AP_NONE 0u
#define AP_PRIV_RW 1u
#define AP_FULL 3u
#define AP_RO 6u

/* The guarded buffers sit at the top of a 1 KB block of their own: QEMU's semihosting reads guest
 * memory page by page (1 KB) with the permissions of the page's first byte, so no other variable may
 * share the page and its first bytes must stay readable and writable. */
static volatile struct {
    u32 pad[128];
    uint16_t code_buf[16]; /* +512, 32-byte aligned */
    u32 pad2[56];
    u32 guarded[64];       /* +768, 256-byte aligned */
} area __attribute__((aligned(1024)));
#define guarded area.guarded
#define code_buf area.code_buf

static const char *volatile test_name = "";
/* 0 skip the instruction, 1 return to the stacked LR, 2 restore privilege and retry */
static volatile u32 recover;
static volatile u32 expect_pc;
static volatile u32 faults;

__attribute__((used)) static void fault_c(u32 *frame, u32 exc_return)
{
    (void)exc_return;
    u32 ipsr = get_ipsr(), cfsr = SCB_CFSR, hfsr = SCB_HFSR, mmfar = SCB_MMFAR;
    u32 pc = frame[6];
    faults++;
    printf("%s: exception %lu cfsr %08lx hfsr %08lx", test_name, (unsigned long)ipsr, (unsigned long)cfsr,
           (unsigned long)hfsr);
    if (cfsr & (1u << 7))
        printf(" mmfar guarded+%ld", (long)(mmfar - (u32)(uintptr_t)guarded));
    printf(" pc-at-site %d\n", pc == expect_pc);
    SCB_CFSR = cfsr;
    SCB_HFSR = hfsr;
    if (recover == 0)
        skip_faulting_instruction(frame);
    else if (recover == 1)
        return_to_caller(frame);
    else
        set_control(get_control() & ~1u); /* Thread mode privileged again on return */
}

__attribute__((naked, used)) static void fault_entry(void)
{
    CALL_WITH_FRAME(fault_c);
}
__attribute__((naked)) void HardFault_Handler(void) { __asm volatile("b fault_entry"); }
__attribute__((naked)) void MemManage_Handler(void) { __asm volatile("b fault_entry"); }

extern const char site_load[], site_store[], site_ldrt[], site_unpriv_next[];

__attribute__((noinline)) static u32 load_at(volatile u32 *p)
{
    u32 v;
    __asm volatile(".global site_load\nsite_load: ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}
__attribute__((noinline)) static void store_at(volatile u32 *p, u32 v)
{
    __asm volatile(".global site_store\nsite_store: str %0, [%1]" : : "r"(v), "r"(p) : "memory");
}
__attribute__((noinline)) static u32 ldrt_at(volatile u32 *p)
{
    u32 v;
    __asm volatile(".global site_ldrt\nsite_ldrt: ldrt %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}
/* Drops privilege; with no region for unprivileged code the next fetch faults.  That is the ISB
 * in QEMU and M7Sim, which fetch each instruction after the MSR with the new privilege; the
 * architecture only promises it for the instructions after the ISB (silicon may have prefetched
 * the ISB privileged and fault on the NOP). */
__attribute__((noinline)) static void drop_privilege_and_run(void)
{
    __asm volatile("mrs r0, control\n\t"
                   "orr r0, r0, #1\n\t"
                   "msr control, r0\n\t"
                   ".global site_unpriv_next\nsite_unpriv_next: isb\n\t"
                   "nop" ::: "r0", "memory");
}

static void run(const char *name, u32 rec, const void *site)
{
    test_name = name;
    recover = rec;
    expect_pc = (u32)(uintptr_t)site & ~1u;
}

static void region(u32 n, u32 base, u32 rasr)
{
    MPU_RNR = n;
    MPU_RBAR = base;
    MPU_RASR = rasr;
}

static void mpu_on(u32 ctrl)
{
    MPU_CTRL = ctrl;
    dsb();
    isb();
}

int main(void)
{
    u32 g = (u32)(uintptr_t)guarded;
    for (u32 i = 0; i < 64; i++)
        guarded[i] = 0x1000u + i;
    code_buf[0] = 0x4770u; /* bx lr */
    dsb();
    isb();
    printf("mpu type %08lx\n", (unsigned long)REG32(0xE000ED90u));

    SCB_SHCSR |= 1u << 16; /* MemManage enabled */
    dsb();
    isb();
    region(0, 0, RASR(32, AP_FULL, 0, 0));
    region(1, g, RASR(8, AP_NONE, 0, 1u << 1));      /* subregion 1 (guarded[8..15]) disabled */
    region(2, g + 128, RASR(5, AP_RO, 0, 0));         /* guarded[32..39] */
    region(3, (u32)(uintptr_t)code_buf, RASR(5, AP_FULL, 1, 0));
    MPU_RNR = 1;
    printf("region 1 rbar-low %02lx rasr %08lx\n", (unsigned long)(MPU_RBAR & 0x1Fu), (unsigned long)MPU_RASR);
    mpu_on(1);

    run("load guarded[0]", 0, site_load);
    u32 v = load_at(&guarded[0]);
    run("load guarded[63]", 0, site_load);
    v += load_at(&guarded[63]);
    printf("subregion disabled: guarded[9] %lx\n", (unsigned long)load_at(&guarded[9]));
    printf("read-only region: guarded[33] %lx\n", (unsigned long)load_at(&guarded[33]));
    run("store guarded[33]", 0, site_store);
    store_at(&guarded[33], 5);
    run("execute-never code", 1, (const void *)code_buf);
    ((void (*)(void))((uintptr_t)code_buf | 1u))();

    /* privileged-only region: LDRT from privileged code, then an LDR unprivileged */
    region(1, g, RASR(8, AP_PRIV_RW, 0, 0));
    dsb();
    isb();
    printf("privileged load: %lx\n", (unsigned long)load_at(&guarded[1]));
    run("ldrt guarded[2]", 0, site_ldrt);
    v += ldrt_at(&guarded[2]);
    set_control(get_control() | 1u);
    run("unprivileged load guarded[3]", 0, site_load);
    v += load_at(&guarded[3]);
    __asm volatile("svc #0"); /* back to privileged: SVC_Handler below */

    /* background map for privileged code; unprivileged code has only SRAM (execute-never, where the
     * exception frame goes), so it cannot even fetch its next instruction */
    MPU_CTRL = 0;
    region(0, 0x20000000u, RASR(29, AP_FULL, 1, 0));
    region(1, 0, 0);
    region(2, 0, 0);
    region(3, 0, 0);
    mpu_on(1u | 4u);
    printf("background map: guarded[4] %lx\n", (unsigned long)load_at(&guarded[4]));
    run("unprivileged fetch", 2, site_unpriv_next);
    drop_privilege_and_run();
    printf("control %lx after the retry\n", (unsigned long)get_control());

    /* MemManage disabled: HardFault, in which the MPU does not apply (HFNMIENA clear) */
    region(1, g, RASR(8, AP_NONE, 0, 0));
    SCB_SHCSR &= ~(1u << 16);
    dsb();
    isb();
    run("load guarded[5] (escalated)", 0, site_load);
    v += load_at(&guarded[5]);

    mpu_on(0);
    printf("mpu off: guarded[5] %lx\n", (unsigned long)load_at(&guarded[5]));
    (void)v; /* a skipped load leaves its register as it was: nothing to print */
    printf("faults %lu, cfsr %08lx\n", (unsigned long)faults, (unsigned long)SCB_CFSR);
    printf("exc_mpu done\n");
    return 0;
}

void SVC_Handler(void)
{
    set_control(get_control() & ~1u);
}
