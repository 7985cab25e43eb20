using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M7Sim.Decoding;

namespace M7Sim.Timing;

/// <summary>
/// The static half of the model: per-instruction facts (<see cref="InstTiming"/>) cached by PC, and
/// the operand table that turns (producer kind, read role) into a delta and a stall cause.
/// </summary>
internal partial struct CortexM7Timing
{
    /// <summary>Direct-mapped by PC halfword: 8 KB of code without conflicts covers the hot loops of a kernel.</summary>
    private const int InstCacheEntries = 4096;

    /// <summary>
    /// The cache of <see cref="InstTiming"/> entries, in a pinned array so entries can sit on cache-line
    /// boundaries (an entry is read whole on every instruction). Returns the array (to keep it alive) and
    /// the first aligned entry.
    /// </summary>
    private static unsafe byte[] NewInstCache(out InstTiming* first)
    {
        var bytes = GC.AllocateArray<byte>((InstCacheEntries + 1) * InstTiming.Bytes, pinned: true);
        nuint start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes));
        first = (InstTiming*)((start + InstTiming.Bytes - 1) & ~(nuint)(InstTiming.Bytes - 1));
        // An entry matches no instruction until described (decoded instructions are 2 or 4 bytes).
        for (int i = 0; i < InstCacheEntries; i++) first[i].Tag = InstTiming.NoTag;
        return bytes;
    }

    /// <summary>
    /// Per producer kind, a row of <see cref="Scoreboard.Roles"/> deltas (from the normal ready cycle to
    /// the cycle a reader in that role may issue) and causes. An early read's stall is charged to
    /// EarlyOperand when the early delta is what makes it wait (a positive delta).
    /// </summary>
    private static void BuildRoleTable(CoreModel model, out long[] delta, out StallCause[] cause)
    {
        delta = new long[CoreModel.MaxKinds * Scoreboard.Roles];
        cause = new StallCause[CoreModel.MaxKinds * Scoreboard.Roles];
        for (int k = 0; k < CoreModel.MaxKinds; k++)
        {
            var kindCause = model.KindCauses[k];
            for (int role = 0; role < Scoreboard.Roles; role++)
            {
                int dl = (OperandRole)role switch
                {
                    OperandRole.Early => model.KindDeltas[k * 4],
                    OperandRole.Address => model.KindDeltas[k * 4 + 1],
                    OperandRole.Multiplicand => model.KindDeltas[k * 4 + 2],
                    OperandRole.Accumulator => -model.MacAccumulatorLate,
                    OperandRole.StoreData => -model.StoreDataLate,
                    _ => 0,
                };
                bool early = (OperandRole)role is OperandRole.Early or OperandRole.Address;
                delta[k * Scoreboard.Roles + role] = dl;
                cause[k * Scoreboard.Roles + role] = early && dl > 0 ? StallCause.EarlyOperand : kindCause;
            }
        }
    }

    /// <summary>The facts for the instruction <paramref name="d"/> at <paramref name="pc"/>, computed on first sight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly unsafe ref InstTiming Lookup(uint pc, ref DecodedInst d)
    {
        ref InstTiming e = ref _instFirst[(pc >> 1) & (InstCacheEntries - 1)];
        ulong tag = InstTiming.TagOf(pc, ref d);
        if (e.Tag != tag) Describe(ref e, ref d, tag);
        return ref e;
    }

    /// <summary>The class timing of <paramref name="d"/>: its row's, when overrides changed it and the row kept its class.</summary>
    private readonly ref ClassTiming ClassTimingOf(ref DecodedInst d)
    {
        var cls = d.Class;
        int id = d.Id;
        if ((uint)id < (uint)_rowOverridden.Length && _rowOverridden[id] && _rowClass[id] == cls) return ref _rows[id];
        return ref _classes[(int)cls];
    }

    private readonly unsafe void Describe(ref InstTiming e, ref DecodedInst d, ulong tag)
    {
        e = default;
        e.Tag = d.Exec != null ? tag : InstTiming.NoTag;
        var cls = d.Class;
        e.Class = cls;
        ref ClassTiming p = ref ClassTimingOf(ref d);
        var f = InstTimingFlags.None;

        Units units = p.Units;
        Units conflicts = p.Conflicts;
        if (cls == TimingClass.Alu && IsShiftedConstant(d.Raw, d.Size)) { units |= Units.Shift1; conflicts |= _shift1Conflicts; }
        e.Units = units;
        e.Conflicts = conflicts;
        e.Issue = p.Issue;
        e.BlockCycles = p.BlockCycles;
        e.BlockCause = p.Stall;

        // Operands: the role each source register is read in.
        // Branches are predicted: they wait for neither registers nor flags (no operands described).
        bool operands = cls != TimingClass.Branch;
        if (operands) f |= InstTimingFlags.CheckOperands;
        if (operands && (d.Flags & InstFlags.ReadsFlags) != 0) f |= InstTimingFlags.ReadsFlags;
        uint src = operands ? d.SrcMask & 0x7FFFu : 0;
        e.Op0 = e.Op1 = e.Op2 = e.Op3 = InstTiming.NoOperand;
        // A branch's sources still decide whether it could use the early ALU: ManySources keeps them in d.
        if (BitOperations.PopCount(src) > InstTiming.Slots || (!operands && (d.SrcMask & 0x7FFF) != 0)) f |= InstTimingFlags.ManySources;
        else
        {
            for (int i = 0; src != 0; i++)
            {
                int r = BitOperations.TrailingZeroCount(src);
                src &= src - 1;
                byte op = (byte)(r * Scoreboard.Roles + (int)RoleOf(ref d, ref p, cls, r));
                switch (i)
                {
                    case 0: e.Op0 = op; break;
                    case 1: e.Op1 = op; break;
                    case 2: e.Op2 = op; break;
                    default: e.Op3 = op; break;
                }
            }
        }
        if (cls >= TimingClass.FpAlu && cls <= TimingClass.FpSystem) f |= InstTimingFlags.Fp;
        if (p.DrainStoreBuffer) f |= InstTimingFlags.DrainStoreBuffer;
        if ((units & Units.Load) != 0) f |= InstTimingFlags.Load;
        if (p.EarlyAlu != EarlyAluMode.None && _model.EarlyAluForwarding && (units & Units.Shift1) == 0)
        {
            f |= InstTimingFlags.EarlyAlu;
            if (p.EarlyAlu == EarlyAluMode.Either) f |= InstTimingFlags.EarlyAluEither;
        }

        // Issue cycles beyond the first (LDM/STM pairs of registers, TBB).
        int cycles = p.Cycles;
        if (p.CycleRule == CycleRule.RegisterPairs)
        {
            int regs = TransferCount(ref d, cls);
            cycles = Math.Max(1, (regs + 1) >> 1);
            if (cls == TimingClass.StoreMultiple && (regs & 1) == 0) f |= InstTimingFlags.StoreMultipleEven;
        }
        e.Cycles = checked((byte)cycles);
        if (p.FpMac) f |= InstTimingFlags.FpMac;
        if (cls is TimingClass.StoreMultiple or TimingClass.StoreDual or TimingClass.FpStoreMultiple or TimingClass.LoadMultiple or TimingClass.LoadDual or TimingClass.FpLoadMultiple)
            f |= InstTimingFlags.MultipleAccess;

        // Results.
        uint dst = d.DstMask & 0x7FFFu;
        e.WriteBack = InstTiming.NoWriteBack;
        if (dst != 0 && (p.Units & (Units.Load | Units.Store)) != 0)
        {
            int rn = BaseRegister(ref d);
            bool baseIsData = cls switch
            {
                TimingClass.LoadMultiple => (d.Imm & 0xFFFF & (1u << rn)) != 0, // base in the list: loaded, no write-back
                TimingClass.LoadDual => rn == d.Rd || rn == d.Ra,
                TimingClass.Load or TimingClass.LoadSub or TimingClass.LoadExclusive or TimingClass.FpLoad => rn == d.Rd,
                TimingClass.StoreExclusive => rn == d.Rd,
                _ => false,
            };
            uint writeBack = baseIsData ? 0 : dst & Bit(rn);
            if (writeBack != 0)
            {
                e.WriteBack = (byte)BitOperations.TrailingZeroCount(writeBack);
                dst &= ~writeBack;
            }
        }
        e.Dst = (ushort)dst;
        e.Dst0 = dst == 0 ? (byte)Scoreboard.Sink : (byte)BitOperations.TrailingZeroCount(dst);
        if (BitOperations.PopCount(dst) > 1 || cls == TimingClass.LoadMultiple) f |= InstTimingFlags.ManyDests;
        if (cls == TimingClass.FpMove) { e.ResultLatency = checked((sbyte)_model.FpMoveToCore); e.ResultKind = _fpMoveKind; }
        else { e.ResultLatency = p.Latency; e.ResultKind = p.Kind; }
        if ((d.Flags & InstFlags.WritesFlags) != 0)
        {
            f |= InstTimingFlags.WritesFlags;
            e.FlagsLatency = checked((sbyte)Math.Max(p.Latency, _model.FlagsLatency));
            e.FlagsKind = _flagsKind;
        }
        else if (cls == TimingClass.FpSystem && (d.Raw & 0xF000) == 0xF000 && (d.Raw & 0x0010_0000) != 0)
        {
            // VMRS APSR_nzcv, FPSCR (Rt = 15) copies the FP flags.
            f |= InstTimingFlags.WritesFlags;
            e.FlagsLatency = checked((sbyte)_model.FlagsLatency);
            e.FlagsKind = _fpFlagsKind;
        }

        if (cls == TimingClass.It) { f |= InstTimingFlags.It; e.ItLeft = (byte)(4 - BitOperations.TrailingZeroCount(d.Raw & 0xF | 0x10)); }
        if (cls == TimingClass.Branch || cls == TimingClass.TableBranch || (d.Flags & InstFlags.WritesPc) != 0) f |= InstTimingFlags.Branch;
        e.Flags = f;
    }

    /// <summary>How <paramref name="d"/> reads register <paramref name="r"/> (one of its sources): early, late or normally.</summary>
    private static OperandRole RoleOf(ref DecodedInst d, ref ClassTiming p, TimingClass cls, int r)
    {
        uint bit = 1u << r;
        uint src = d.SrcMask & 0x7FFFu;
        uint early = d.EarlyMask;
        bool memory = (p.Units & (Units.Load | Units.Store)) != 0;
        if ((early & bit) != 0) return memory ? OperandRole.Address : OperandRole.Early;
        uint acc = p.Accumulator ? (cls == TimingClass.MacLong ? Bit(d.Rd) | Bit(d.Ra) : Bit(d.Ra)) & src & ~early : 0;
        if ((acc & bit) != 0) return OperandRole.Accumulator;
        uint storeData = (p.Units & Units.Store) != 0 ? src & ~early : 0;
        if ((storeData & bit) != 0) return OperandRole.StoreData;
        if ((p.Units & Units.Mac) != 0) return OperandRole.Multiplicand;
        return OperandRole.Normal;
    }
}
