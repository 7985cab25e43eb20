using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M7Sim.Decoding;

namespace M7Sim.Timing;

/// <summary>Static facts of one instruction the Cortex-M7 model branches on (see <see cref="InstTiming"/>).</summary>
[Flags]
internal enum InstTimingFlags : ushort
{
    None = 0,
    /// <summary>Waits for its integer operands and flags at issue (every class but Branch: branches are predicted).</summary>
    CheckOperands = 1 << 0,
    ReadsFlags = 1 << 1,
    /// <summary>More than <see cref="InstTiming.Slots"/> source registers: the operand loop runs over the masks.</summary>
    ManySources = 1 << 2,
    /// <summary>An FP class (FpAlu..FpSystem): FP register scoreboard.</summary>
    Fp = 1 << 3,
    DrainStoreBuffer = 1 << 4,
    /// <summary>Uses a load pipe: its first access picks the DTCM bank for the two-loads rule.</summary>
    Load = 1 << 5,
    /// <summary>May execute in the early ALU (class allows it, forwarding on, no Shift1 use).</summary>
    EarlyAlu = 1 << 6,
    /// <summary>Early ALU from the younger slot too, while the older does not use the early shifter.</summary>
    EarlyAluEither = 1 << 7,
    /// <summary>STM of an even register count: one more cycle when the first address is not 8-aligned.</summary>
    StoreMultipleEven = 1 << 8,
    FpMac = 1 << 9,
    /// <summary>Writes the flags (S forms, or VMRS APSR_nzcv): ready after <see cref="InstTiming.FlagsLatency"/>.</summary>
    WritesFlags = 1 << 10,
    It = 1 << 11,
    /// <summary>Branch, table branch or a PC write: resolved by the predictor.</summary>
    Branch = 1 << 12,
    /// <summary>LDM/STM/LDRD/STRD/VLDM/VSTM: accesses paced by issue cycles, stores take one buffer entry.</summary>
    MultipleAccess = 1 << 13,
    /// <summary>More than one destination besides the write-back (LDM, LDRD, long multiplies): the result loop runs over <see cref="InstTiming.Dst"/>.</summary>
    ManyDests = 1 << 14,
}

/// <summary>How an instruction reads one source register: selects the scoreboard entry (see <see cref="Scoreboard"/>).</summary>
internal enum OperandRole : byte
{
    Normal = 0,
    /// <summary>Read one stage early (inline shift, extract): early latency.</summary>
    Early = 1,
    /// <summary>Read early by address generation of a load/store: address latency.</summary>
    Address = 2,
    Multiplicand = 3,
    /// <summary>MAC accumulator, read late.</summary>
    Accumulator = 4,
    /// <summary>Store data, read late.</summary>
    StoreData = 5,
}

/// <summary>
/// Everything the Cortex-M7 model needs about one decoded instruction that does not change between
/// executions: the class timing with row overrides applied, units and conflicts (shifted constants
/// included), source registers with their read roles, destination and write-back registers, issue
/// cycles. Computed once when an instruction is first seen at a PC and reused while the instruction
/// there stays the same, so retiring an instruction only adds the dynamic costs.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = Bytes)]
internal struct InstTiming
{
    /// <summary>Half a cache line: the cache keeps entries 32-byte aligned, so an entry is one line fill.</summary>
    public const int Bytes = 32;
    /// <summary>Source registers described by <see cref="Op0"/>..<see cref="Op3"/>.</summary>
    public const int Slots = 4;
    /// <summary>An unused operand slot: the dummy register, always ready.</summary>
    public const byte NoOperand = Scoreboard.Dummy * Scoreboard.Roles;
    public const byte NoWriteBack = 0xFF;
    /// <summary>A tag no instruction has (its PC half is odd): an empty entry, or facts of a synthetic instruction.</summary>
    public const ulong NoTag = ulong.MaxValue;

    /// <summary>
    /// Which instruction these facts describe: <see cref="TagOf"/> of its PC and encoding. A decoded
    /// instruction is a pure function of its encoding (Decoder.Instance), so PC and encoding identify
    /// it exactly; one not made by the decoder (null handler: the timing tests' synthetic ones) gets
    /// <see cref="NoTag"/> and is described again each time.
    /// </summary>
    public ulong Tag;
    public InstTimingFlags Flags;
    public Units Units, Conflicts;
    /// <summary>Integer registers written (R0-R14), the write-back register excluded.</summary>
    public ushort Dst;
    public IssueRule Issue;
    /// <summary>Issue cycles (register pairs resolved).</summary>
    public byte Cycles;
    public byte BlockCycles;
    public StallCause BlockCause;
    /// <summary>Integer results: ready this long after the (memory-stalled) issue cycle, with this producer kind.</summary>
    public sbyte ResultLatency;
    public byte ResultKind;
    public sbyte FlagsLatency;
    public byte FlagsKind;
    /// <summary>Base register updated by address write-back (ready out of EX1), or <see cref="NoWriteBack"/>.</summary>
    public byte WriteBack;
    /// <summary>Instructions an IT covers.</summary>
    public byte ItLeft;
    /// <summary>The one register in <see cref="Dst"/>, or <see cref="Scoreboard.Sink"/> when none (unless <see cref="InstTimingFlags.ManyDests"/>).</summary>
    public byte Dst0;
    /// <summary>Source registers in ascending order as scoreboard indices (register * Roles + role); unused = <see cref="NoOperand"/>.</summary>
    public byte Op0, Op1, Op2, Op3;
    public TimingClass Class;

    /// <summary>The tag of the decoded instruction <paramref name="d"/> at <paramref name="pc"/> (even: instructions are halfword aligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong TagOf(uint pc, ref DecodedInst d) => ((ulong)d.Raw << 32) | pc;
}
