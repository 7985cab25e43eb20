using M7Sim.Isa;
using M7Sim.Memory;
using M7Sim.Simulation;

namespace M7Sim.Execution;

/// <summary>Exception return (B1.5.8) with its integrity checks, and tail-chaining.</summary>
internal static partial class Exceptions
{
    /// <summary>
    /// ExceptionReturn: called by the run loop after an instruction in Handler mode wrote an EXC_RETURN
    /// value to the PC. Invalid returns take a UsageFault INVPC without stacking (the frame is still on
    /// the stack). If a pending exception can preempt the context being returned to, it is tail-chained:
    /// taken at once without unstacking and restacking (B1.5.12; functionally the same as returning and
    /// being interrupted before the first instruction).
    /// </summary>
    public static void Return(Machine m)
    {
        var c = m.Cpu;
        var scs = m.Scs;
        c.ExceptionReturnRequested = false;
        uint excReturn = c.ExceptionReturnValue;
        int returning = (int)c.Ipsr;
        int nested = scs.ActiveCount();
        uint kind = excReturn & 0xF;
        bool wellFormed = (excReturn & 0x0FFF_FFE0) == 0x0FFF_FFE0 && kind is 0x1 or 0x9 or 0xD;
        bool toThread = kind != 0x1;
        string? invalid = !scs.IsActive(returning) ? $"{Name(returning)} is not active"
            : !wellFormed ? "the value is not an EXC_RETURN"
            : toThread && nested != 1 && (scs.Ccr & SystemControlSpace.CcrNonBaseThrdEna) == 0 ? $"return to Thread mode with {nested} exceptions active"
            : null;
        if (invalid is not null)
        {
            scs.SetActive(returning, false);
            InvalidReturn(m, excReturn, $"EXC_RETURN 0x{excReturn:X8} from {Name(returning)}: {invalid}");
            return;
        }
        scs.SetActive(returning, false);

        int next = scs.PreemptingException();
        if (next != 0)
        {
            TailChain(m, next, excReturn);
            return;
        }

        if (!PopStack(m, excReturn, out uint frame, out uint refused))
        {
            UnstackingFailed(m, excReturn, refused);
            return;
        }
        // The IPSR loaded from the frame must agree with the mode returned to.
        if (!toThread ? c.Ipsr == 0 : c.Ipsr != 0)
        {
            uint stackedIpsr = c.Ipsr;
            UndoPop(m, excReturn, frame);
            InvalidReturn(m, excReturn, $"exception return to {(toThread ? "Thread" : "Handler")} mode with stacked IPSR {stackedIpsr}");
            return;
        }
        c.ExclusiveOpen = false;
        c.InterruptCheck = true;
        if (toThread && nested == 1 && scs.SleepOnExit) c.Raise(FaultKind.WaitForInterrupt, c.Pc); // SCR.SLEEPONEXIT
    }

    /// <summary>Takes <paramref name="exception"/> in place of returning: the frame stays, LR keeps the same EXC_RETURN.</summary>
    private static void TailChain(Machine m, int exception, uint excReturn)
    {
        if (!CheckVector(m, exception, out uint vector)) return;
        Taken(m, exception, vector, excReturn);
        m.Scs.CountEntry(tailChained: true);
    }

    /// <summary>UsageFault INVPC taken without stacking (escalated to HardFault or lockup as usual); LR = the bad EXC_RETURN.</summary>
    private static void InvalidReturn(Machine m, uint excReturn, string description)
    {
        var scs = m.Scs;
        scs.RecordFault(FaultKind.InvalidPc, 0);
        m.LastFault = $"invalid exception return (INVPC): {description}";
        int target = Escalate(m, UsageFault, out bool lockup);
        if (lockup)
        {
            Lockup(m, m.LastFault);
            return;
        }
        if (!CheckVector(m, target, out uint vector)) return;
        Taken(m, target, vector, excReturn);
        scs.CountEntry(tailChained: false);
    }

    /// <summary>PopStack (B1.5.8): restores the frame at the stack EXC_RETURN selects and switches mode and
    /// stack. False, with nothing changed and the address that could not be read, when a read is refused.</summary>
    private static bool PopStack(Machine m, uint excReturn, out uint frame, out uint refused)
    {
        refused = 0;
        var c = m.Cpu;
        bool fpFrame = (excReturn & 0x10) == 0;
        uint frameSize = fpFrame ? 0x68u : 0x20u;
        bool toPsp = (excReturn & 0xF) == 0xD;
        frame = toPsp ? c.Psp : c.R[13]; // Handler mode: R13 is SP_main
        Span<uint> w = stackalloc uint[8];
        for (int i = 0; i < 8; i++)
        {
            if (!m.Bus.Read(frame + (uint)(4 * i), 4, out w[i])) { refused = frame + (uint)(4 * i); return false; }
        }
        if (fpFrame)
        {
            if ((c.Fpccr & SystemControlSpace.FpccrLspAct) != 0)
            {
                c.Fpccr &= ~SystemControlSpace.FpccrLspAct; // the FP registers were never saved: they still hold the state
            }
            else
            {
                Span<uint> s = stackalloc uint[17];
                for (int i = 0; i < 17; i++)
                {
                    if (!m.Bus.Read(frame + 0x20 + (uint)(4 * i), 4, out s[i])) { refused = frame + 0x20 + (uint)(4 * i); return false; }
                }
                s[..16].CopyTo(c.S);
                c.Fpscr = s[16];
            }
        }
        c.R[0] = w[0]; c.R[1] = w[1]; c.R[2] = w[2]; c.R[3] = w[3]; c.R[12] = w[4]; c.R[14] = w[5];
        c.Pc = w[6] & ~1u;
        c.NextPc = c.Pc;
        uint psr = w[7];
        c.ThumbClear = (psr & (1u << 24)) == 0; // EPSR.T = 0 comes back too: INVSTATE at the return address
        if (c.ThumbClear) c.Pc = c.NextPc = c.Pc | 1u;
        c.Apsr = psr;
        c.ItState = ((psr >> 25) & 3) | (((psr >> 10) & 0x3F) << 2);
        c.Ipsr = psr & 0x1FF;
        uint newSp = frame + frameSize + (((psr >> 9) & 1) != 0 ? 4u : 0u);
        c.Control = (c.Control & ~6u) | (fpFrame ? 4u : 0u) | (toPsp ? 2u : 0u);
        if (toPsp)
        {
            c.Msp = c.R[13];
            c.R[13] = newSp;
        }
        else
        {
            c.R[13] = newSp;
        }
        return true;
    }

    /// <summary>Puts the frame back (PushStack to negate PopStack, B1.5.8) so the INVPC handler sees the stacked context.</summary>
    private static void UndoPop(Machine m, uint excReturn, uint frame)
    {
        var c = m.Cpu;
        if ((excReturn & 0xF) == 0xD)
        {
            c.Psp = frame;
            c.R[13] = c.Msp;
        }
        else
        {
            c.R[13] = frame;
        }
        c.Control &= ~6u;
    }

    /// <summary>
    /// A fault while unstacking (CFSR.MUNSTKERR for an MPU refusal, UNSTKERR for a bus error): the derived
    /// MemManage or BusFault (a HardFault when it cannot preempt the context returned to) is tail-chained
    /// in place of the return, with the frame left on the stack and LR keeping the EXC_RETURN (B1.5.8).
    /// </summary>
    private static void UnstackingFailed(Machine m, uint excReturn, uint address)
    {
        bool mpu = m.Bus.TakeMpuDenial(address);
        m.Scs.RecordCfsr(mpu ? SystemControlSpace.CfsrMUnstkErr : SystemControlSpace.CfsrUnstkErr);
        m.LastFault = $"unstacking on exception return failed at 0x{address:X8} ({(mpu ? "MemManage MUNSTKERR" : "BusFault UNSTKERR")})";
        int target = Escalate(m, mpu ? MemManage : BusFault, out bool lockup);
        if (lockup)
        {
            Lockup(m, m.LastFault);
            return;
        }
        TailChain(m, target, excReturn);
    }
}
