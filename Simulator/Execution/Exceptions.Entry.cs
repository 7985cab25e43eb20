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
        if (!PushStack(m, exception, returnAddress)) return false;
        Taken(m, exception, vector, c.R[14]);
        m.Scs.CountEntry(tailChained: false);
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

    /// <summary>PushStack (B1.5.6): R0-R3, R12, LR, return address, xPSR (+ S0-S15, FPSCR), 8-byte aligned.</summary>
    private static bool PushStack(Machine m, int exception, uint returnAddress)
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
        Span<uint> words = [c.R[0], c.R[1], c.R[2], c.R[3], c.R[12], c.R[14], returnAddress, xpsr];
        for (int i = 0; i < 8; i++)
        {
            if (!m.Bus.Write(frame + (uint)(4 * i), 4, words[i])) return StackingFailed(m, exception, frame + (uint)(4 * i), sp);
        }
        if (fpFrame)
        {
            if ((c.Fpccr & SystemControlSpace.FpccrLspen) == 0)
            {
                for (int i = 0; i < 16; i++)
                {
                    if (!m.Bus.Write(frame + 0x20 + (uint)(4 * i), 4, c.S[i])) return StackingFailed(m, exception, frame + 0x20 + (uint)(4 * i), sp);
                }
                if (!m.Bus.Write(frame + 0x60, 4, c.Fpscr)) return StackingFailed(m, exception, frame + 0x60, sp);
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
        return true;
    }

    private static bool StackingFailed(Machine m, int exception, uint address, uint sp)
    {
        bool mpu = m.Bus.TakeMpuDenial(address);
        m.Scs.RecordCfsr(mpu ? SystemControlSpace.CfsrMStkErr : SystemControlSpace.CfsrStkErr);
        m.Scs.RequestStop(StopReason.Fault, 0, mpu
            ? $"stacking for {Name(exception)} failed at 0x{address:X8} (SP=0x{sp:X8}, MemManage MSTKERR): the MPU does not let the stack be written" + FaultNote(m)
            : $"stacking for {Name(exception)} failed at 0x{address:X8} (SP=0x{sp:X8}, BusFault STKERR): the stack is not in writable memory" + FaultNote(m));
        return false;
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
