using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Timing;

/// <summary>
/// Block replay: the model's decisions for a compiled block's instructions depend on a small part of its
/// state at entry (the slot the block starts in, the scoreboard entries the block reads before writing
/// them, the fetch window, the blocking unit) and on a few outcomes of the run (I-cache hits, the DTCM
/// banks of paired loads, STM alignment, the stall the data accesses cost). A hot loop enters its block
/// in the same few states again and again, so the first run from a state is recorded as a trace
/// (relative to the cursor), and later runs from the same state replay it: the compiled block runs the
/// handlers, each instruction with data accesses performs them for real and checks its outcomes, and
/// the rest of the trace's effects (cursor, slots, counters, scoreboard rows) are applied once, at the
/// end. Any outcome that differs leaves the replay exactly there: the effects of the instructions
/// before it are applied and that instruction retires normally, so the cycles are those of retiring
/// every instruction one by one, by construction (CompiledBlockTests compare them with the interpreter).
///
/// Anything that could observe the model part-way (a device access: DWT_CYCCNT, SysTick, CCR) first
/// brings the replay up to date (<see cref="SyncReplay"/>, called by the bus), and the replay then ends.
/// Timer events are no concern: a replay starts only if the next one falls after the whole trace.
/// </summary>
internal partial struct CortexM7Timing
{
    /// <summary>Key words before the live-in scoreboard entries (<see cref="FillKey"/>).</summary>
    public const int KeyHeader = 6;


    /// <summary>
    /// Registers the block of the instructions at <paramref name="pcs"/> (all but its last) for replay if
    /// every one of them can be replayed: integer, load/store and multiply classes, no FP, barrier, IT or
    /// branch. Returns its number for <see cref="BeginReplay"/>, or -1.
    /// </summary>
    internal int AddReplay(uint[] pcs, ref DecodedInst first)
    {
        if (pcs.Length < BlockReplay.MinPrefix) return -1;
        var liveIn = new List<short>();
        ulong written = 0;
        var last = new uint[pcs.Length];
        for (int j = 0; j < pcs.Length; j++)
        {
            ref DecodedInst d = ref Unsafe.Add(ref first, (int)((pcs[j] - pcs[0]) >> 1));
            ref InstTiming e = ref Lookup(pcs[j], ref d);
            const InstTimingFlags excluded = InstTimingFlags.Fp | InstTimingFlags.DrainStoreBuffer | InstTimingFlags.It | InstTimingFlags.Branch | InstTimingFlags.FpMac;
            if ((e.Flags & excluded) != 0 || (d.Flags & InstFlags.Fp) != 0 || !(d.Class <= TimingClass.StoreExclusive || d.Class == TimingClass.Nop)) return -1;
            last[j] = pcs[j] + d.Size - 1u;
            foreach (int op in ReadEntries(ref d, ref e))
                if ((written & (1UL << (op / Scoreboard.Roles))) == 0 && !liveIn.Contains((short)op)) liveIn.Add((short)op);
            written |= WrittenRows(ref e);
        }
        _replays.Add(new BlockReplay(pcs, last, liveIn.ToArray()));
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

    /// <summary>
    /// Entry of compiled block <paramref name="id"/> (a number from <see cref="AddReplay"/>): true when a
    /// trace matches the state and may be replayed; false to retire normally, recording a trace if none matched.
    /// </summary>
    internal bool BeginReplay(Cpu c, int id)
    {
        _recorder = null;
        var b = _replays[id];
        if (b is null || b.GaveUp || c.Ipsr != _ipsr || _itLeft != 0) return false;
        var key = b.Key;
        FillKey(b, key);
        b.Attempts++;
        foreach (var trace in b.Heads)
        {
            if (!((ReadOnlySpan<long>)key).SequenceEqual(trace.Key)) continue;
            if ((ulong)(_t + trace.MaxT + 1) >= c.EventAt || !FetchesHit(trace)) return false;
            b.Hits++;
            _replay = b;
            _trace = trace;
            _replayT = _t;
            _replaySynced = _replayFetched = 0;
            _replayHooked = _replayAccessesDone = _replayDiverged = false;
            _replayEventAt = c.EventAt;
            return true;
        }
        // A block whose entries keep missing (data-dependent paths into it) stops trying.
        if (b.Attempts >= 64 && b.Hits * 2 < b.Attempts) { b.GaveUp = true; return false; }
        _recorderInstance.Start(b, _t, _mem.DeviceEpoch);
        _recorder = _recorderInstance;
        return false;
    }

    /// <summary>The trace's fetches will hit as they did: CCR and FLASH_ACR are as last read, and every line is in the I-cache.</summary>
    private readonly bool FetchesHit(BlockTrace trace)
    {
        if (!_mem.SettingsCurrent()) return false;
        var lines = trace.FetchLines;
        if (lines.Length == 0) return true;
        if (!(trace.UsesArt ? _mem.ArtOn : _mem.ICacheOn)) return false;
        var cache = trace.UsesArt ? _mem.Art! : _mem.ICache!;
        // Lines leave the cache only when another is filled or all are invalidated.
        if (trace.CheckedAtFills == cache.Fills) return true;
        foreach (uint line in lines)
            if (!cache.Contains(line)) return false;
        trace.CheckedAtFills = cache.Fills;
        return true;
    }

    /// <summary>What <see cref="ReplayMemory"/> tells the compiled block.</summary>
    internal const int ReplayLeave = 0, ReplayGoOn = 1, ReplayStopAfter = 2;

    /// <summary>
    /// After the handler of instruction <paramref name="j"/> (one with data accesses or several issue
    /// cycles): checks its outcomes against the trace and performs its fetches and accesses.
    /// <see cref="ReplayLeave"/>: the block calls <see cref="BailReplay"/> to retire this instruction normally;
    /// <see cref="ReplayStopAfter"/>: this one is done, but a data read through the ART evicted a line the
    /// trace still fetches, so the rest retires normally (the block calls <see cref="StopAfter"/>).
    /// </summary>
    internal int ReplayMemory(Cpu c, int j)
    {
        if (_replayHooked || c.Fault != FaultKind.None || c.EventAt != _replayEventAt) return ReplayLeave;
        ref ReplayStep s = ref _trace!.Steps[j];
        int count = _bus.AccessCount;
        if (count > 0 != s.HasAccesses) return ReplayLeave;
        ref var first = ref MemoryMarshal.GetArrayDataReference(_bus.Accesses);
        int bank = s.IsLoad && count > 0 ? (int)(first.Address >> 2) & 1 : -1;
        int bankCheck = 0;
        if (s.BankCheck != 0)
        {
            int older = s.BankSource == -2 ? _olderBank : _replay!.Banks[s.BankSource];
            bankCheck = bank >= 0 && bank == older ? 1 : 2;
        }
        int odd8 = s.StoreMultipleOdd8 == 0 ? 0 : (first.Address & 7) != 0 ? 2 : 1;
        if (bankCheck != s.BankCheck || odd8 != s.StoreMultipleOdd8)
        {
            if (!SwitchTrace(j, bankCheck, odd8, -1, StallCause.None)) { _replayDiverged = true; return ReplayLeave; }
            s = ref _trace!.Steps[j];
        }
        _replay!.Banks[j] = (sbyte)bank;
        if (count == 0) return ReplayGoOn;
        PerformFetches(j + 1);
        uint artFills = _mem.Art?.Fills ?? 0;
        long stall = Accesses(s.Multiple, _replayT + s.Issue, s.Younger, out var cause);
        if (stall != s.MemStall || (stall > 0 && cause != s.MemCause))
        {
            if (!SwitchTrace(j, bankCheck, odd8, stall, cause))
            {
                // Done for real and different: the instruction retires normally with this outcome.
                _replayDiverged = true;
                _replayAccessesDone = true;
                _replayStall = stall;
                _replayStallCause = cause;
                return ReplayLeave;
            }
        }
        // Data reads through ITCM flash share the ART with the fetches: a line one filled may have evicted a
        // line the trace fetches later (whatever the read's own stall), so the trace's lines are checked again.
        if (_trace!.UsesArt && _mem.Art!.Fills != artFills && !FetchesHit(_trace)) return ReplayStopAfter;
        return ReplayGoOn;
    }

    /// <summary>Ends the replay after instruction <paramref name="j"/>, whose fetch and accesses are done: the model is left as after retiring it.</summary>
    internal void StopAfter(int j)
    {
        SyncTo(j + 1);
        ReplayedInstructions += (ulong)(j + 1);
        ReplaysStoppedByArt++;
        EndReplay();
    }

    /// <summary>
    /// Instruction <paramref name="j"/> had an outcome the trace did not: goes on with a trace of the
    /// same entry (they share the key array) that agrees with this one on every outcome before
    /// <paramref name="j"/> (so on every decision before it) and recorded this outcome at <paramref name="j"/>
    /// (<paramref name="stall"/> -1: its accesses are not performed yet).
    /// </summary>
    private bool SwitchTrace(int j, int bankCheck, int odd8, long stall, StallCause cause)
    {
        var current = _trace!;
        int prefix = current.PrefixId[j];
        foreach (var other in _replay!.Traces)
        {
            if (other is null || other == current || other.PrefixId[j] != prefix || other.Key != current.Key) continue;
            ref ReplayStep o = ref other.Steps[j];
            if (o.BankCheck != bankCheck || o.StoreMultipleOdd8 != odd8) continue;
            if (stall >= 0 && (o.MemStall != stall || (stall > 0 && o.MemCause != cause))) continue;
            if ((ulong)(_replayT + other.MaxT + 1) >= _replayEventAt || (other.FetchLines != current.FetchLines && !FetchesHit(other))) continue;
            _trace = other;
            return true;
        }
        return false;
    }

    /// <summary>Leaves the replay at instruction <paramref name="j"/>: applies the trace up to it, then retires it normally.</summary>
    internal void BailReplay(Cpu c, ref DecodedInst d, ref InstTiming e, int j)
    {
        SyncTo(j);
        ReplayedInstructions += (ulong)j;
        bool done = _replayAccessesDone;
        if (_replayDiverged)
        {
            // Record the new outcome as a trace that shares this one's first j instructions.
            var trace = _trace!;
            _recorderInstance.StartFrom(_replay!, trace, j, _replayT, _mem.DeviceEpoch);
            if (done)
            {
                _recorderInstance.FetchPending = trace.Steps[j].Fetch;
                _recorderInstance.FetchWant = trace.Steps[j].FetchWant;
            }
        }
        EndReplay();
        if (_replayDiverged) _recorder = _recorderInstance;
        _replayDiverged = false;
        if (done) Retire<AccessesPerformed>(c, ref d, ref e, true);
        else Retire<AnyInstruction>(c, ref d, ref e, true);
    }

    /// <summary>The block's last instruction: applies the whole trace, then retires it normally.</summary>
    internal void FinishReplay(Cpu c, ref DecodedInst d, ref InstTiming e)
    {
        var b = _replay!;
        SyncTo(b.Prefix);
        ReplayedInstructions += (ulong)b.Prefix;
        EndReplay();
        Retire<AnyInstruction>(c, ref d, ref e, true);
    }

    /// <summary>Called before a device access (the bus): a replay in progress applies its effects up to the
    /// instruction accessing, so the device sees the model's cycles and counters as they are, and then ends there.</summary>
    internal void SyncReplay()
    {
        _mem.DeviceEpoch++;
        if (_replay is null || _replayHooked) return;
        SyncTo(ReplayAt);
        _replayHooked = true;
    }

    /// <summary>Stops a recording (the block left early: a fault or an event).</summary>
    internal void StopRecording() => _recorder = null;

    private void EndReplay()
    {
        _replay = null;
        _trace = null;
        _replayAccessesDone = _replayHooked = false;
    }

    /// <summary>Performs the fetches of the trace's instructions before <paramref name="upto"/> not yet performed, at their recorded times.</summary>
    private void PerformFetches(int upto)
    {
        // _replayFetched counts the fetching instructions done (an index into FetchSteps); traces one can
        // switch between agree on every step before the switch, so the count carries over.
        var tr = _trace!;
        var fetching = tr.FetchSteps;
        var b = _replay!;
        int k = _replayFetched;
        while (k < fetching.Length && fetching[k] < upto)
        {
            int p = fetching[k++];
            Fetch(b.Pc[p], b.Last[p], _replayT + tr.Steps[p].FetchWant);
        }
        _replayFetched = k;
    }

    /// <summary>Applies the effects of the trace's instructions before <paramref name="m"/>: the model is then as after retiring them.</summary>
    private void SyncTo(int m)
    {
        if (m <= _replaySynced) return;
        PerformFetches(m);
        var tr = _trace!;
        var steps = tr.Steps;
        long t = _replayT;
        ref ulong byClass = ref Unsafe.As<ClassCounts, ulong>(ref _byClass);
        ref ulong stalls = ref Unsafe.As<CauseCounts, ulong>(ref _stalls);
        if (_replaySynced == 0 && m == steps.Length)
        {
            foreach (var (cls, n) in tr.Classes) Unsafe.Add(ref byClass, cls) += n;
            foreach (var (cause, cycles) in tr.Stalls) Unsafe.Add(ref stalls, cause) += cycles;
            _pairs += tr.Pairs;
            _extraLoadStoreCycles += tr.ExtraLoadStore;
            _extraOtherCycles += tr.ExtraOther;
            foreach (ref readonly var w in tr.FinalWrites.AsSpan()) Set(w.Row, t + w.Normal, w.Kind);
            if (tr.FlagsWritten) _lastFlagsIssue = t + tr.FlagsIssue;
        }
        else
        {
            for (int p = _replaySynced; p < m; p++)
            {
                ref ReplayStep s = ref steps[p];
                Unsafe.Add(ref byClass, (int)s.Class)++;
                if (s.IssueStall > 0) Unsafe.Add(ref stalls, (int)s.IssueCause) += (ulong)s.IssueStall;
                if (s.MemStall > 0) Unsafe.Add(ref stalls, (int)s.MemCause) += (ulong)s.MemStall;
                if (s.Younger) _pairs++;
                _extraLoadStoreCycles += (ulong)s.ExtraLoadStore;
                _extraOtherCycles += (ulong)s.ExtraOther;
                for (int w = s.WriteFirst; w < s.WriteFirst + s.WriteCount; w++) Set(tr.Writes[w].Row, t + tr.Writes[w].Normal, tr.Writes[w].Kind);
                if (s.FlagsSet) _lastFlagsIssue = t + s.FlagsIssue;
            }
        }
        ref ReplayStep last = ref steps[m - 1];
        _t = t + last.TAfter;
        _open = last.OpenAfter;
        if (last.LastOlder >= 0)
        {
            ref ReplayStep o = ref steps[last.LastOlder];
            _olderUnits = o.OlderUnits;
            _olderConflicts = o.OlderConflicts;
            _olderUsesEarlyShifter = o.OlderEarly;
            _olderBank = o.IsLoad ? _replay!.Banks[last.LastOlder] : -1;
        }
        if (last.LastBlock >= 0)
        {
            _blockUntil = t + steps[last.LastBlock].BlockUntil;
            _blockCause = steps[last.LastBlock].BlockCause;
        }
        _replaySynced = m;
    }

    /// <summary>Recording: what Retire just decided for the next instruction of the trace (called at its end).</summary>
    private void RecordStep(ref InstTiming e, long slot, long issue, StallCause cause, bool younger, int bankCheck, int storeMultipleOdd8,
        long memStall, StallCause memCause, int cycles)
    {
        var r = _recorder!;
        long t = r.T;
        int j = r.Steps.Count;
        var f = e.Flags;
        var s = new ReplayStep
        {
            Class = e.Class,
            Issue = issue - t,
            TAfter = _t - t,
            OpenAfter = _open,
            Younger = younger,
            IssueStall = issue - slot,
            IssueCause = cause,
            MemStall = memStall,
            MemCause = memCause,
            HasAccesses = _bus.AccessCount > 0,
            Multiple = (f & InstTimingFlags.MultipleAccess) != 0,
            IsLoad = (f & InstTimingFlags.Load) != 0,
            BankCheck = (byte)bankCheck,
            BankSource = r.OlderSource,
            StoreMultipleOdd8 = (byte)storeMultipleOdd8,
            Fetch = r.FetchPending,
            FetchWant = r.FetchWant,
            FlagsSet = r.FlagsPending,
            FlagsIssue = r.FlagsIssue,
            WriteFirst = r.WriteStart,
            WriteCount = r.Writes.Count - r.WriteStart,
            LastOlder = j > 0 ? r.Steps[j - 1].LastOlder : (short)-1,
            LastBlock = j > 0 ? r.Steps[j - 1].LastBlock : (short)-1,
        };
        if (cycles > 1)
        {
            if ((e.Units & (Units.Load | Units.Store)) != 0) s.ExtraLoadStore = cycles - 1;
            else s.ExtraOther = cycles - 1;
        }
        if (!younger)
        {
            s.OlderUnits = _olderUnits;
            s.OlderConflicts = _olderConflicts;
            s.OlderEarly = _olderUsesEarlyShifter;
            s.LastOlder = (short)j;
            r.OlderSource = (short)j;
        }
        if (e.BlockCycles > 0)
        {
            s.BlockUntil = _blockUntil - t;
            s.BlockCause = _blockCause;
            s.LastBlock = (short)j;
        }
        r.Steps.Add(s);
        r.FetchPending = r.FlagsPending = false;
        r.WriteStart = r.Writes.Count;
        if (r.Steps.Count == r.Block.Prefix) FinishRecording(r);
    }

    /// <summary>The replayed part has retired: keeps the trace (if all its fetches hit) with the totals a whole replay applies at once.</summary>
    private void FinishRecording(TraceRecorder r)
    {
        _recorder = null;
        if (!r.Valid || r.DeviceEpoch != _mem.DeviceEpoch) return;
        var steps = r.Steps.ToArray();
        var classes = new Dictionary<int, ulong>();
        var stalls = new Dictionary<int, ulong>();
        ulong pairs = 0, extraLs = 0, extraOther = 0;
        bool flags = false;
        long flagsIssue = 0;
        foreach (var s in steps)
        {
            classes[(int)s.Class] = classes.GetValueOrDefault((int)s.Class) + 1;
            if (s.IssueStall > 0) stalls[(int)s.IssueCause] = stalls.GetValueOrDefault((int)s.IssueCause) + (ulong)s.IssueStall;
            if (s.MemStall > 0) stalls[(int)s.MemCause] = stalls.GetValueOrDefault((int)s.MemCause) + (ulong)s.MemStall;
            if (s.Younger) pairs++;
            extraLs += (ulong)s.ExtraLoadStore;
            extraOther += (ulong)s.ExtraOther;
            if (s.FlagsSet) { flags = true; flagsIssue = s.FlagsIssue; }
        }
        // A row write replaces the whole row, so only the last one per row matters for a whole replay.
        var writes = r.Writes.ToArray();
        var final = new List<RowWrite>();
        for (int i = writes.Length - 1; i >= 0; i--)
            if (writes[i].Row != Scoreboard.Sink && !final.Exists(w => w.Row == writes[i].Row)) final.Add(writes[i]); // the sink row is never read
        var lines = r.FetchLines.ToArray();
        if (r.From is { } from && ((ReadOnlySpan<uint>)lines).SequenceEqual(from.FetchLines)) lines = from.FetchLines;
        var fetching = new List<int>();
        for (int p = 0; p < steps.Length; p++)
            if (steps[p].Fetch) fetching.Add(p);
        var b = r.Block;
        // Outcomes after the shared part are this trace's own.
        while (r.PrefixIds.Count < steps.Length) r.PrefixIds.Add(++b.NextPrefixId);
        b.Add(new BlockTrace
        {
            Key = r.Key,
            Steps = steps,
            PrefixId = r.PrefixIds.ToArray(),
            Writes = writes,
            FinalWrites = final.ToArray(),
            FetchLines = lines,
            UsesArt = r.UsesArt,
            FetchSteps = fetching.ToArray(),
            MaxT = steps[^1].TAfter,
            Classes = classes.Select(kv => (kv.Key, kv.Value)).ToArray(),
            Stalls = stalls.Select(kv => (kv.Key, kv.Value)).ToArray(),
            Pairs = pairs,
            ExtraLoadStore = extraLs,
            ExtraOther = extraOther,
            FlagsWritten = flags,
            FlagsIssue = flagsIssue,
        });
    }
}
