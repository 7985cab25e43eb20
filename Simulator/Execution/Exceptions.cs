using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Execution;

/// <summary>
/// Armv7-M exception entry and return (ARM ARM B1.5.6-B1.5.8): stacking of the basic frame, vector
/// fetch, EXC_RETURN, and fault escalation. Faults are status codes from instructions; this turns
/// them into architectural exceptions, or into a stop when the firmware has no usable handler.
/// </summary>
internal static class Exceptions
{
    public const int Reset = 1, Nmi = 2, HardFault = 3, MemManage = 4, BusFault = 5, UsageFault = 6,
        SvCall = 11, DebugMonitor = 12, PendSv = 14, SysTick = 15;

    /// <summary>Turns a fault into its exception. Returns false when the run must stop (no handler, lockup).</summary>
    public static bool TakeFault(Machine m, FaultKind kind)
    {
        var c = m.Cpu;
        int exception = kind switch
        {
            FaultKind.PreciseBusError or FaultKind.InstructionBusError => BusFault,
            FaultKind.DataAccessViolation => MemManage,
            _ => UsageFault,
        };
        m.Scs.RecordFault(kind, c.FaultAddress, exception);
        string description = Describe(m, kind);
        // Escalate to HardFault when the configurable fault is disabled (SHCSR) or cannot preempt.
        if (!m.Scs.IsFaultEnabled(exception) || CurrentPriority(m) <= m.Scs.Priority(exception))
        {
            exception = HardFault;
            m.Scs.RecordEscalation();
        }
        if (c.Ipsr == HardFault || c.Ipsr == Nmi || CurrentPriority(m) <= -1 && exception == HardFault && c.Ipsr != 0)
        {
            m.SetStopMessage($"lockup: {description} while in {(c.Ipsr == Nmi ? "NMI" : "HardFault")} handler");
            return false;
        }
        uint vector = VectorAt(m, exception);
        if (!IsUsableHandler(m, vector))
        {
            m.SetStopMessage($"unhandled {Name(exception)}: {description} (vector 0x{vector:X8} is not a usable handler)");
            return false;
        }
        m.LastFault = description;
        return Enter(m, exception, c.Pc);
    }

    /// <summary>One line naming the fault, PC, instruction, address and function.</summary>
    public static string Describe(Machine m, FaultKind kind)
    {
        var c = m.Cpu;
        string what = kind switch
        {
            FaultKind.Undefined => "undefined instruction (UNDEFINSTR)",
            FaultKind.InvalidState => "invalid state: branch to an address with bit 0 clear (INVSTATE)",
            FaultKind.InvalidPc => "invalid EXC_RETURN (INVPC)",
            FaultKind.NoCoprocessor => "floating-point instruction with the FPU disabled in CPACR (NOCP)",
            FaultKind.Unaligned => $"unaligned access to 0x{c.FaultAddress:X8} (UNALIGNED)",
            FaultKind.DivideByZero => "division by zero with CCR.DIV_0_TRP set (DIVBYZERO)",
            FaultKind.PreciseBusError => $"bus error at 0x{c.FaultAddress:X8} ({RegionNote(m, c.FaultAddress)}) (PRECISERR)",
            FaultKind.InstructionBusError => $"instruction fetch from 0x{c.FaultAddress:X8} ({RegionNote(m, c.FaultAddress)}) (IBUSERR)",
            FaultKind.DataAccessViolation => $"access violation at 0x{c.FaultAddress:X8} (DACCVIOL)",
            _ => kind.ToString(),
        };
        string inst = "";
        if (kind != FaultKind.InstructionBusError && m.Bus.Fetch16(c.Pc, out ushort hw1))
        {
            inst = Decoding.Decoder.Is32Bit(hw1) && m.Bus.Fetch16(c.Pc + 2, out ushort hw2)
                ? $" instruction 0x{hw1:X4}{hw2:X4}"
                : $" instruction 0x{hw1:X4}";
        }
        return $"{what} at PC=0x{c.Pc:X8}{inst} in {m.Symbols.Describe(c.Pc)}";
    }

    private static string RegionNote(Machine m, uint address)
    {
        var r = m.Bus.Find(address);
        if (r is null) return "unmapped";
        return r.ReadOnly ? $"write to read-only {r.Name}" : r.Name;
    }

    private static string Name(int exception) => exception switch
    {
        HardFault => "HardFault",
        MemManage => "MemManage fault",
        BusFault => "BusFault",
        UsageFault => "UsageFault",
        _ => $"exception {exception}",
    };

    public static uint VectorAt(Machine m, int exception)
    {
        m.Bus.TryReadWord(m.Scs.Vtor + (uint)(4 * exception), out uint v);
        return v;
    }

    /// <summary>A handler is usable when its vector is a Thumb address in executable memory.</summary>
    private static bool IsUsableHandler(Machine m, uint vector) =>
        (vector & 1) == 1 && m.Bus.Find(vector & ~1u)?.Data is not null;

    /// <summary>Execution priority (B1.5.4) as far as this model tracks it.</summary>
    public static int CurrentPriority(Machine m)
    {
        var c = m.Cpu;
        int p = 256;
        if (c.Ipsr != 0) p = m.Scs.Priority((int)c.Ipsr);
        if (c.Basepri != 0) p = Math.Min(p, (int)c.Basepri);
        if (c.Primask != 0) p = Math.Min(p, 0);
        if (c.Faultmask != 0) p = -1;
        return p;
    }

    /// <summary>ExceptionEntry: push the basic frame, load the vector, set LR to EXC_RETURN.</summary>
    public static bool Enter(Machine m, int exception, uint returnAddress)
    {
        var c = m.Cpu;
        bool threadMode = c.Ipsr == 0;
        bool onPsp = threadMode && (c.Control & 2) != 0;
        uint sp = c.R[13];
        bool align = (sp & 4) != 0; // CCR.STKALIGN is 1 on the M7
        uint frame = (sp - 32) & ~7u;
        uint xpsr = c.Xpsr | (align ? 1u << 9 : 0);
        uint[] words = [c.R[0], c.R[1], c.R[2], c.R[3], c.R[12], c.R[14], returnAddress, xpsr];
        for (int i = 0; i < 8; i++)
        {
            if (!m.Bus.Write(frame + (uint)(4 * i), 4, words[i]))
            {
                m.SetStopMessage($"lockup: stacking for {Name(exception)} failed at 0x{frame + 4 * i:X8} (SP=0x{sp:X8})");
                return false;
            }
        }
        c.R[13] = frame;
        c.R[14] = threadMode ? (onPsp ? 0xFFFF_FFFDu : 0xFFFF_FFF9u) : 0xFFFF_FFF1u;
        if (onPsp) { c.Psp = frame; SwapToMsp(c); }
        c.Ipsr = (uint)exception;
        c.ItState = 0;
        c.ExclusiveOpen = false;
        m.Scs.SetActive(exception, true);
        uint vector = VectorAt(m, exception);
        c.Pc = vector & ~1u;
        c.NextPc = c.Pc;
        return true;
    }

    private static void SwapToMsp(Cpu c)
    {
        c.R[13] = c.Msp;
        c.Control &= ~2u;
    }

    /// <summary>ExceptionReturn (B1.5.8) for the basic frame.</summary>
    public static void Return(Machine m)
    {
        var c = m.Cpu;
        c.ExceptionReturnRequested = false;
        uint excReturn = c.ExceptionReturnValue;
        int returning = (int)c.Ipsr;
        m.Scs.SetActive(returning, false);
        bool toThread, usePsp;
        switch (excReturn & 0xF)
        {
            case 0x1: toThread = false; usePsp = false; break;
            case 0x9: toThread = true; usePsp = false; break;
            case 0xD: toThread = true; usePsp = true; break;
            default: c.Raise(FaultKind.InvalidPc, c.Pc); return;
        }
        if (usePsp) { c.Msp = c.R[13]; c.R[13] = c.Psp; c.Control |= 2; }
        uint frame = c.R[13];
        Span<uint> w = stackalloc uint[8];
        for (int i = 0; i < 8; i++) m.Bus.Read(frame + (uint)(4 * i), 4, out w[i]);
        c.R[0] = w[0]; c.R[1] = w[1]; c.R[2] = w[2]; c.R[3] = w[3]; c.R[12] = w[4]; c.R[14] = w[5];
        c.Pc = w[6] & ~1u;
        c.NextPc = c.Pc;
        uint xpsr = w[7];
        c.Apsr = xpsr;
        c.ItState = ((xpsr >> 25) & 3) | (((xpsr >> 10) & 0x3F) << 2);
        c.Ipsr = toThread ? 0 : xpsr & 0x1FF;
        c.R[13] = frame + 32 + (((xpsr >> 9) & 1) != 0 ? 4u : 0u);
        if (usePsp) c.Psp = c.R[13];
        m.Cpu.InterruptCheck = true;
    }

    /// <summary>Takes the highest-priority pending exception that can preempt, if any.</summary>
    public static void TakePendingInterrupt(Machine m)
    {
        int exception = m.Scs.HighestPending(out int priority);
        if (exception == 0 || priority >= CurrentPriority(m)) return;
        m.Scs.SetPending(exception, false);
        Enter(m, exception, m.Cpu.Pc);
    }
}
