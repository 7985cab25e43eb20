using System.Runtime.CompilerServices;
using M7Sim.Decoding;

namespace M7Sim.Timing;

/// <summary>
/// What a block's replay depends on (CortexM7Timing.Replay.cs): which blocks can replay, the scoreboard
/// entries a block reads before writing them, and the entry key built from them and the pipeline state.
/// </summary>
internal partial struct CortexM7Timing
{
    /// <summary>Key words before the live-in scoreboard entries (<see cref="FillKey"/>).</summary>
    public const int KeyHeader = 6;

    /// <summary>
    /// Registers the block of the instructions at <paramref name="pcs"/> (all but its last; all of them when
    /// <paramref name="branchBack"/>: the last is a direct branch to the first) for replay if every one of
    /// them can be replayed: integer, load/store and multiply classes, IT blocks (Machine.BlockLength takes them
    /// only whole, covering register arithmetic), no FP, barrier or branch (but that branch back). Returns its
    /// number for <see cref="BeginReplay"/>, or -1.
    /// </summary>
    internal int AddReplay(uint[] pcs, ref DecodedInst first, bool branchBack)
    {
        if (pcs.Length < (branchBack ? BlockReplay.MinLoopPrefix : BlockReplay.MinPrefix)) return -1;
        var liveIn = new List<short>();
        ulong written = 0;
        var last = new uint[pcs.Length];
        int itLeft = 0; // instructions the last IT still covers (a block holds IT blocks whole, covering register arithmetic)
        for (int j = 0; j < pcs.Length; j++)
        {
            ref DecodedInst d = ref Unsafe.Add(ref first, (int)((pcs[j] - pcs[0]) >> 1));
            ref InstTiming e = ref Lookup(pcs[j], ref d);
            const InstTimingFlags excluded = InstTimingFlags.Fp | InstTimingFlags.DrainStoreBuffer | InstTimingFlags.Branch | InstTimingFlags.FpMac;
            bool back = branchBack && j == pcs.Length - 1;
            bool covered = itLeft > 0;
            if (back ? covered || d.Class != TimingClass.Branch || (e.Flags & (excluded & ~InstTimingFlags.Branch)) != 0
                : (e.Flags & excluded) != 0 || (d.Flags & InstFlags.Fp) != 0
                  || !(d.Class <= TimingClass.StoreExclusive || d.Class == TimingClass.Nop || d.Class == TimingClass.It)) return -1;
            last[j] = pcs[j] + d.Size - 1u;
            var reads = ReadEntries(ref d, ref e);
            // Retire reads the flags of an instruction an IT block covers whenever it checks operands.
            if (covered && (e.Flags & InstTimingFlags.CheckOperands) != 0) reads.Add(Scoreboard.Flags * Scoreboard.Roles);
            foreach (int op in reads)
                if ((written & (1UL << (op / Scoreboard.Roles))) == 0 && !liveIn.Contains((short)op)) liveIn.Add((short)op);
            written |= WrittenRows(ref e);
            if (covered) itLeft--;
            if (d.Class == TimingClass.It) itLeft = e.ItLeft;
        }
        _replays.Add(new BlockReplay(pcs, last, liveIn.ToArray(), branchBack));
        return _replays.Count - 1;
    }

    /// <summary>The scoreboard entries Retire reads for <paramref name="d"/>: operands in their roles, the early entries the early-ALU test reads, the flags.</summary>
    private readonly List<int> ReadEntries(ref DecodedInst d, ref InstTiming e)
    {
        var ops = new List<int>();
        var f = e.Flags;
        if ((f & InstTimingFlags.ManySources) == 0)
        {
            foreach (int op in (ReadOnlySpan<byte>)[e.Op0, e.Op1, e.Op2, e.Op3])
                if (op / Scoreboard.Roles < Scoreboard.Dummy)
                {
                    if ((f & InstTimingFlags.CheckOperands) != 0) ops.Add(op);
                    if ((f & InstTimingFlags.EarlyAlu) != 0) ops.Add((op & ~(Scoreboard.Roles - 1)) + (int)OperandRole.Early);
                }
        }
        else
        {
            ref ClassTiming p = ref ClassTimingOf(ref d);
            uint src = d.SrcMask & 0x7FFFu;
            while (src != 0)
            {
                int r = System.Numerics.BitOperations.TrailingZeroCount(src);
                src &= src - 1;
                if ((f & InstTimingFlags.CheckOperands) != 0) ops.Add(r * Scoreboard.Roles + (int)RoleOf(ref d, ref p, d.Class, r));
                if ((f & InstTimingFlags.EarlyAlu) != 0) ops.Add(r * Scoreboard.Roles + (int)OperandRole.Early);
            }
        }
        if ((f & InstTimingFlags.CheckOperands) != 0 && (f & InstTimingFlags.ReadsFlags) != 0) ops.Add(Scoreboard.Flags * Scoreboard.Roles);
        return ops;
    }

    /// <summary>Scoreboard rows (one bit per register row) the results of an instruction with facts <paramref name="e"/> overwrite.</summary>
    private static ulong WrittenRows(ref InstTiming e)
    {
        ulong rows = 0;
        if (e.WriteBack != InstTiming.NoWriteBack) rows |= 1UL << e.WriteBack;
        rows |= (e.Flags & InstTimingFlags.ManyDests) == 0 ? 1UL << e.Dst0 : e.Dst;
        if ((e.Flags & InstTimingFlags.WritesFlags) != 0) rows |= 1UL << Scoreboard.Flags;
        return rows;
    }

    /// <summary>
    /// The entry state a trace of block <paramref name="b"/> depends on, relative to the cursor: the
    /// older slot if it is open, the blocking unit, the fetch window (unless a taken branch emptied it,
    /// when the first fetch starts afresh), and each live-in scoreboard entry with its cause (an entry
    /// at or before the cursor can no longer delay anything, so all those are equal).
    /// </summary>
    private readonly void FillKey(BlockReplay b, Span<long> key)
    {
        long t = _t;
        uint pc = b.Pc[0];
        key[0] = _open ? 1 | (long)(ushort)_olderUnits << 8 | (long)(ushort)_olderConflicts << 24 | (_olderUsesEarlyShifter ? 1L << 40 : 0) | (long)(_olderBank + 1) << 41 : 0;
        long blocked = _blockUntil - t;
        key[1] = blocked > 0 ? blocked | (long)_blockCause << 48 : 0;
        if (_fetchSpan == 0)
        {
            key[2] = key[3] = key[4] = key[5] = 0;
        }
        else
        {
            bool regionCurrent = pc - _fetchRegionBase < _fetchRegionSize;
            key[2] = 1 | (long)(uint)(_fetchLo - pc) << 8 | (long)_fetchShift << 40 | (long)_fetchCause << 48 | (regionCurrent ? 1L << 56 : 0);
            key[3] = _fetchSpan | (long)(uint)(_fetchBlock - (pc >> _fetchShift)) << 32;
            key[4] = _fetchAvail == long.MinValue ? long.MinValue : _fetchAvail - t;
            key[5] = _fetchFirstIssue - t;
        }
        ref long need = ref Unsafe.As<RegNeeds, long>(ref Unsafe.AsRef(in _need));
        ref StallCause needCause = ref Unsafe.As<RegCauses, StallCause>(ref Unsafe.AsRef(in _needCause));
        var live = b.LiveIn;
        for (int i = 0; i < live.Length; i++)
        {
            long rel = Unsafe.Add(ref need, live[i]) - t;
            key[KeyHeader + i] = rel > 0 ? rel | (long)Unsafe.Add(ref needCause, live[i]) << 48 : 0;
        }
    }
}
