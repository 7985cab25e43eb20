/*
 * kernels-elf/tests-fpx/exc_stkerr.c -- a fault while stacking an exception
 * frame (Armv7-M ARM B1.5.6 PushStack, derived exceptions): the stack
 * overflow an RTOS catches with an MPU guard region below a task's stack.
 *
 * Thread code on PSP, with PSP at the top of a 32-byte no-access MPU region
 * (the guard), executes SVC: none of the frame can be written, CFSR.MSTKERR
 * is set and MemManage is pended besides SVCall (escalated to HardFault,
 * HFSR.FORCED, when MemManage is disabled).  Whichever of the two has the
 * higher priority runs first and the other tail-chains after it; the fault
 * handler moves PSP to a good stack holding a frame that resumes the thread
 * after its SVC.  Then the other way round: an SVC handler that points PSP
 * into the guard makes its own return fail to unstack (CFSR.MUNSTKERR), and
 * MemManage is tail-chained in place of the return.  Handlers log what they
 * see (exception number, CFSR, HFSR, SVCall pending, PSP as an offset) and
 * main prints the log.
 */
#include "exc.h"

#define MPU_CTRL REG32(0xE000ED94u)
#define MPU_RNR  REG32(0xE000ED98u)
#define MPU_RBAR REG32(0xE000ED9Cu)
#define MPU_RASR REG32(0xE000EDA0u)
#define RASR(log2, ap) (1u | (((log2) - 1u) << 1) | ((u32)(ap) << 24))
#define AP_NONE 0u
#define AP_FULL 3u

#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_SVCALLPENDED (1u << 15)

/* The guard sits inside a 1 KB block of its own, away from its first bytes: QEMU's semihosting reads
 * guest memory a 1 KB page at a time with the permissions of the page's first byte (see exc_mpu.c). */
static volatile struct {
    u32 pad[128];
    u32 guard[8];          /* +512: 32 bytes, no access */
    u32 stack[120];        /* the task's stack above it (unused: PSP starts at the guard's top) */
} area __attribute__((aligned(1024)));
static volatile u32 good_stack[64] __attribute__((aligned(8)));

extern const char site_after_svc[];

/* Set: the SVC handler moves PSP into the guard, so that its return cannot unstack. */
static volatile u32 svc_moves_psp;

/* Runs "svc #1" on PSP = sp (CONTROL.SPSEL = 1, FPCA = 0: a basic frame) and returns on MSP. Whatever
 * PSP the handlers leave, the code after the SVC only switches back to MSP. */
__attribute__((naked, noinline)) static void svc_on_psp(u32 sp)
{
    __asm volatile("push {r4, lr}\n\t"
                   "msr psp, r0\n\t"
                   "mrs r1, control\n\t"
                   "bic r1, r1, #6\n\t"
                   "orr r1, r1, #2\n\t"
                   "msr control, r1\n\t"
                   "isb\n\t"
                   "svc #1\n\t"
                   ".global site_after_svc\nsite_after_svc:\n\t"
                   "mrs r1, control\n\t"
                   "bic r1, r1, #2\n\t"
                   "msr control, r1\n\t"
                   "isb\n\t"
                   "pop {r4, pc}\n\t");
}

static u32 psp_offset(void)
{
    u32 psp = get_psp(), g = (u32)(uintptr_t)area.guard, s = (u32)(uintptr_t)good_stack;
    return psp - g < 0x400u ? 0x1000u + (psp - g) : 0x2000u + (psp - s);
}

/* Fault handler: log, clear the status, and give the thread a good stack whose frame resumes it after the SVC. */
__attribute__((used)) static void fault_c(u32 *frame, u32 exc_return)
{
    (void)frame; /* not written: the guard refused it */
    u32 cfsr = SCB_CFSR, hfsr = SCB_HFSR;
    log_ev(get_ipsr());
    log_ev(cfsr);
    log_ev(hfsr);
    log_ev((SCB_SHCSR & SHCSR_SVCALLPENDED) != 0);
    log_ev(psp_offset());
    log_ev(exc_return);
    SCB_CFSR = cfsr;
    SCB_HFSR = hfsr;
    volatile u32 *f = &good_stack[56];
    for (int i = 0; i < 6; i++)
        f[i] = 0;
    f[6] = (u32)(uintptr_t)site_after_svc & ~1u;
    f[7] = 1u << 24; /* xPSR: Thumb */
    set_psp((u32)(uintptr_t)f);
}

__attribute__((naked, used)) static void fault_entry(void)
{
    CALL_WITH_FRAME(fault_c);
}
__attribute__((naked)) void HardFault_Handler(void) { __asm volatile("b fault_entry"); }
__attribute__((naked)) void MemManage_Handler(void) { __asm volatile("b fault_entry"); }

void SVC_Handler(void)
{
    log_ev(get_ipsr());
    log_ev(SCB_CFSR);
    log_ev(psp_offset());
    if (svc_moves_psp)
        set_psp((u32)(uintptr_t)area.guard);
}

static void overflow(const char *name, u32 shpr2, u32 shpr1, u32 shcsr, u32 sp)
{
    SCB_SHPR2 = shpr2; /* SVCall priority in bits [31:24] */
    SCB_SHPR1 = shpr1; /* MemManage priority in bits [7:0] */
    SCB_SHCSR = shcsr;
    dsb();
    isb();
    svc_on_psp(sp);
    log_print(name);
}

int main(void)
{
    MPU_RNR = 0;
    MPU_RBAR = 0;
    MPU_RASR = RASR(32, AP_FULL);
    MPU_RNR = 1;
    MPU_RBAR = (u32)(uintptr_t)area.guard;
    MPU_RASR = RASR(5, AP_NONE);
    MPU_CTRL = 1;
    dsb();
    isb();

    u32 guard_top = (u32)(uintptr_t)&area.guard[8], good_top = (u32)(uintptr_t)&good_stack[48];
    /* MemManage (priority 0) above SVCall (0x80): MemManage first, then SVCall tail-chains */
    overflow("memmanage first", 0x80u << 24, 0x00u, SHCSR_MEMFAULTENA, guard_top);
    /* SVCall (0x00) above MemManage (0x80): SVCall runs first (on the unwritten frame), MemManage after */
    overflow("svcall first", 0x00u << 24, 0x80u, SHCSR_MEMFAULTENA, guard_top);
    /* MemManage disabled: the derived fault is a HardFault */
    overflow("escalated", 0x80u << 24, 0x00u, 0, guard_top);
    /* A good frame, but the SVC handler moves PSP into the guard: its return fails to unstack */
    svc_moves_psp = 1;
    overflow("unstacking", 0x80u << 24, 0x00u, SHCSR_MEMFAULTENA, good_top);
    overflow("unstacking escalated", 0x80u << 24, 0x00u, 0, good_top);
    svc_moves_psp = 0;

    MPU_CTRL = 0;
    dsb();
    isb();
    printf("cfsr %08lx hfsr %08lx shcsr %08lx\n", (unsigned long)SCB_CFSR, (unsigned long)SCB_HFSR, (unsigned long)SCB_SHCSR);
    printf("exc_stkerr done\n");
    return 0;
}
