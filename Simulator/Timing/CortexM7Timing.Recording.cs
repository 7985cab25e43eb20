namespace M7Sim.Timing;

/// <summary>
/// Recording a block's trace (CortexM7Timing.Replay.cs): while the block's instructions retire normally,
/// Retire reports each decision here, and the last replayed instruction turns them into a BlockTrace.
/// </summary>
internal partial struct CortexM7Timing
{
    /// <summary>Stops a recording (the block left early: a fault or an event).</summary>
    internal void StopRecording() => _recorder = null;

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
            Penalty = r.Penalty,
            PenaltyCause = r.PenaltyCause,
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
        if (r.Block.BranchBack && j == r.Block.Prefix - 1)
        {
            // The branch back: a trace holds it only taken, predicted from a saturated BTAC entry that it left as it was.
            s.BranchBack = true;
            if (!_bp.Steady) r.Valid = false;
        }
        r.Steps.Add(s);
        r.Penalty = 0;
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
            if (s.Penalty > 0) stalls[(int)s.PenaltyCause] = stalls.GetValueOrDefault((int)s.PenaltyCause) + (ulong)s.Penalty;
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
        var fetched = new List<uint>();
        foreach (var touch in r.Touches)
            if (!fetched.Contains(touch.Line)) fetched.Add(touch.Line);
        var lines = fetched.ToArray();
        if (r.From is { } from && ((ReadOnlySpan<uint>)lines).SequenceEqual(from.FetchLines)) lines = from.FetchLines;
        var fetching = new List<int>();
        for (int p = 0; p < steps.Length; p++)
            if (steps[p].Fetch) fetching.Add(p);
        var b = r.Block;
        // Fetches are batched when they all fall in the region the front end is in now (a block lies in one).
        bool batch = !r.UsesArt && (fetching.Count == 0 || b.Pc[fetching[0]] - _fetchRegionBase < _fetchRegionSize);
        for (int p = 0; p < steps.Length; p++)
        {
            ref var s = ref steps[p];
            s.Quick = batch && s.HasAccesses && !s.Multiple && s.StoreMultipleOdd8 == 0
                && (s.MemStall == 0 || (s.IsLoad && s.MemCause == StallCause.UnalignedAccess));
        }
        var touchLines = new List<uint>();
        for (int i = r.Touches.Count - 1; i >= 0; i--)
            if (!touchLines.Contains(r.Touches[i].Line)) touchLines.Add(r.Touches[i].Line);
        touchLines.Reverse();
        long rt = r.T;
        var fetchEnd = new FetchState
        {
            Block = _fetchBlock, Lo = _fetchLo, Span = _fetchSpan, Shift = _fetchShift,
            Avail = _fetchAvail == long.MinValue ? long.MinValue : _fetchAvail - rt, FirstIssue = _fetchFirstIssue - rt,
            Cause = _fetchCause, Redirect = _redirect,
        };
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
            Touches = r.Touches.ToArray(),
            BatchFetches = batch,
            TouchLines = touchLines.ToArray(),
            FetchHits = (ulong)r.Touches.Count,
            FetchEnd = fetchEnd,
            MaxT = steps[^1].TAfter,
            Classes = classes.Select(kv => (kv.Key, kv.Value)).ToArray(),
            Stalls = stalls.Select(kv => (kv.Key, kv.Value)).ToArray(),
            Pairs = pairs,
            ExtraLoadStore = extraLs,
            ExtraOther = extraOther,
            FlagsWritten = flags,
            FlagsIssue = flagsIssue,
            BranchBack = r.Block.BranchBack,
            Switches = new (long, BlockTrace?)[steps.Length],
        });
    }
}
