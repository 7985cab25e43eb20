using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Memory;

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

    /// <summary>
    /// Entry of compiled block <paramref name="id"/> (a number from <see cref="AddReplay"/>): true when a
    /// trace matches the state and may be replayed; false to retire normally, recording a trace if none matched.
    /// </summary>
    internal bool BeginReplay(Cpu c, int id)
    {
        _recorder = null;
        _loopFromSet = false;
        FlushWrites(); // the key reads the scoreboard
        var b = _replays[id];
        if (b is null || b.GaveUp || c.Ipsr != _ipsr || _itLeft != 0) return false;
        var key = b.Key;
        FillKey(b, key);
        b.Attempts++;
        foreach (var trace in b.Heads)
        {
            if (!((ReadOnlySpan<long>)key).SequenceEqual(trace.Key)) continue;
            if ((ulong)(_t + trace.MaxT + 1) >= c.EventAt || !FetchesHit(trace)) return false;
            StartReplay(c, b, trace);
            return true;
        }
        // A block whose entries keep missing (data-dependent paths into it) stops trying.
        if (b.Attempts >= 64 && b.Hits * 2 < b.Attempts) { b.GaveUp = true; return false; }
        _recorderInstance.Start(b, _t, _mem.DeviceEpoch);
        _recorder = _recorderInstance;
        return false;
    }

    private void StartReplay(Cpu c, BlockReplay b, BlockTrace trace)
    {
        b.Hits++;
        _replaying = true;
        Keep(ref _replay, b);
        if (!ReferenceEquals(_trace, trace))
        {
            _trace = trace;
            _steps = trace.Steps;
        }
        _replayT = _t;
        _replaySynced = _replayFetched = 0;
        _replayHooked = _replayAccessesDone = _replayDiverged = false;
        _replayEventAt = c.EventAt;
        _chainedFromSet = false;
    }

    /// <summary>
    /// <see cref="BeginReplay"/> for the next iteration of a block that loops to itself (the block calls it
    /// after <see cref="LoopAgain"/>). When the iteration before was a whole replay of trace T (which ends with
    /// the branch back, taken as predicted: <see cref="ReplayBranchBack"/>), the state now is a function of
    /// T's entry key and T alone (the branch emptied the fetch window; every live-in scoreboard entry either
    /// was written by T or has aged by T's length), so the trace that matched after T last time matches
    /// again: T keeps it (<see cref="BlockTrace.Next"/>) and the key is not built. Any trace of that key may start the
    /// iteration (a replay switches between them as outcomes differ), so T keeps the one its successors end as (<see cref="Relink"/>).
    /// </summary>
    internal bool BeginReplayChained(Cpu c, int id)
    {
        var from = _loopFromSet ? _loopFrom : null;
        _loopFromSet = false;
        if (from?.Next is { Kept: true } next)
        {
            _recorder = null;
            var b = _replays[id]!;
            b.Attempts++;
            if (c.Ipsr != _ipsr || (ulong)(_t + next.MaxT + 1) >= c.EventAt || !FetchesHit(next))
            {
                FlushWrites(); // the iteration retires normally
                return false;
            }
            StartReplay(c, b, next);
            Keep(ref _chainedFrom, from);
            _chainedFromSet = true;
            LinkedReplays++;
            return true;
        }
        bool replaying = BeginReplay(c, id);
        if (replaying && from is not null)
        {
            from.Next = _trace;
            Keep(ref _chainedFrom, from);
            _chainedFromSet = true;
        }
        return replaying;
    }

    /// <summary>The trace's fetches will hit as they did: the I-cache (or the ART) is on, and every line is in the I-cache (or the ART, for code in ITCM flash).</summary>
    private readonly bool FetchesHit(BlockTrace trace)
    {
        var lines = trace.FetchLines;
        // Code in TCM: no cache or ART setting bears on its fetches.
        if (lines.Length == 0) return true;
        _mem.Tick(); // the settings as the trace's first fetch would read them (a poll's timing has no other effect)
        if (!(trace.UsesArt ? _mem.ArtOn : _mem.ICacheOn)) return false;
        var cache = trace.UsesArt ? _mem.Art! : _mem.ICache!;
        // Lines leave the cache only when another is filled or all are invalidated.
        if (trace.CheckedAtFills == cache.Fills) return true;
        foreach (uint line in lines)
            if (!cache.Contains(line)) return false;
        trace.CheckedAtFills = cache.Fills;
        return true;
    }

    /// <summary>
    /// <see cref="ReplayMemory"/> with a short path for the common step: one TCM load or store, or one load that hits
    /// the D-cache, with the outcome of the bank test of paired loads the trace recorded and the stall it recorded,
    /// where that stall is at most an unaligned load's (a fixed penalty) and a store finds a free store-buffer entry.
    /// Anything else takes the full path, with nothing done yet (a D-cache miss is found without filling the line).
    /// Not inlined into the compiled blocks: the JIT stops inlining in a method once it holds 512 locals, and a long
    /// block that inlined this at each access reached that before its last handlers (bench_long's hot 36-instruction
    /// loop then called SMLAD's helpers); out of line, every handler of the replay path is inlined.
    /// It makes no call on its way to the outcomes it settles (a TCM load, a load hitting its D-cache set's most recent
    /// line, a TCM store that finds a free store-buffer entry); the rest goes on to <see cref="ReplayAccessGeneral"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int ReplayAccess(Cpu c, int j) =>
        _bus.AccessCount == 1 && ReplaySettles(c, j, ref MemoryMarshal.GetArrayDataReference(_accesses)) ? ReplayGoOn : ReplayAccessGeneral(c, j);

    /// <summary>
    /// The short path of <see cref="ReplayAccess"/> for step <paramref name="j"/>'s one access <paramref name="a"/>: true
    /// when it settled it (counted, and a store buffered), false with nothing done. The compiled blocks' replayed loads
    /// and stores (ReplayedLoadStore) call it before they access memory, with the access they are about to make.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool ReplaySettles(Cpu c, int j, ref MemAccess a)
    {
        ref ReplayStep s = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_steps!), j);
        if (!ShortPathApplies(c, ref s) || a.Region >= _regions.Length || a.IsWrite == s.IsLoad) return false;
        ref var region = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_regions), a.Region); // in range: tested above
        long issue = _replayT + s.Issue;
        if (s.IsLoad)
        {
            if (!LoadAsRecorded(ref s, ref a, issue)) return false;
            if (region.Kind == MemKind.Tcm) return LoadDone(ref region, ref a, j);
            if (region.Kind is MemKind.AxiFlash or MemKind.AxiRam && _mem.DCacheHitsQuick(a.Address))
            {
                _ctr.DCacheHits++;
                return LoadDone(ref region, ref a, j);
            }
            return false;
        }
        // A Quick store's stall is 0: it found a free entry when recorded.
        if (region.Kind != MemKind.Tcm || !_sb.TryPushTcm(issue, a.Address, TcmStoreCycles(ref a))) return false;
        region.Writes++;
        region.WriteBytes += a.Size;
        Bank(j) = -1;
        return true;
    }

    /// <summary><see cref="ReplayAccess"/> for the other steps (out of line, so that its frame is not paid by the commonest
    /// ones): a load from cached AXI memory whose line is not its set's most recent is looked up in full; anything else
    /// takes <see cref="ReplayMemory"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ReplayAccessGeneral(Cpu c, int j)
    {
        ref ReplayStep s = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_steps!), j);
        if (s.IsLoad && ShortPathApplies(c, ref s) && _bus.AccessCount == 1)
        {
            ref var a = ref MemoryMarshal.GetArrayDataReference(_accesses);
            if (a.Region < _regions.Length && !a.IsWrite)
            {
                ref var region = ref _regions[a.Region];
                if (region.Kind is MemKind.AxiFlash or MemKind.AxiRam && LoadAsRecorded(ref s, ref a, _replayT + s.Issue)
                    && CachedLoadHits(ref a) && LoadDone(ref region, ref a, j))
                    return ReplayGoOn;
            }
        }
        return ReplayMemory(c, j);
    }

    /// <summary>The step may take the short path: the trace recorded its one access with no stall but an unaligned
    /// load's, and nothing has observed or interrupted the replay (the caller checks there was one access).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool ShortPathApplies(Cpu c, ref ReplayStep s) =>
        s.Quick && !_replayHooked && c.Fault == FaultKind.None && c.EventAt == _replayEventAt;

    /// <summary>
    /// A load (a TCM load or a D-cache hit, as TcmLoad and AccessesGeneral time it) has the outcomes the trace recorded:
    /// the bank test of paired loads (CheckBeforeAccesses) and the stall, which for a Quick step is 0 or an unaligned
    /// load's penalty; a buffered store to its word would add the store-to-load wait.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool LoadAsRecorded(ref ReplayStep s, ref MemAccess a, long issue)
    {
        if (s.BankCheck != 0 && BankOutcome(ref s, (int)(a.Address >> 2) & 1) != s.BankCheck) return false;
        long stall = 0;
        var cause = StallCause.None;
        if ((a.Address & (a.Size - 1u)) != 0)
        {
            stall = UnalignedLoadPenalty(s.Younger);
            cause = StallCause.UnalignedAccess;
        }
        if (!_sb.DrainedBy(issue)) StoreToLoad(a.Address, issue, issue, ref stall, ref cause);
        return stall == s.MemStall && (stall == 0 || cause == s.MemCause);
    }

    /// <summary>The DTCM bank step <paramref name="j"/> of the replayed block accessed (-1: none), for the paired-load tests
    /// after it; j is always below the block's length, the array's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ref sbyte Bank(int j) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_replay!.Banks), j);

    /// <summary>Counts a load the short path settled and keeps its bank for the paired-load tests after it (true, for the callers' conditions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool LoadDone(ref RegionCounts region, ref MemAccess a, int j)
    {
        region.Reads++;
        region.ReadBytes += a.Size;
        Bank(j) = (sbyte)((a.Address >> 2) & 1);
        return true;
    }

    /// <summary>The short path's load from cached AXI memory: true when it hit the D-cache (the hit is counted;
    /// <see cref="LoadDone"/> counts the read).</summary>
    private bool CachedLoadHits(ref MemAccess a)
    {
        _mem.Tick();
        if (!_mem.DCacheOn || !_mem.DCache!.Access(a.Address, allocate: false, makeDirty: false, out _)) return false;
        _ctr.DCacheHits++;
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
        var trace = _trace!;
        ref ReplayStep s = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(trace.Steps), j);
        int count = _bus.AccessCount;
        if (count > 0 != s.HasAccesses) return ReplayLeave;
        ref var first = ref MemoryMarshal.GetArrayDataReference(_bus.Accesses);
        int bank = s.IsLoad && count > 0 ? (int)(first.Address >> 2) & 1 : -1;
        if ((s.BankCheck | s.StoreMultipleOdd8) != 0)
        {
            if (!CheckBeforeAccesses(j, bank, first.Address)) { _replayDiverged = true; return ReplayLeave; }
            trace = _trace!;
            s = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(trace.Steps), j);
        }
        Bank(j) = (sbyte)bank;
        if (count == 0) return ReplayGoOn;
        int k = _replayFetched;
        if (!trace.BatchFetches && (uint)k < (uint)trace.FetchSteps.Length && trace.FetchSteps[k] <= j) PerformFetches(j + 1);
        uint artFills = trace.UsesArt ? _mem.Art!.Fills : 0;
        long stall = Accesses(s.Multiple, _replayT + s.Issue, s.Younger, out var cause);
        if ((stall != s.MemStall || (stall > 0 && cause != s.MemCause)) && !SwitchTrace(j, s.BankCheck, s.StoreMultipleOdd8, stall, cause))
        {
            // Done for real and different: the instruction retires normally with this outcome (its fetches done too).
            if (trace.BatchFetches) PerformFetches(j + 1);
            _replayDiverged = true;
            _replayAccessesDone = true;
            _replayStall = stall;
            _replayStallCause = cause;
            return ReplayLeave;
        }
        // Data reads through ITCM flash share the ART with the fetches: a line one filled may have evicted a
        // line the trace fetches later (whatever the read's own stall), so the trace's lines are checked again.
        if (trace.UsesArt && _mem.Art!.Fills != artFills && !FetchesHit(_trace!)) return ReplayStopAfter;
        return ReplayGoOn;
    }

    /// <summary>The outcomes <see cref="ReplayMemory"/> checks before performing the accesses: the DTCM bank
    /// test of paired loads and the alignment of an even STM. False when no trace recorded these.</summary>
    private bool CheckBeforeAccesses(int j, int bank, uint address)
    {
        ref ReplayStep s = ref _trace!.Steps[j];
        int bankCheck = 0;
        if (s.BankCheck != 0)
        {
            bankCheck = BankOutcome(ref s, bank);
        }
        int odd8 = s.StoreMultipleOdd8 == 0 ? 0 : (address & 7) != 0 ? 2 : 1;
        return (bankCheck == s.BankCheck && odd8 == s.StoreMultipleOdd8) || SwitchTrace(j, bankCheck, odd8, -1, StallCause.None);
    }

    /// <summary>The two-loads bank test of step <paramref name="s"/> for a load to DTCM bank <paramref name="bank"/> (-1: none):
    /// 1 when it meets the bank of the load it would pair with (they do not pair), 2 when not.</summary>
    private readonly int BankOutcome(ref ReplayStep s, int bank)
    {
        int older = s.BankSource == -2 ? _olderBank : _replay!.Banks[s.BankSource];
        return bank >= 0 && bank == older ? 1 : 2;
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
        // The loop's data makes the same few outcomes come back, so each step remembers where its last switch went.
        long outcome = (long)bankCheck | (long)odd8 << 4 | (long)cause << 8 | (stall + 1) << 16;
        ref var remembered = ref current.Switches[j];
        if (remembered.Outcome == outcome && remembered.To is { Kept: true } known && CanSwitchTo(current, known))
        {
            _trace = known;
            _steps = known.Steps;
            return true;
        }
        int prefix = current.PrefixId[j];
        foreach (var other in _replay!.Traces)
        {
            if (other is null || other == current || other.PrefixId[j] != prefix || other.Key != current.Key) continue;
            ref ReplayStep o = ref other.Steps[j];
            if (o.BankCheck != bankCheck || o.StoreMultipleOdd8 != odd8) continue;
            if (stall >= 0 && (o.MemStall != stall || (stall > 0 && o.MemCause != cause))) continue;
            if (!CanSwitchTo(current, other)) continue;
            remembered = (outcome, other);
            _trace = other;
            _steps = other.Steps;
            return true;
        }
        return false;
    }

    /// <summary>A trace agreeing with <paramref name="current"/> so far can take over: no timer event falls before its end and its fetches still hit.</summary>
    private bool CanSwitchTo(BlockTrace current, BlockTrace other) =>
        (ulong)(_replayT + other.MaxT + 1) < _replayEventAt && (other.FetchLines == current.FetchLines || FetchesHit(other));

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
            _recorderInstance.StartFrom(_replay!, trace, j, _replayT, _mem.DeviceEpoch, done);
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

    /// <summary>
    /// The branch back of a loop block whose traces hold it (BlockReplay.BranchBack), after its handler: when
    /// it went back to the start and the predictor would resolve it as recorded (taken from a saturated
    /// entry, which Resolve leaves as it is), the whole trace is applied and true returned; else false, and
    /// the block retires the branch normally (<see cref="BailReplay"/>).
    /// </summary>
    internal bool ReplayBranchBack(Cpu c, int j)
    {
        var b = _replay!;
        if (_replayHooked || c.Fault != FaultKind.None || c.EventAt != _replayEventAt) return false;
        uint start = b.Pc[0];
        if (c.NextPc != start || !_bp.PredictsSteady(b.Pc[j], start)) return false;
        var trace = _trace!;
        SyncTo(b.Prefix, deferWrites: true);
        ReplayedInstructions += (ulong)b.Prefix;
        EndReplay();
        Keep(ref _loopFrom, trace);
        _loopFromSet = true;
        if (_chainedFromSet) Relink(_chainedFrom!, trace);
        return true;
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

    /// <summary>
    /// A whole replay started from <paramref name="from"/>'s <see cref="BlockTrace.Next"/> ended as <paramref name="ended"/>:
    /// the same trace, or one it switched to on the way (they share its key, so either may start the iteration after
    /// <paramref name="from"/>). When two such iterations in a row end as the same other trace, it becomes the link,
    /// so a link that keeps switching at the same step (a stream whose alignment is not the one first met) is mended,
    /// while an outcome that comes back only now and then (a cache miss every few iterations) leaves the link alone.
    /// </summary>
    private static void Relink(BlockTrace from, BlockTrace ended)
    {
        if (from.Next == ended)
        {
            if (from.NextCandidate is not null) from.NextCandidate = null;
        }
        else if (from.NextCandidate == ended)
        {
            from.Next = ended;
            from.NextCandidate = null;
        }
        else from.NextCandidate = ended;
    }

    /// <summary>
    /// After the last instruction of a block that branches back to its own start (<paramref name="start"/>),
    /// retired: whether the block runs its <paramref name="count"/> instructions again itself rather than
    /// returning to the run loop. It does when the branch went back, and the run loop would go straight on
    /// into the block: no fault, no event due (the test the loop makes after every instruction), and room
    /// for another iteration before the instruction limit.
    /// </summary>
    internal bool LoopAgain(Cpu c, uint start, int count)
    {
        ChainLeft -= (ulong)count;
        if (c.NextPc != start || c.Fault != FaultKind.None || Cycles >= c.EventAt || ChainLeft < (ulong)count)
        {
            FlushWrites(); // the block returns: the run loop sees the model whole
            return false;
        }
        LoopIterations++;
        return true;
    }


    /// <summary>Called before a device access (the bus): a replay in progress applies its effects up to the
    /// instruction accessing, so the device sees the model's cycles and counters as they are, and then ends there.</summary>
    internal void SyncReplay()
    {
        if (_replaying && !_replayHooked)
        {
            SyncTo(ReplayAt);
            _replayHooked = true;
        }
        // Counted after the catching up, whose fetches may read CCR and FLASH_ACR: as they were before this access.
        _mem.DeviceEpoch++;
    }

    /// <summary>Writes the scoreboard rows a loop block's whole replay left pending (<see cref="SyncTo"/>): before
    /// anything reads the scoreboard or writes another row (retiring, an entry key, a partial replay).</summary>
    private void FlushWrites()
    {
        if (!_pendingWritesSet) return;
        _pendingWritesSet = false;
        var tr = _pendingWrites!;
        foreach (ref readonly var w in tr.FinalWrites.AsSpan()) Set(w.Row, _pendingWritesT + w.Normal, w.Kind);
    }

    /// <summary>Ends the replay in progress. Its block and trace stay referenced (the next replay is most often of the same
    /// ones, and storing a reference costs a GC write barrier): <see cref="_replaying"/> says whether they are in use.</summary>
    private void EndReplay()
    {
        _replaying = false;
        _replayAccessesDone = _replayHooked = false;
    }

    /// <summary>Stores <paramref name="value"/> in <paramref name="field"/> unless it is there already: a loop's replays keep
    /// storing the same block and traces, and a reference store into the heap costs a GC write barrier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep<T>(ref T? field, T value) where T : class
    {
        if (!ReferenceEquals(field, value)) field = value;
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

    /// <summary>All of a trace's fetches at once (<see cref="BlockTrace.BatchFetches"/>): they are all hits.</summary>
    private void ApplyFetches(BlockTrace tr)
    {
        var fetching = tr.FetchSteps;
        if (fetching.Length == 0) return;
        uint pc = _replay!.Pc[fetching[0]];
        if (pc - _fetchRegionBase >= _fetchRegionSize) LocateFetchRegion(pc);
        if (tr.TouchLines.Length > 0)
        {
            var cache = _mem.ICache!;
            // Right after the same touches, with no other lookup in between, these lines are already the most
            // recently used, in this order: touching them again leaves every set's LRU order as it is (a loop's
            // whole replays following each other).
            bool again = cache.Clock == _touchedClock && cache.Fills == _touchedFills && _touchedLines is { } last
                && (last == tr.TouchLines || ((ReadOnlySpan<uint>)last).SequenceEqual(tr.TouchLines));
            if (!again)
            {
                foreach (uint line in tr.TouchLines) cache.Access(line, allocate: false, makeDirty: false, out _);
                _touchedLines = tr.TouchLines;
                _touchedClock = cache.Clock;
                _touchedFills = cache.Fills;
            }
            _ctr.ICacheHits += tr.FetchHits;
        }
        ref readonly var f = ref tr.FetchEnd;
        _fetchBlock = f.Block;
        _fetchLo = f.Lo;
        _fetchSpan = f.Span;
        _fetchShift = f.Shift;
        _fetchAvail = f.Avail == long.MinValue ? long.MinValue : _replayT + f.Avail;
        _fetchFirstIssue = _replayT + f.FirstIssue;
        _fetchCause = f.Cause;
        _redirect = f.Redirect;
    }

    /// <summary>Adds the totals of the whole replays of <see cref="_owed"/> not added yet.</summary>
    private void PayOwed()
    {
        if (_owed is not { } tr) return;
        ulong runs = _owedRuns;
        _owed = null;
        _owedRuns = 0;
        AddTotals(tr, runs, ref Unsafe.As<ClassCounts, ulong>(ref _byClass), ref Unsafe.As<CauseCounts, ulong>(ref _stalls),
            ref _pairs, ref _extraLoadStoreCycles, ref _extraOtherCycles);
    }

    /// <summary>Adds <paramref name="runs"/> times the class counts, stall cycles, pairs and extra issue cycles of a whole replay of <paramref name="tr"/>.</summary>
    private static void AddTotals(BlockTrace tr, ulong runs, ref ulong byClass, ref ulong stalls, ref ulong pairs, ref ulong extraLoadStore, ref ulong extraOther)
    {
        foreach (var (cls, n) in tr.Classes) Unsafe.Add(ref byClass, cls) += n * runs;
        foreach (var (cause, cycles) in tr.Stalls) Unsafe.Add(ref stalls, cause) += cycles * runs;
        pairs += tr.Pairs * runs;
        extraLoadStore += tr.ExtraLoadStore * runs;
        extraOther += tr.ExtraOther * runs;
    }

    /// <summary>
    /// Applies the effects of the trace's instructions before <paramref name="m"/>: the model is then as after
    /// retiring them. <paramref name="deferWrites"/> (a whole replay of a loop block): the trace's scoreboard
    /// rows are kept pending (<see cref="FlushWrites"/>) instead of written, since the next iteration, if it
    /// is replayed whole too, writes the same rows again (the rows an instruction writes follow from its facts).
    /// </summary>
    private void SyncTo(int m, bool deferWrites = false)
    {
        // Pending rows are those of the iteration before this one, of the same block: a whole replay with its
        // own rows pending replaces them; anything else needs them written first.
        if (!deferWrites) FlushWrites();
        if (m <= _replaySynced) return;
        if (deferWrites) _pendingWritesSet = false;
        var tr = _trace!;
        var steps = tr.Steps;
        long t = _replayT;
        if (_replayFetched == 0 && m == steps.Length && tr.BatchFetches) ApplyFetches(tr);
        else PerformFetches(m);
        ref ulong byClass = ref Unsafe.As<ClassCounts, ulong>(ref _byClass);
        ref ulong stalls = ref Unsafe.As<CauseCounts, ulong>(ref _stalls);
        if (_replaySynced == 0 && m == steps.Length)
        {
            // A loop's whole replays of one trace follow each other: their totals are owed and added once (Counters adds them too).
            if (_owed == tr) _owedRuns++;
            else
            {
                PayOwed();
                _owed = tr;
                _owedRuns = 1;
            }
            if (tr.BranchBack) { _ctr.Branches++; _ctr.BranchesTaken++; }
            if (deferWrites)
            {
                Keep(ref _pendingWrites, tr);
                _pendingWritesSet = true;
                _pendingWritesT = t;
            }
            else foreach (ref readonly var w in tr.FinalWrites.AsSpan()) Set(w.Row, t + w.Normal, w.Kind);
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
                if (s.Penalty > 0) Unsafe.Add(ref stalls, (int)s.PenaltyCause) += (ulong)s.Penalty;
                if (s.BranchBack) { _ctr.Branches++; _ctr.BranchesTaken++; }
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
        if (last.BranchBack) Redirect(); // the taken branch restarts the fetch at the block's start
    }
}
