namespace M7Sim.Timing;

/// <summary>
/// What the Cortex-M7 model needs to replay one compiled block (CortexM7Timing.Replay.cs): the block's
/// shape, the scoreboard entries its replayed part reads before writing them, and the traces recorded
/// so far. The replayed part is every instruction but the last, which always retires normally (it is the
/// one that may branch); in a block that loops to itself it is every instruction, the branch back included
/// (taken, as a saturated BTAC entry predicts it: CortexM7Timing.ReplayBranchBack).
/// </summary>
internal sealed class BlockReplay
{
    /// <summary>
    /// Fewest instructions replayed for a block to replay at all (so blocks of 9 or more): starting and
    /// finishing a replay costs about as much as retiring a handful of instructions, so shorter blocks
    /// retire normally (bench_long ran about 15% faster with this limit than replaying every block, in
    /// interleaved runs; limits of 5 and 11 measured no better, and 5 again once replayed accesses got cheaper:
    /// 96.1% of the instructions replayed instead of 93.8%, at the same speed; and a third time once replayed
    /// loads and stores became single calls, Simulation/ReplayedLoadStore: no faster in interleaved runs).
    /// </summary>
    public const int MinPrefix = 8;

    /// <summary>The same for a block that loops to itself, counting its branch back: its replays chain inside the
    /// block without the run loop or the entry key (CortexM7Timing.LoopAgain, BeginReplayChained), so short loops
    /// pay (ds_cnn_s: 61% replayed with 8, 66% with 4; 2 replays no more).</summary>
    public const int MinLoopPrefix = 4;

    /// <summary>Traces kept per block: entry states of a hot loop's block repeat, so a few cover it.</summary>
    public const int MaxTraces = 16;

    /// <summary>Instructions replayed from a trace: all of the block's but the last, or all of them in a block
    /// that loops to itself (<see cref="BranchBack"/>), whose traces end with the branch back taken.</summary>
    public readonly int Prefix;
    public readonly bool BranchBack;
    /// <summary>Address of each replayed instruction and of its last byte (for the fetches it makes).</summary>
    public readonly uint[] Pc, Last;
    /// <summary>Scoreboard entries (register * Roles + role) the replayed part reads before it writes them.</summary>
    public readonly short[] LiveIn;
    /// <summary>During a replay: the DTCM bank (address bit 2) of each load's first access, -1 for others.</summary>
    public readonly sbyte[] Banks;
    /// <summary>The entry key of the current attempt (<see cref="CortexM7Timing"/>.FillKey).</summary>
    public readonly long[] Key;

    public readonly BlockTrace?[] Traces = new BlockTrace?[MaxTraces];
    public int NextTrace;
    /// <summary>One trace per distinct entry key (traces forked from one share its key array), searched at entry.</summary>
    public readonly List<BlockTrace> Heads = new();
    /// <summary>Source of <see cref="BlockTrace.PrefixId"/> numbers.</summary>
    public int NextPrefixId;

    /// <summary>Keeps <paramref name="trace"/>, replacing the oldest when full; <see cref="Heads"/> keeps one trace per key.</summary>
    public void Add(BlockTrace trace)
    {
        var old = Traces[NextTrace];
        if (old is not null) old.Kept = false;
        Traces[NextTrace] = trace;
        NextTrace = (NextTrace + 1) % MaxTraces;
        if (old is not null)
        {
            int h = Heads.IndexOf(old);
            if (h >= 0)
            {
                var heir = Array.Find(Traces, t => t is not null && t.Key == old.Key);
                if (heir is null) Heads.RemoveAt(h);
                else Heads[h] = heir;
            }
        }
        if (!Heads.Exists(t => t.Key == trace.Key)) Heads.Add(trace);
    }
    public uint Attempts, Hits;
    /// <summary>Entries rarely match a trace here: the block stops trying and always retires normally.</summary>
    public bool GaveUp;

    public BlockReplay(uint[] pc, uint[] last, short[] liveIn, bool branchBack)
    {
        Prefix = pc.Length;
        BranchBack = branchBack;
        Pc = pc;
        Last = last;
        LiveIn = liveIn;
        Banks = new sbyte[pc.Length];
        Key = new long[CortexM7Timing.KeyHeader + liveIn.Length];
    }
}

/// <summary>
/// One recorded execution of a block's replayed part from one entry state (<see cref="Key"/>): per
/// instruction what the model decided and changed, relative to the cursor at entry. The model's IT count
/// needs no record: a replay starts with it 0, a block holds IT blocks whole, and a replay stops only at an
/// instruction with accesses, which no IT block in a block covers, so it is 0 wherever a replay stops. The decisions
/// depend only on the key and on the outcomes the replay checks again (I-cache hits of its fetches,
/// the DTCM banks of paired loads, STM alignment, the stall each instruction's data accesses cost), so
/// replaying it leaves the model exactly as retiring the instructions one by one would.
/// </summary>
internal sealed class BlockTrace
{
    public required long[] Key;
    public required ReplayStep[] Steps;
    /// <summary>Per instruction j, a number naming the outcomes met before j: traces of one entry state with
    /// the same number at j made the same decisions up to j, so a replay may switch between them there.</summary>
    public required int[] PrefixId;
    /// <summary>Every scoreboard row write in order (for a replay left part-way) and only the last per row (for a whole one).</summary>
    public required RowWrite[] Writes, FinalWrites;
    /// <summary>I-cache lines the fetches of the replayed part hit; a replay starts only while all are present.
    /// Traces forked from one share its array when their lines are the same, so switching between them needs no new check.</summary>
    public required uint[] FetchLines;
    /// <summary>The instructions that fetch, in order (the replay performs their fetches).</summary>
    public required int[] FetchSteps;
    /// <summary>The lines are ART lines (code in ITCM flash), not I-cache lines.</summary>
    public required bool UsesArt;
    /// <summary>Every fetch block looked up, in order, with its step (for traces forked from this one).</summary>
    public required (int Step, uint Line)[] Touches;
    /// <summary>
    /// A whole replay applies the fetches at once (CortexM7Timing.ApplyFetches) instead of one by one: the lines
    /// all hit, nothing but fetches touches the I-cache, and a run of hits leaves the LRU order as touching each
    /// distinct line once, in the order of its last use, does (<see cref="TouchLines"/>); the fetch state after
    /// them is fixed by the trace (<see cref="FetchEnd"/>). Not for ART traces: data reads share the ART.
    /// </summary>
    public required bool BatchFetches;
    public required uint[] TouchLines;
    public required ulong FetchHits;
    public required FetchState FetchEnd;
    /// <summary>SetAssociativeCache.Fills of that cache when all of <see cref="FetchLines"/> were last found present.</summary>
    public uint CheckedAtFills = uint.MaxValue;
    /// <summary>Cursor after the replayed part, relative to entry: a replay starts only if no timer event falls before it.</summary>
    public required long MaxT;
    public required (int Class, ulong Count)[] Classes;
    public required (int Cause, ulong Cycles)[] Stalls;
    public required ulong Pairs, ExtraLoadStore, ExtraOther;
    /// <summary>The trace ends with its block's branch back (BlockReplay.BranchBack).</summary>
    public required bool BranchBack;
    public required bool FlagsWritten;
    public required long FlagsIssue;
    /// <summary>In a block that loops to itself: a trace with the entry key the iteration after a whole replay of this one had
    /// (first the one that matched it, later the one such iterations keep ending as: CortexM7Timing.BeginReplayChained, Relink).</summary>
    public BlockTrace? Next;
    /// <summary>The trace the last iteration after this one ended as, when that was not <see cref="Next"/> (CortexM7Timing.Relink).</summary>
    public BlockTrace? NextCandidate;
    /// <summary>Still among its block's traces (a replay may switch to it).</summary>
    public bool Kept = true;
    /// <summary>Per step, the outcome met there last time it differed from this trace's, and the trace the replay switched to.</summary>
    public required (long Outcome, BlockTrace? To)[] Switches;
}

/// <summary>The front end's state after a trace's fetches (times relative to the cursor at the block's entry; Avail may be long.MinValue).</summary>
internal struct FetchState
{
    public uint Block, Lo, Span;
    public int Shift;
    public long Avail, FirstIssue;
    public StallCause Cause;
    public bool Redirect;
}

/// <summary>What retiring one instruction of a trace did (times relative to the cursor at the block's entry).</summary>
internal struct ReplayStep
{
    public long Issue, TAfter, IssueStall, MemStall, BlockUntil, FetchWant, FlagsIssue;
    public TimingClass Class;
    public StallCause IssueCause, MemCause, BlockCause;
    public Units OlderUnits, OlderConflicts;
    public bool Younger, OpenAfter, OlderEarly, HasAccesses, Multiple, IsLoad, Fetch, FlagsSet;
    /// <summary>One access, no STM alignment test, no stall but an unaligned load's, fetches batched: CortexM7Timing.ReplayAccess may take its short path.</summary>
    public bool Quick;
    /// <summary>Outcome of the two-loads bank test (0 not made, 1 same bank, 2 different) and whose bank it compared with (-2: the older instruction before the block).</summary>
    public byte BankCheck;
    public short BankSource;
    /// <summary>STM of an even count: 1 when its address was 8-aligned, 2 when not (0: not such an STM).</summary>
    public byte StoreMultipleOdd8;
    public int ExtraLoadStore, ExtraOther;
    /// <summary>The branch back of a loop block (its last step): taken, with this penalty (predicted taken) after it.</summary>
    public bool BranchBack;
    public int Penalty;
    public StallCause PenaltyCause;
    public int WriteFirst, WriteCount;
    /// <summary>The last instruction up to this one that took the older slot, and that set the blocking unit; -1 when none.</summary>
    public short LastOlder, LastBlock;
}

/// <summary>One scoreboard row write (CortexM7Timing.Set) of a trace: step, row, producer kind, normal ready time (relative).</summary>
internal struct RowWrite
{
    public int Step;
    public byte Row, Kind;
    public long Normal;
}

/// <summary>Collects a trace while the block's instructions retire normally (CortexM7Timing.RecordStep).</summary>
internal sealed class TraceRecorder
{
    public BlockReplay Block = null!;
    /// <summary>The trace this one forked from (StartFrom), or null.</summary>
    public BlockTrace? From;
    public long T;
    public long[] Key = [];
    public readonly List<ReplayStep> Steps = new();
    public readonly List<RowWrite> Writes = new();
    /// <summary>Every fetch block looked up, in order, with the step that fetched it.</summary>
    public readonly List<(int Step, uint Line)> Touches = new();
    public readonly List<int> PrefixIds = new();
    public bool Valid;
    /// <summary>The fetches went through the ART (ITCM flash) rather than the I-cache.</summary>
    public bool UsesArt;
    /// <summary>MemoryTiming.DeviceEpoch when recording started: a run that touched a device is not kept
    /// (its replays would always stop at that access, which first brings the model up to date).</summary>
    public uint DeviceEpoch;
    public bool FetchPending, FlagsPending;
    public long FetchWant, FlagsIssue;
    public int Penalty;
    public StallCause PenaltyCause;

    public void Penalized(int cycles, StallCause cause)
    {
        Penalty += cycles;
        PenaltyCause = cause;
    }
    public int WriteStart;
    public short OlderSource;

    public void Start(BlockReplay block, long t, uint deviceEpoch)
    {
        DeviceEpoch = deviceEpoch;
        From = null;
        Block = block;
        T = t;
        Key = (long[])block.Key.Clone();
        Steps.Clear();
        Writes.Clear();
        Touches.Clear();
        PrefixIds.Clear();
        Valid = true;
        UsesArt = false;
        FetchPending = FlagsPending = false;
        Penalty = 0;
        WriteStart = 0;
        OlderSource = -2;
    }

    /// <summary>Starts a trace that shares the first <paramref name="j"/> instructions of <paramref name="from"/> (same entry state, same
    /// outcomes so far); <paramref name="fetchedJ"/>: instruction j's fetches were made by the replay too (its accesses were).</summary>
    public void StartFrom(BlockReplay block, BlockTrace from, int j, long t, uint deviceEpoch, bool fetchedJ)
    {
        DeviceEpoch = deviceEpoch;
        From = from;
        Block = block;
        T = t;
        Key = from.Key;
        Steps.Clear();
        Writes.Clear();
        Touches.Clear();
        PrefixIds.Clear();
        foreach (var touch in from.Touches)
            if (touch.Step < j || (fetchedJ && touch.Step == j)) Touches.Add(touch);
        for (int p = 0; p < j; p++) Steps.Add(from.Steps[p]);
        for (int p = 0; p <= j; p++) PrefixIds.Add(from.PrefixId[p]);
        int writes = j < from.Steps.Length ? from.Steps[j].WriteFirst : from.Writes.Length;
        for (int w = 0; w < writes; w++) Writes.Add(from.Writes[w]);
        Valid = true;
        UsesArt = from.UsesArt;
        FetchPending = FlagsPending = false;
        Penalty = 0;
        WriteStart = Writes.Count;
        OlderSource = j > 0 && from.Steps[j - 1].LastOlder >= 0 ? from.Steps[j - 1].LastOlder : (short)-2;
    }

    public void Fetched(long want)
    {
        FetchPending = true;
        FetchWant = want - T;
    }

    public void FetchedBlock(uint address, bool hit, bool art)
    {
        if (!hit) Valid = false;
        if (art) UsesArt = true;
        Touches.Add((Steps.Count, address));
    }

    public void Written(int row, long normal, byte kind) =>
        Writes.Add(new RowWrite { Step = Steps.Count, Row = (byte)row, Kind = kind, Normal = normal - T });

    public void FlagsIssued(long issue)
    {
        FlagsPending = true;
        FlagsIssue = issue - T;
    }
}
