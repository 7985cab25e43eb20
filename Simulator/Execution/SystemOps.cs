using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>System instructions (A5.3.4 miscellaneous control, hints, SVC, BKPT, UDF, CPS) and UNDEFINED.</summary>
internal static class SystemOps
{
    /// <summary>UDF and every UNDEFINED/UNPREDICTABLE encoding: UsageFault UNDEFINSTR.</summary>
    public static void Undefined(Cpu c, ref DecodedInst d) => c.Raise(FaultKind.Undefined, c.Pc);

    /// <summary>NOP, YIELD, SEV, DBG, unallocated hints, DMB/DSB/ISB: no architectural effect in a single-core model
    /// without write buffers (memory is updated in program order, so barriers complete at once).</summary>
    public static void Nop(Cpu c, ref DecodedInst d) { }

    /// <summary>WFI/WFE: the run loop sleeps until an interrupt or timer event (WFE treated like WFI: no event register).</summary>
    public static void WaitForInterrupt(Cpu c, ref DecodedInst d) => c.Raise(FaultKind.WaitForInterrupt, c.Pc);

    /// <summary>SVC #imm8: the run loop takes the SVCall exception with the next instruction as return address.</summary>
    public static void Svc(Cpu c, ref DecodedInst d)
    {
        c.FaultImm = d.Imm;
        c.Raise(FaultKind.SupervisorCall, c.Pc);
    }

    /// <summary>BKPT #imm8: 0xAB is the semihosting call; any other value halts as a debug event.</summary>
    public static void Bkpt(Cpu c, ref DecodedInst d)
    {
        c.FaultImm = d.Imm;
        c.Raise(d.Imm == 0xAB ? FaultKind.Semihosting : FaultKind.Breakpoint, c.Pc);
    }

    /// <summary>
    /// CPSIE/CPSID (B5.2.1): Imm bit 1 = I (PRIMASK), bit 0 = F (FAULTMASK); Imm2 = 1 to disable.
    /// Ignored when unprivileged. FAULTMASK cannot be set at priority -1 or below (HardFault, NMI).
    /// </summary>
    public static void Cps(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { c.Raise(FaultKind.Undefined, c.Pc); return; }
        if (!c.Privileged) return;
        bool disable = d.Imm2 != 0;
        if ((d.Imm & 2) != 0) c.Primask = disable ? 1u : 0u;
        if ((d.Imm & 1) != 0)
        {
            if (!disable) c.Faultmask = 0;
            else if (SpecialRegisters.PriorityAboveHardFault(c)) c.Faultmask = 1;
        }
        if (!disable) c.InterruptCheck = true;
    }
}
