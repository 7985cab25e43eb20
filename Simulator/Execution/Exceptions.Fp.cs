using M7Sim.Isa;
using M7Sim.Memory;
using M7Sim.Simulation;

namespace M7Sim.Execution;

/// <summary>
/// Floating-point context handling (B1.5.7, ExecuteFPCheck / PreserveFPState / UpdateFPCCR): the
/// extended frame reserves S0-S15 and FPSCR; with FPCCR.LSPEN the registers are only written when
/// the handler first executes an FP instruction (lazy state preservation).
/// </summary>
internal static partial class Exceptions
{
    /// <summary>
    /// The FP-context part of ExecuteFPCheck, for every FP instruction after the CPACR check: saves
    /// the lazily preserved state (FPCCR.LSPACT) and, with FPCCR.ASPEN, starts a new FP context
    /// (CONTROL.FPCA = 1, FPSCR's AHP/DN/FZ/RMode from FPDSCR). Cheap guard for callers:
    /// <c>if ((c.Control &amp; 4) == 0 || (c.Fpccr &amp; 1) != 0) Exceptions.FpContextCheck(c);</c>
    /// </summary>
    public static void FpContextCheck(Cpu c)
    {
        if ((c.Fpccr & SystemControlSpace.FpccrLspAct) != 0) PreserveFpState(c);
        if ((c.Fpccr & SystemControlSpace.FpccrAspen) != 0 && (c.Control & 4) == 0)
        {
            c.Fpscr = (c.Fpscr & ~0x07C0_0000u) | (c.Fpdscr & 0x07C0_0000u);
            c.Control |= 4;
        }
    }

    /// <summary>
    /// PreserveFPState: writes S0-S15 and FPSCR into the space reserved at FPCAR and clears LSPACT.
    /// A bus error here would be an LSPERR BusFault on the chip; it is not modelled (the frame was
    /// writable when it was stacked, so only firmware that moves its stack in between can hit it).
    /// </summary>
    public static void PreserveFpState(Cpu c)
    {
        uint address = c.Fpcar & ~7u;
        for (int i = 0; i < 16; i++) c.Bus.Write(address + (uint)(4 * i), 4, c.S[i]);
        c.Bus.Write(address + 0x40, 4, c.Fpscr);
        c.Fpccr &= ~SystemControlSpace.FpccrLspAct;
    }

    /// <summary>UpdateFPCCR at entry with an extended frame and LSPEN: FPCAR, LSPACT and the context the handler ran from.</summary>
    private static void RecordLazyFrame(Machine m, uint frame, bool threadMode)
    {
        var c = m.Cpu;
        var scs = m.Scs;
        int execution = scs.ExecutionPriority();
        uint fpccr = c.Fpccr & ~(SystemControlSpace.FpccrUser | SystemControlSpace.FpccrThread | SystemControlSpace.FpccrHfRdy
            | SystemControlSpace.FpccrMmRdy | SystemControlSpace.FpccrBfRdy | SystemControlSpace.FpccrMonRdy);
        fpccr |= SystemControlSpace.FpccrLspAct;
        if (!c.Privileged) fpccr |= SystemControlSpace.FpccrUser;
        if (threadMode) fpccr |= SystemControlSpace.FpccrThread;
        if (execution > -1) fpccr |= SystemControlSpace.FpccrHfRdy;
        if (scs.IsFaultEnabled(MemManage) && execution > scs.Priority(MemManage)) fpccr |= SystemControlSpace.FpccrMmRdy;
        if (scs.IsFaultEnabled(BusFault) && execution > scs.Priority(BusFault)) fpccr |= SystemControlSpace.FpccrBfRdy;
        if (scs.MonitorEnabled && execution > scs.Priority(DebugMonitor)) fpccr |= SystemControlSpace.FpccrMonRdy;
        c.Fpccr = fpccr;
        c.Fpcar = frame + 0x20;
    }
}
