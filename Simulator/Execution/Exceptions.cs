using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Execution;

/// <summary>
/// The Armv7-M exception model (ARM ARM B1.5): synchronous faults and their escalation to HardFault,
/// SVCall, asynchronous exceptions (NMI, PendSV, SysTick, IRQs) by priority, entry (this file and
/// Exceptions.Entry.cs), return with tail-chaining (Exceptions.Return.cs) and the FP context with
/// lazy state preservation (Exceptions.Fp.cs). Priorities, pending and active state live in the SCS.
/// Situations the chip would turn into a lockup or an endless fault loop stop the run with a message.
/// </summary>
internal static partial class Exceptions
{
    public const int Reset = 1, Nmi = 2, HardFault = 3, MemManage = 4, BusFault = 5, UsageFault = 6,
        SvCall = 11, DebugMonitor = 12, PendSv = 14, SysTick = 15;

    /// <summary>Turns a fault raised by an instruction into its exception (escalated as needed). False when the run must stop.</summary>
    public static bool TakeFault(Machine m, FaultKind kind)
    {
        var c = m.Cpu;
        // A data access the MPU refused fails like a bus error in MemoryOps; the bus knows which it was.
        if (m.Bus.TakeMpuDenial(c.FaultAddress) && kind == FaultKind.PreciseBusError) kind = FaultKind.DataAccessViolation;
        int exception = kind switch
        {
            FaultKind.PreciseBusError or FaultKind.InstructionBusError => BusFault,
            FaultKind.DataAccessViolation or FaultKind.InstructionAccessViolation => MemManage,
            _ => UsageFault,
        };
        m.Scs.RecordFault(kind, c.FaultAddress);
        string description = Describe(m, kind);
        m.LastFault = description;
        int target = Escalate(m, exception, out bool lockup);
        if (lockup)
        {
            Lockup(m, description);
            return false;
        }
        return Enter(m, target, c.Pc);
    }

    /// <summary>SVC: takes SVCall with the next instruction as return address, or HardFault when SVCall cannot preempt (B1.5.4).</summary>
    public static bool TakeSupervisorCall(Machine m)
    {
        var c = m.Cpu;
        int target = Escalate(m, SvCall, out bool lockup);
        if (lockup)
        {
            Lockup(m, $"SVC #{c.FaultImm} at PC=0x{c.Pc:X8} in {m.Symbols.Describe(c.Pc)}");
            return false;
        }
        if (target == HardFault) m.LastFault = $"SVC #{c.FaultImm} at PC=0x{c.Pc:X8} with SVCall unable to preempt (escalated to HardFault)";
        return Enter(m, target, c.NextPc);
    }

    /// <summary>
    /// The exception actually taken for a synchronous one: itself when enabled and its group priority
    /// is above the execution priority, else HardFault (HFSR.FORCED), else lockup (execution priority
    /// already -1 or higher: in HardFault, NMI, or with FAULTMASK set).
    /// </summary>
    internal static int Escalate(Machine m, int exception, out bool lockup)
    {
        var scs = m.Scs;
        int execution = scs.ExecutionPriority();
        lockup = false;
        if (exception != HardFault && scs.IsFaultEnabled(exception) && scs.GroupPriority(scs.Priority(exception)) < execution)
            return exception;
        if (execution <= -1)
        {
            lockup = true;
            return HardFault;
        }
        if (exception != HardFault) scs.RecordEscalation();
        return HardFault;
    }

    private static void Lockup(Machine m, string description)
    {
        var c = m.Cpu;
        string where = c.Ipsr == Nmi ? "NMI handler" : c.Ipsr == HardFault ? "HardFault handler" : "code running at priority -1 (FAULTMASK)";
        m.Scs.RequestStop(StopReason.Fault, 0, $"lockup: {description} while in the {where}");
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
            FaultKind.DataAccessViolation => $"MPU access violation at 0x{c.FaultAddress:X8} (DACCVIOL)",
            FaultKind.InstructionAccessViolation => $"instruction fetch from execute-never or MPU-protected 0x{c.FaultAddress:X8} (IACCVIOL)",
            _ => kind.ToString(),
        };
        string inst = "";
        if (kind is not (FaultKind.InstructionBusError or FaultKind.InstructionAccessViolation) && m.Bus.Fetch16(c.Pc, out ushort hw1))
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

    public static string Name(int exception) => exception switch
    {
        Reset => "Reset",
        Nmi => "NMI",
        HardFault => "HardFault",
        MemManage => "MemManage fault",
        BusFault => "BusFault",
        UsageFault => "UsageFault",
        SvCall => "SVCall",
        DebugMonitor => "DebugMonitor",
        PendSv => "PendSV",
        SysTick => "SysTick",
        >= 16 => $"IRQ {exception - 16}",
        _ => $"exception {exception}",
    };

    public static bool TryReadVector(Machine m, int exception, out uint vector) =>
        m.Bus.TryReadWord(m.Scs.Vtor + (uint)(4 * exception), out vector);

    public static uint VectorAt(Machine m, int exception)
    {
        TryReadVector(m, exception, out uint v);
        return v;
    }

    /// <summary>A handler is usable when its vector is a Thumb address in executable memory.</summary>
    private static bool IsUsableHandler(Machine m, uint vector) =>
        (vector & 1) == 1 && m.Bus.Find(vector & ~1u)?.Data is not null;

    /// <summary>Execution priority (B1.5.4).</summary>
    public static int CurrentPriority(Machine m) => m.Scs.ExecutionPriority();
}
