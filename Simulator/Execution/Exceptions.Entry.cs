using M7Sim.Isa;
using M7Sim.Memory;
using M7Sim.Simulation;

namespace M7Sim.Execution;

/// <summary>Exception entry (B1.5.6): PushStack then ExceptionTaken; asynchronous exceptions by priority.</summary>
internal static partial class Exceptions
{
    /// <summary>Takes the highest-priority pending exception if it can preempt the execution priority (B1.5.4).</summary>
    public static void TakePendingInterrupt(Machine m)
    {
        int exception = m.Scs.PreemptingException();
        if (exception == 0) return;
        m.Scs.SetPending(exception, false);
        Enter(m, exception, m.Cpu.Pc & ~1u); // bit 0 set only marks EPSR.T == 0, which the stacked xPSR keeps
    }

    /// <summary>
    /// Exception entry: stacks the basic (or, with CONTROL.FPCA, the extended) frame on the current
    /// stack, then runs the handler. False (and a stop request) when the vector is not a usable
    /// handler or the stack is not writable: the chip would fault again and usually lock up.
    /// </summary>
    public static bool Enter(Machine m, int exception, uint returnAddress)
    {
        var c = m.Cpu;
        if (!CheckVector(m, exception, out uint vector)) return false;
        var stacking = PushStack(m, returnAddress);
        if (stacking.Failed) return TakeDerived(m, exception, stacking);
        Taken(m, exception, vector, c.R[14]);
        m.Scs.CountEntry(tailChained: false);
        return true;
    }

    /// <summary>What went wrong while stacking: the first refused address, and whether the MPU or the bus refused writes.</summary>
    private record struct StackingResult(uint FirstFailure, uint Sp, bool MpuRefused, bool BusRefused)
    {
        public readonly bool Failed => MpuRefused || BusRefused;
    }

    /// <summary>
    /// A fault while stacking (B1.5.6 PushStack; CFSR.MSTKERR for an MPU refusal, STKERR for a bus error):
    /// a derived exception. SP and LR are as after a good entry (the frame is where it would be, with
    /// what could be written), the exception being entered stays pending, the derived MemManage or
    /// BusFault is pended (a HardFault when it could not preempt, or a lockup at priority -1), and the
    /// highest-priority pending exception is taken: the derived one first when it ranks higher, the
    /// other tail-chaining after it. False when the run must stop (lockup, unusable vector).
    /// </summary>
    private static bool TakeDerived(Machine m, int exception, StackingResult stacking)
    {
        var c = m.Cpu;
        var scs = m.Scs;
        string what = stacking.MpuRefused ? "MemManage MSTKERR: the MPU does not let the stack be written" : "BusFault STKERR: the stack is not in writable memory";
        string description = $"stacking for {Name(exception)} failed at 0x{stacking.FirstFailure:X8} (SP=0x{stacking.Sp:X8}, {what})";
        scs.SetPending(exception, true);
        foreach (var (refused, derived, bit) in new[] { (stacking.MpuRefused, MemManage, SystemControlSpace.CfsrMStkErr), (stacking.BusRefused, BusFault, SystemControlSpace.CfsrStkErr) })
        {
            if (!refused) continue;
            scs.RecordCfsr(bit);
            int target = Escalate(m, derived, out bool lockup);
            if (lockup)
            {
                Lockup(m, description);
                return false;
            }
            scs.SetPending(target, true);
        }
        m.LastFault = description;
        int taken = scs.PreemptingException();
        if (taken == 0) taken = exception;
        if (!CheckVector(m, taken, out uint vector)) return false;
        Taken(m, taken, vector, c.R[14]);
        scs.CountEntry(tailChained: false);
        return true;
    }

    private static bool CheckVector(Machine m, int exception, out uint vector)
    {
        if (!TryReadVector(m, exception, out vector))
        {
            m.Scs.RecordVectorTableError();
            m.Scs.RequestStop(StopReason.Fault, 0, $"vector table read for {Name(exception)} failed at 0x{m.Scs.Vtor + 4 * (uint)exception:X8} (HardFault VECTTBL)" + FaultNote(m));
            return false;
        }
        if (!IsUsableHandler(m, vector))
        {
            m.Scs.RequestStop(StopReason.Fault, 0, $"unhandled {Name(exception)}: vector 0x{vector:X8} is not a usable handler" + FaultNote(m));
            return false;
        }
        return true;
    }

    private static string FaultNote(Machine m) => m.LastFault is { } f ? $" ({f})" : "";

    /// <summary>
    /// PushStack (B1.5.6): R0-R3, R12, LR, return address, xPSR (+ S0-S15, FPSCR), 8-byte aligned. A
    /// refused write does not stop the others (what can be written is, as in QEMU); the caller takes the
    /// derived exception (<see cref="TakeDerived"/>).
    /// </summary>
    private static StackingResult PushStack(Machine m, uint returnAddress)
    {
        var c = m.Cpu;
        bool fpFrame = (c.Control & 4) != 0;
        uint frameSize = fpFrame ? 0x68u : 0x20u;
        bool threadMode = c.Ipsr == 0;
        bool onPsp = threadMode && (c.Control & 2) != 0;
        uint sp = c.R[13];
        bool realigned = (sp & 4) != 0; // STKALIGN is RAO on the M7: frames are always 8-byte aligned
        uint frame = (sp - frameSize) & ~7u;
        uint xpsr = (c.Xpsr & ~(1u << 9)) | (realigned ? 1u << 9 : 0);
        var result = new StackingResult(0, sp, false, false);
        Span<uint> words = [c.R[0], c.R[1], c.R[2], c.R[3], c.R[12], c.R[14], returnAddress, xpsr];
        for (int i = 0; i < 8; i++) Push(m, frame + (uint)(4 * i), words[i], ref result);
        if (fpFrame)
        {
            if ((c.Fpccr & SystemControlSpace.FpccrLspen) == 0)
            {
                for (int i = 0; i < 16; i++) Push(m, frame + 0x20 + (uint)(4 * i), c.S[i], ref result);
                Push(m, frame + 0x60, c.Fpscr, ref result);
            }
            else
            {
                RecordLazyFrame(m, frame, threadMode);
            }
        }
        c.R[13] = frame;
        uint excReturn = (fpFrame ? 0xFFFF_FFE0u : 0xFFFF_FFF0u) | (threadMode ? (onPsp ? 0xDu : 0x9u) : 0x1u);
        c.R[14] = excReturn;
        if (onPsp)
        {
            c.Psp = frame;
            c.R[13] = c.Msp; // Handler mode runs on the main stack
        }
        return result;
    }

    private static void Push(Machine m, uint address, uint value, ref StackingResult result)
    {
        if (m.Bus.Write(address, 4, value)) return;
        if (!result.Failed) result.FirstFailure = address;
        if (m.Bus.TakeMpuDenial(address)) result.MpuRefused = true;
        else result.BusRefused = true;
    }

    /// <summary>ExceptionTaken (B1.5.6): Handler mode on the main stack, IPSR = exception, handler address from the vector.</summary>
    private static void Taken(Machine m, int exception, uint vector, uint excReturn)
    {
        var c = m.Cpu;
        c.R[14] = excReturn;
        c.Ipsr = (uint)exception;
        c.ItState = 0;
        c.Control &= ~6u; // SPSEL = 0 (main stack), FPCA = 0 (no FP context in the new handler yet)
        c.ExclusiveOpen = false;
        m.Scs.SetPending(exception, false);
        m.Scs.SetActive(exception, true);
        c.Pc = vector & ~1u;
        c.NextPc = c.Pc;
        c.ThumbClear = false; // EPSR.T = vector<0>, which CheckVector required to be 1
    }
}
