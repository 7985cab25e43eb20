using System.Runtime.InteropServices;
using M7Sim.Isa;
using M7Sim.Timing;

namespace M7Sim.Decoding;

/// <summary>What a predecoded instruction's <see cref="DecodedInst.SetFlags"/> means.</summary>
internal enum FlagsMode : byte
{
    Never = 0,
    Always = 1,
    /// <summary>16-bit data-processing encodings: set flags only outside an IT block.</summary>
    OutsideIt = 2,
}

/// <summary>Instruction-level facts the timing model needs, known at decode time.</summary>
[Flags]
internal enum InstFlags : ushort
{
    None = 0,
    ReadsFlags = 1 << 0,     // consumes N/Z/C/V (ADC, conditional branches, ...)
    WritesFlags = 1 << 1,
    EarlyOperand = 1 << 2,   // an operand (RmMask) is read one stage early: inline shift, extracted byte
    Conditional = 1 << 3,    // carries its own condition (B<c>)
    WritesPc = 1 << 4,       // can write PC (branch, POP {pc}, LDR pc, MOV pc)
    Unconditional = 1 << 5,  // cannot be predicated (IT, ...)
    Double = 1 << 6,         // FP double precision
    Fp = 1 << 7,
}

/// <summary>
/// One predecoded instruction: the handler to run and every operand field converted once.
/// Field meanings are per handler (documented at each handler); the common ones are named.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DecodedInst
{
    /// <summary>Execute function; null means "not decoded yet" in the predecode cache.</summary>
    public delegate*<Cpu, ref DecodedInst, void> Exec;
    public uint Imm;      // immediate, offset, branch offset or target, register list
    public uint Imm2;     // second immediate (bitfield lsb/width, shift amount for PKH ...)
    public uint Raw;      // the encoding (first halfword in the high half for 32-bit)
    public byte Rd, Rn, Rm, Ra; // Ra doubles as RdHi / Rt2 / Rs
    public SRType ShiftType;
    public byte ShiftN;
    public FlagsMode SetFlags;
    public byte Cond;     // own condition (B<c>), 0xE otherwise
    public byte Size;     // 2 or 4 bytes
    public TimingClass Class;
    public InstFlags Flags;
    public ushort Id;     // index of the table row that decoded it (for disassembly and statistics)
    public ushort SrcMask;   // registers read (bit n = Rn); for the scoreboard
    public ushort DstMask;   // registers written
    public ushort EarlyMask; // subset of SrcMask read one stage early (shifted / extracted operands, addresses)
    /// <summary>Compiled straight-line block starting here (Simulation.Blocks): 0 none yet, <see cref="NoBlock"/> never, else its number.</summary>
    public ushort BlockId;
    /// <summary>Times the run loop dispatched this instruction alone; a block is compiled when it gets hot.</summary>
    public ushort Heat;

    public const ushort NoBlock = ushort.MaxValue;

    public readonly bool IsDecoded => Exec != null;

    /// <summary>Adds registers to the read set (for the timing model's scoreboard).</summary>
    public void Reads(int r0, int r1 = -1, int r2 = -1, int r3 = -1)
    {
        SrcMask |= (ushort)(Bit(r0) | Bit(r1) | Bit(r2) | Bit(r3));
    }

    /// <summary>Adds registers to the read set that the pipeline needs one stage early (shifted or extracted operands, addresses).</summary>
    public void ReadsEarly(int r0, int r1 = -1)
    {
        ushort m = (ushort)(Bit(r0) | Bit(r1));
        SrcMask |= m;
        EarlyMask |= m;
        if (m != 0) Flags |= InstFlags.EarlyOperand;
    }

    /// <summary>Adds registers to the written set.</summary>
    public void Writes(int r0, int r1 = -1)
    {
        DstMask |= (ushort)(Bit(r0) | Bit(r1));
        if (r0 == 15 || r1 == 15) Flags |= InstFlags.WritesPc;
    }

    private static ushort Bit(int r) => r is >= 0 and < 16 ? (ushort)(1 << r) : (ushort)0;

    /// <summary>Whether this execution sets the flags (resolves the 16-bit "outside IT" rule).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly bool SetsFlags(Cpu c) => Sets(SetFlags, c);

    /// <summary>Whether an instruction whose flag mode is <paramref name="mode"/> sets the flags in this execution.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool Sets(FlagsMode mode, Cpu c) => mode == FlagsMode.Always || (mode == FlagsMode.OutsideIt && !c.InItBlock);
}
