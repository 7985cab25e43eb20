using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Memory;

namespace M7Sim.Timing;

/// <summary>
/// Cortex-M7 cycle model: in-order dual issue decided one retired instruction at a time. Each
/// instruction gets the earliest issue cycle allowed by (1) program order and the slot rules of the
/// pair it would join, (2) the front end (flash wait states, ART, I-cache), (3) its operands in the
/// register scoreboard, read early, normally or late by operand role, and (4) blocking units; then
/// memory stalls, the store buffer and branch resolution move the pipeline cursor. Parameters come from
/// timing-models/cores/*.json (<see cref="CoreModel"/>) and the board file (<see cref="BoardMemoryTiming"/>).
/// A struct so Machine.RunCore is specialised for it; all per-run state lives here or in the helper
/// objects it points to.
/// </summary>
internal unsafe partial struct CortexM7Timing : ITimingModel
{
    private readonly CoreModel _model;
    private readonly ClassTiming[] _classes;
    private readonly ClassTiming[] _rows;
    private readonly TimingClass[] _rowClass;
    private readonly bool[] _rowOverridden;
    private readonly Units _shift1Conflicts;
    private readonly MemoryTiming _mem;
    private readonly BranchPredictor _bp;
    private readonly StoreBuffer _sb;
    private readonly TimingCounters _ctr;
    private readonly Bus _bus;
    /// <summary>The bus's access list (the same array for the bus's life), held here to save a load on every replayed access.</summary>
    private readonly MemAccess[] _accesses;

    // Issue cursor: _t is the cycle of the most recent issue group (or the last cycle a multi-cycle
    // instruction or a stall occupies); _open says its younger slot is still free.
    private long _t;
    private bool _open;
    private Units _olderUnits, _olderConflicts;
    private bool _olderUsesEarlyShifter;
    private int _olderBank;
    private long _blockUntil;
    private StallCause _blockCause;
    private long _fpAluBlockedUntil;
    private long _fpscrReady;
    private long _lastFlagsIssue;
    private int _itLeft;
    private bool _redirect;
    private ulong _pairs, _predicatedFalse;
    private ulong _extraLoadStoreCycles, _extraOtherCycles;
    /// <summary>A trace whose whole replays' class counts, stall cycles, pairs and extra cycles are not added yet, and how many (CortexM7Timing.Replay.cs, PayOwed).</summary>
    private BlockTrace? _owed;
    private ulong _owedRuns;
    private uint _ipsr;        // exception number the previous instruction ran in
    private bool _returning;   // the previous instruction started an exception return

    // Front end
    private uint _fetchBlock;
    private int _fetchShift;
    // The current fetch block as an address window [_fetchLo, _fetchLo + _fetchSpan): an instruction
    // inside it needs no fetch. Span 0 (after a redirect) sends the next instruction to Fetch.
    private uint _fetchLo, _fetchSpan;
    private long _fetchAvail, _fetchFirstIssue;
    private StallCause _fetchCause;
    private uint _fetchRegionBase, _fetchRegionSize;
    private MemKind _fetchKind;
    private int _fetchRegion;

    // Scoreboard: per register and read role, the cycle from which a consumer may issue and the cause
    // to charge (Scoreboard). A result of producer kind k fills its register's row from row k of the
    // kind tables: how much later early readers, address generation and multiplicands may use it.
    private RegNeeds _need;
    private RegCauses _needCause;
    private readonly long[] _kindDelta;
    private readonly StallCause[] _kindCause;
    private readonly byte _earlyForwardKind, _flagsKind, _fpFlagsKind, _fpMoveKind;
    private FpTimes _fpReady, _fpAccReady;

    // Counters kept here for speed; Counters copies them into _ctr.
    private CauseCounts _stalls;
    private ClassCounts _byClass;
    private readonly RegionCounts[] _regions;

    // Block replay (CortexM7Timing.Replay.cs): the blocks registered, the trace being recorded.
    private readonly List<BlockReplay?> _replays;
    private readonly TraceRecorder _recorderInstance;
    private TraceRecorder? _recorder;

    // The replay in progress: block, trace, cursor at entry, how far effects and fetches are applied.
    private BlockReplay? _replay;
    /// <summary>A replay is in progress (<see cref="_replay"/> and <see cref="_trace"/> stay set after one ends).</summary>
    private bool _replaying;
    private BlockTrace? _trace;
    /// <summary>The steps of <see cref="_trace"/>, held here to save a load on every replayed access.</summary>
    private ReplayStep[]? _steps;
    // The three below hold a trace while their flag is set, and keep it after (see EndReplay: a reference store costs a write barrier).
    /// <summary>The trace a loop block's last iteration replayed whole, with its branch back steady (BeginReplayChained).</summary>
    private BlockTrace? _loopFrom;
    private bool _loopFromSet;
    /// <summary>The trace whose <see cref="BlockTrace.Next"/> started the replay in progress (BeginReplayChained).</summary>
    private BlockTrace? _chainedFrom;
    private bool _chainedFromSet;
    /// <summary>A loop block's whole replay whose scoreboard rows are not written yet, and its cursor at entry (CortexM7Timing.FlushWrites).</summary>
    private BlockTrace? _pendingWrites;
    private bool _pendingWritesSet;
    /// <summary>The I-cache lines a whole replay touched last (ApplyFetches), and the cache's Clock and Fills just after.</summary>
    private uint[]? _touchedLines;
    private ulong _touchedClock;
    private uint _touchedFills;
    private long _pendingWritesT;
    private long _replayT;
    private int _replaySynced, _replayFetched;
    private ulong _replayEventAt;
    private bool _replayHooked, _replayAccessesDone, _replayDiverged;
    private long _replayStall;
    private StallCause _replayStallCause;

    /// <summary>The instruction whose handler runs now (stored by the compiled block before each one with accesses).</summary>
    internal int ReplayAt;

    /// <summary>Instructions the run may still retire, set by the run loop before it calls a compiled block (<see cref="LoopAgain"/>).</summary>
    internal ulong ChainLeft;

    /// <summary>Instructions whose timing came from a trace (statistics and tests).</summary>
    public ulong ReplayedInstructions { get; private set; }

    /// <summary>Replays stopped because a data read through the ART evicted a line the trace still fetched (tests).</summary>
    internal ulong ReplaysStoppedByArt { get; private set; }

    /// <summary>Iterations a loop block ran again itself (LoopAgain), and replays started from a trace's link (BeginReplayChained): statistics and tests.</summary>
    internal ulong LoopIterations { get; private set; }
    internal ulong LinkedReplays { get; private set; }

    // Static facts per instruction (CortexM7Timing.Describe.cs).
    private readonly byte[] _instCache;
    private readonly InstTiming* _instFirst;

    public CortexM7Timing(CoreModel model, BoardMemoryTiming board, Bus bus, Func<uint> ccr, IReadOnlyList<Row> rows)
    {
        _model = model;
        _classes = model.Classes;
        _rows = model.ForRows(rows, out _rowClass, out _rowOverridden);
        _shift1Conflicts = model.Classes[(int)TimingClass.AluShiftedOp].Conflicts;
        _earlyForwardKind = model.EarlyForwardKind;
        _flagsKind = model.KindOf(0, 0, 0, StallCause.Dependency);
        _fpFlagsKind = model.KindOf(0, 0, 0, StallCause.FpDependency);
        _fpMoveKind = model.KindOf(1, 1, 0, StallCause.FpDependency);
        BuildRoleTable(model, out _kindDelta, out _kindCause);
        _instCache = NewInstCache(out _instFirst);
        _bus = bus;
        _accesses = bus.Accesses;
        _ctr = new TimingCounters(bus.Regions.Count);
        _mem = new MemoryTiming(bus, board, ccr, _ctr);
        _regions = new RegionCounts[bus.Regions.Count];
        _bp = new BranchPredictor(model.BtacEntries, model.CounterBits, model.StaticBackwardTaken);
        _sb = new StoreBuffer(model.StoreBufferEntries);
        _replays = [null];
        _recorderInstance = new TraceRecorder();
        Reset();
    }

    /// <summary>The counters, with the ones kept in the struct for speed copied in.</summary>
    public readonly TimingCounters Counters
    {
        get
        {
            ((ReadOnlySpan<ulong>)_stalls).CopyTo(_ctr.StallCycles);
            ((ReadOnlySpan<ulong>)_byClass).CopyTo(_ctr.ByClass);
            ulong pairs = _pairs, extraLoadStore = _extraLoadStoreCycles, extraOther = _extraOtherCycles;
            if (_owed is { } owed)
                AddTotals(owed, _owedRuns, ref _ctr.ByClass[0], ref _ctr.StallCycles[0], ref pairs, ref extraLoadStore, ref extraOther);
            ulong instructions = 0;
            foreach (ulong n in _ctr.ByClass) instructions += n;
            _ctr.Instructions = instructions;
            _ctr.DualIssuedPairs = pairs;
            _ctr.PredicatedFalse = _predicatedFalse;
            _ctr.ExtraLoadStoreCycles = extraLoadStore;
            _ctr.ExtraMultiCycleCycles = extraOther;
            for (int i = 0; i < _regions.Length; i++)
            {
                _ctr.RegionReads[i] = _regions[i].Reads;
                _ctr.RegionReadBytes[i] = _regions[i].ReadBytes;
                _ctr.RegionWrites[i] = _regions[i].Writes;
                _ctr.RegionWriteBytes[i] = _regions[i].WriteBytes;
            }
            return _ctr;
        }
    }
    internal readonly MemoryTiming Memory => _mem;

    public readonly ulong Cycles => (ulong)(_t + 1);

    public void Reset()
    {
        _t = -1;
        _open = false;
        _olderUnits = _olderConflicts = Units.None;
        _olderUsesEarlyShifter = false;
        _olderBank = -1;
        _blockUntil = _fpAluBlockedUntil = _fpscrReady = 0;
        _blockCause = StallCause.None;
        _lastFlagsIssue = long.MinValue / 2;
        _itLeft = 0;
        Redirect();
        _fetchBlock = uint.MaxValue;
        _fetchShift = 5;
        _fetchAvail = _fetchFirstIssue = 0;
        _fetchRegionBase = 0;
        _fetchRegionSize = 0;
        for (int r = 0; r < Scoreboard.Dummy; r++) Set(r, 0, _flagsKind);
        ((Span<long>)_need).Slice(Scoreboard.Dummy * Scoreboard.Roles).Fill(long.MinValue / 4);
        ((Span<long>)_fpReady).Clear();
        ((Span<long>)_fpAccReady).Clear();
        _ctr.Clear();
        ((Span<ulong>)_stalls).Clear();
        ((Span<ulong>)_byClass).Clear();
        for (int i = 0; i < _regions.Length; i++) _regions[i] = new RegionCounts { Kind = _mem.Kinds[i] };
        _pairs = _predicatedFalse = 0;
        _extraLoadStoreCycles = _extraOtherCycles = 0;
        _owed = null;
        _owedRuns = 0;
        _ipsr = 0;
        _returning = false;
        _mem.Reset();
        _bp.Reset();
        _sb.Reset();
        _recorder = null;
        EndReplay();
        ReplayedInstructions = ReplaysStoppedByArt = LoopIterations = LinkedReplays = 0;
        _loopFrom = _chainedFrom = _pendingWrites = null;
        _loopFromSet = _chainedFromSet = _pendingWritesSet = false;
        _touchedLines = null;
    }

    public void AddCycles(ulong cycles)
    {
        // Exception entry/return or sleep: the pipeline restarts from a new fetch.
        _t += (long)cycles;
        _open = false;
        Redirect();
    }

    public void Retire(Cpu c, ref DecodedInst d, bool executed) => Retire<AnyInstruction>(c, ref d, ref Lookup(c.Pc, ref d), executed);

    /// <summary>Retire with the instruction's facts at hand (compiled blocks keep a copy of theirs: <see cref="Facts"/>).</summary>
    public void RetireKnown(Cpu c, ref DecodedInst d, ref InstTiming e) => Retire<AnyInstruction>(c, ref d, ref e, true);

    /// <summary>Retire for an instruction <see cref="RetiresAsRegisterOnly"/> accepted, with its facts at hand.</summary>
    public void RetireRegisterOnly(Cpu c, ref DecodedInst d, ref InstTiming e) => Retire<RegisterOnlyInstruction>(c, ref d, ref e, true);

    /// <summary><see cref="RetireRegisterOnly"/> for an instruction an IT block covers: <paramref name="executed"/> says whether its condition passed.</summary>
    public void RetireRegisterOnlyIf(Cpu c, ref DecodedInst d, ref InstTiming e, bool executed) => Retire<RegisterOnlyInstruction>(c, ref d, ref e, executed);

    /// <summary>A compiled block's replay skipped an instruction an IT block covers (its timing is that of one that ran: only this count differs).</summary>
    internal void CountPredicatedFalse() => _predicatedFalse++;

    /// <summary>A copy of the static facts of the instruction <paramref name="d"/> at <paramref name="pc"/>: they
    /// depend only on the two, so a compiled block can keep them while its code stays the same.</summary>
    public readonly InstTiming Facts(uint pc, ref DecodedInst d) => Lookup(pc, ref d);

    /// <summary>
    /// Whether the instruction <paramref name="d"/> at <paramref name="pc"/> only reads and writes core
    /// registers and flags in one issue cycle: no memory access, FP, branch, IT, barrier, multi-cycle
    /// issue or blocking unit. <see cref="RetireRegisterOnly"/> then skips the tests for those.
    /// </summary>
    public readonly bool RetiresAsRegisterOnly(uint pc, ref DecodedInst d)
    {
        ref InstTiming e = ref Lookup(pc, ref d);
        const InstTimingFlags other = InstTimingFlags.Fp | InstTimingFlags.DrainStoreBuffer | InstTimingFlags.Load | InstTimingFlags.StoreMultipleEven
            | InstTimingFlags.FpMac | InstTimingFlags.It | InstTimingFlags.Branch | InstTimingFlags.MultipleAccess;
        return (e.Flags & other) == 0 && e.Cycles == 1 && e.BlockCycles == 0
            && (d.Class <= TimingClass.MacLong || d.Class == TimingClass.Nop) && (d.Flags & InstFlags.Fp) == 0;
    }

    private void Retire<TShape>(Cpu c, ref DecodedInst d, ref InstTiming e, bool executed) where TShape : struct, IRetireShape
    {
        uint pc = c.Pc;
        if (_pendingWritesSet) FlushWrites(); // written by every path that leaves a loop's replays; kept here as the guard
        var f = e.Flags;
        Unsafe.Add(ref Unsafe.As<ClassCounts, ulong>(ref _byClass), (int)d.Class)++;
        if (!executed) _predicatedFalse++;

        if (c.Ipsr != _ipsr) ExceptionBoundary(c.Ipsr);
        long slot = _open ? _t : _t + 1;
        long issue = slot;
        var cause = StallCause.None;
        if (_blockUntil > issue) { issue = _blockUntil; cause = _blockCause; }

        // Front end: only when the instruction leaves the current fetch block or follows a taken branch.
        uint last = pc + d.Size - 1u;
        if (!TShape.AccessesDone && ((pc - _fetchLo) | (last - _fetchLo)) >= _fetchSpan) Fetch(pc, last, issue);
        if (_fetchAvail > issue) { issue = _fetchAvail; cause = _fetchCause; }

        bool predicated = _itLeft > 0;
        if (predicated) _itLeft--;

        Units units = e.Units;

        // Operands. Branches are predicted: they do not wait for their flags or registers at issue.
        if ((f & InstTimingFlags.CheckOperands) != 0)
        {
            if ((f & InstTimingFlags.ManySources) == 0)
            {
                issue = Operand(e.Op0, issue, ref cause);
                issue = Operand(e.Op1, issue, ref cause);
                issue = Operand(e.Op2, issue, ref cause);
                issue = Operand(e.Op3, issue, ref cause);
            }
            else (issue, cause) = IntOperandsSlow(ref d, issue, cause);
            if ((f & InstTimingFlags.ReadsFlags) != 0 || predicated) issue = Operand(Scoreboard.Flags * Scoreboard.Roles, issue, ref cause);
        }
        if (!TShape.RegisterOnly && (f & (InstTimingFlags.Fp | InstTimingFlags.DrainStoreBuffer)) != 0) (issue, cause) = FpAndBarrierReady(ref d, f, issue, cause);

        // Load bank (DTCM/D-cache word bank = address bit 2) for the two-loads rule.
        int bank = -1;
        if (!TShape.RegisterOnly && (f & InstTimingFlags.Load) != 0 && executed && _bus.AccessCount > 0) bank = (int)(_bus.Accesses[0].Address >> 2) & 1;

        // Pairing with the older instruction of cycle _t. bankCheck keeps the outcome of the two-loads
        // test for a recorded trace (0: not made, 1: same bank, 2: different banks).
        int bankCheck = 0;
        if (_open && issue == _t)
        {
            if (e.Issue != IssueRule.Any || (_olderConflicts & units) != 0) { issue++; cause = StallCause.Structural; }
            else if ((units & _olderUnits & Units.Load) != 0)
            {
                bankCheck = 2;
                if (bank >= 0 && bank == _olderBank) { issue++; cause = StallCause.BankConflict; bankCheck = 1; }
            }
        }
        if (issue > slot) Unsafe.Add(ref Unsafe.As<CauseCounts, ulong>(ref _stalls), (int)cause) += (ulong)(issue - slot);

        bool younger = _open && issue == _t;
        bool earlyAlu = false;
        if ((f & InstTimingFlags.EarlyAlu) != 0 && (!younger || ((f & InstTimingFlags.EarlyAluEither) != 0 && !_olderUsesEarlyShifter)))
            earlyAlu = (f & InstTimingFlags.ManySources) == 0 ? SlotsReadyEarly(ref e, issue) : SourcesReadyEarly(d.SrcMask, issue);
        if (younger)
        {
            _pairs++;
            _open = false;
        }
        else
        {
            _t = issue;
            _open = e.Issue != IssueRule.Single;
            _olderUnits = units;
            _olderConflicts = e.Conflicts;
            _olderUsesEarlyShifter = earlyAlu || (units & Units.Shift1) != 0;
            _olderBank = bank;
        }

        // Issue cycles beyond the first (LDM/STM pairs of registers, TBB).
        int cycles = e.Cycles;
        int storeMultipleOdd8 = 0; // for a recorded trace: 1 aligned, 2 not 8-aligned
        if (!TShape.RegisterOnly && (f & InstTimingFlags.StoreMultipleEven) != 0 && executed && _bus.AccessCount > 0)
        {
            storeMultipleOdd8 = 1;
            if ((_bus.Accesses[0].Address & 7) != 0) { cycles += _model.StoreMultipleUnaligned8; storeMultipleOdd8 = 2; }
        }
        if (!TShape.RegisterOnly && cycles > 1)
        {
            _t = issue + cycles - 1;
            _open = false;
            // Cycles beyond the first: DWT_LSUCNT counts them for loads and stores, DWT_CPICNT for the rest.
            if ((units & (Units.Load | Units.Store)) != 0) _extraLoadStoreCycles += (ulong)(cycles - 1);
            else _extraOtherCycles += (ulong)(cycles - 1);
        }
        if (!TShape.RegisterOnly && e.BlockCycles > 0) { _blockUntil = issue + e.BlockCycles; _blockCause = e.BlockCause; }
        if (!TShape.RegisterOnly && (f & InstTimingFlags.FpMac) != 0) _fpAluBlockedUntil = issue + 1 + _model.FpMacBlocksFpAlu;

        // Memory: stalls of this instruction's accesses, then results.
        long memStall = 0;
        var memCause = StallCause.None;
        if (!TShape.RegisterOnly && executed && _bus.AccessCount > 0)
        {
            if (TShape.AccessesDone) { memStall = _replayStall; memCause = _replayStallCause; }
            else memStall = Accesses((f & InstTimingFlags.MultipleAccess) != 0, issue, younger, out memCause);
            if (memStall > 0) AccessStall(issue, memStall, memCause);
        }
        long t0 = issue + memStall;
        WriteResults(ref e, issue, t0, earlyAlu);
        if (!TShape.RegisterOnly && (f & InstTimingFlags.Fp) != 0) WriteFpResults(ref d, ClassTimingOf(ref d).Latency, d.Class, issue, t0);

        if (!TShape.RegisterOnly && (f & InstTimingFlags.It) != 0) _itLeft = e.ItLeft;

        if (!TShape.RegisterOnly && (f & InstTimingFlags.Branch) != 0 && c.Fault == FaultKind.None)
        {
            if (c.ExceptionReturnRequested) _returning = true;
            else ResolveBranch(c, ref d, d.Class, issue, executed, predicated);
        }

        if (_recorder is not null) RecordStep(ref e, slot, issue, cause, younger, bankCheck, storeMultipleOdd8, memStall, memCause, cycles);
    }

    /// <summary>FP operands, and DSB/DMB waiting for the store buffer to drain (by value: a ref would keep Retire's cause on the stack).</summary>
    private (long Issue, StallCause Cause) FpAndBarrierReady(ref DecodedInst d, InstTimingFlags f, long issue, StallCause cause)
    {
        if ((f & InstTimingFlags.Fp) != 0) issue = FpOperandsReady(ref d, d.Class, issue, ref cause);
        if ((f & InstTimingFlags.DrainStoreBuffer) != 0 && _sb.DrainedAt > issue) { issue = _sb.DrainedAt; cause = StallCause.StoreBuffer; }
        return (issue, cause);
    }

    /// <summary>
    /// IPSR changed since the previous instruction: the run loop took an exception (interrupt, fault, SVC)
    /// or returned from one. The pipeline refills from the new PC after stacking or unstacking.
    /// </summary>
    private void ExceptionBoundary(uint ipsr)
    {
        int cycles = _returning ? _model.ExceptionReturn : _model.ExceptionEntry;
        _ipsr = ipsr;
        _returning = false;
        _ctr.Exceptions++;
        _t += cycles;
        _open = false;
        Redirect();
        _stalls[(int)StallCause.Exception] += (ulong)cycles;
    }

    /// <summary>Thumb-2 modified immediate (A5.3.2) with a rotation: a "shifted constant" operand2 (timing facts 3.1 matrix, 3.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsShiftedConstant(uint raw, int size) =>
        size == 4 && (raw & 0xFA00_8000) == 0xF000_0000 && ((((raw >> 26) & 1) << 3) | ((raw >> 12) & 7)) >= 4;

    /// <summary>The issue cycle allowed by one operand (scoreboard index register * Roles + role), and its cause if it is the binding one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly long Operand(int op, long issue, ref StallCause cause)
    {
        long need = Unsafe.Add(ref Unsafe.As<RegNeeds, long>(ref Unsafe.AsRef(in _need)), op);
        if (need > issue)
        {
            issue = need;
            cause = Unsafe.Add(ref Unsafe.As<RegCauses, StallCause>(ref Unsafe.AsRef(in _needCause)), op);
        }
        return issue;
    }

    /// <summary>Whether every source in the cached slots could be read by the early ALU at <paramref name="issue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool SlotsReadyEarly(ref InstTiming e, long issue) =>
        Math.Max(Math.Max(EarlyNeed(e.Op0), EarlyNeed(e.Op1)), Math.Max(EarlyNeed(e.Op2), EarlyNeed(e.Op3))) <= issue;

    /// <summary>When the register of operand <paramref name="op"/> can be read early, whatever the operand's own role.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly long EarlyNeed(int op) =>
        Unsafe.Add(ref Unsafe.As<RegNeeds, long>(ref Unsafe.AsRef(in _need)), (op & ~(Scoreboard.Roles - 1)) + (int)OperandRole.Early);

    private readonly bool SourcesReadyEarly(ushort src, long issue)
    {
        uint m = src & 0x7FFFu;
        while (m != 0)
        {
            int r = BitOperations.TrailingZeroCount(m);
            m &= m - 1;
            if (_need[r * Scoreboard.Roles + (int)OperandRole.Early] > issue) return false;
        }
        return true;
    }

    /// <summary>Operands of an instruction with more source registers than the cached slots (LDM/STM lists).</summary>
    private readonly (long Issue, StallCause Cause) IntOperandsSlow(ref DecodedInst d, long issue, StallCause cause)
    {
        ref ClassTiming p = ref ClassTimingOf(ref d);
        uint src = d.SrcMask & 0x7FFFu; // PC reads are always ready
        while (src != 0)
        {
            int r = BitOperations.TrailingZeroCount(src);
            src &= src - 1;
            issue = Operand(r * Scoreboard.Roles + (int)RoleOf(ref d, ref p, d.Class, r), issue, ref cause);
        }
        return (issue, cause);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bit(int r) => r < 15 ? 1u << r : 0;

    /// <summary>Registers an LDM/STM/VLDM/VSTM transfers (words).</summary>
    private readonly int TransferCount(ref DecodedInst d, TimingClass cls)
    {
        switch (cls)
        {
            case TimingClass.LoadMultiple:
            {
                uint dst = d.DstMask;
                int n = BitOperations.PopCount(dst);
                int rn = BaseRegister(ref d);
                if ((dst & (1u << rn)) != 0 && (d.Imm & 0xFFFF & (1u << rn)) == 0) n--; // base write-back is not a transfer
                return n;
            }
            case TimingClass.StoreMultiple:
                return BitOperations.PopCount((uint)(d.SrcMask & ~d.EarlyMask)) is var s && s > 0 ? s : BitOperations.PopCount(d.Imm & 0xFFFF);
            default:
                return FpOperands.MultipleWords(d.Raw);
        }
    }

    /// <summary>Base register of a load/store; the 16-bit PUSH/POP encodings imply SP.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BaseRegister(ref DecodedInst d) =>
        d.Size == 2 && ((d.Raw & 0xFE00) == 0xBC00 || (d.Raw & 0xFE00) == 0xB400) ? 13 : d.Rn;

    private void WriteResults(ref InstTiming e, long issue, long t0, bool earlyAlu)
    {
        // Pre/post-index base update: bypassable out of EX1 (timing facts 1.4 M7BaseUpdate 0, 3.1 AGU results).
        if (e.WriteBack != InstTiming.NoWriteBack) Set(e.WriteBack, issue, _earlyForwardKind);
        long n = earlyAlu ? t0 : t0 + e.ResultLatency;
        byte kind = earlyAlu ? _earlyForwardKind : e.ResultKind;
        if ((e.Flags & InstTimingFlags.ManyDests) == 0) Set(e.Dst0, n, kind);
        else WriteManyResults(ref e, t0, n, kind);
        if ((e.Flags & InstTimingFlags.WritesFlags) != 0)
        {
            Set(Scoreboard.Flags, issue + e.FlagsLatency, e.FlagsKind);
            _lastFlagsIssue = issue;
            _recorder?.FlagsIssued(issue);
        }
    }

    private void WriteManyResults(ref InstTiming e, long t0, long n, byte kind)
    {
        uint dst = e.Dst;
        if (e.Class == TimingClass.LoadMultiple)
        {
            // Two registers per cycle, in ascending register order.
            int k = 0;
            while (dst != 0)
            {
                int r = BitOperations.TrailingZeroCount(dst);
                dst &= dst - 1;
                long tk = t0 + (k++ >> 1);
                Set(r, tk + e.ResultLatency, e.ResultKind);
            }
            return;
        }
        while (dst != 0)
        {
            int r = BitOperations.TrailingZeroCount(dst);
            dst &= dst - 1;
            Set(r, n, kind);
        }
    }

    /// <summary>Register <paramref name="r"/> gets a result readable normally from cycle <paramref name="normal"/>, produced by kind <paramref name="kind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Set(int r, long normal, byte kind)
    {
        _recorder?.Written(r, normal, kind);
        ref long need = ref Unsafe.Add(ref Unsafe.As<RegNeeds, long>(ref _need), r * Scoreboard.Roles);
        ref long delta = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_kindDelta), kind * Scoreboard.Roles);
        if (Vector256.IsHardwareAccelerated)
        {
            var n = Vector256.Create(normal);
            (Vector256.LoadUnsafe(ref delta) + n).StoreUnsafe(ref need);
            (Vector256.LoadUnsafe(ref delta, 4) + n).StoreUnsafe(ref need, 4);
        }
        else
        {
            for (int i = 0; i < Scoreboard.Roles; i++) Unsafe.Add(ref need, i) = normal + Unsafe.Add(ref delta, i);
        }
        Unsafe.WriteUnaligned(ref Unsafe.As<StallCause, byte>(ref Unsafe.Add(ref Unsafe.As<RegCauses, StallCause>(ref _needCause), r * Scoreboard.Roles)),
            Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<StallCause, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_kindCause), kind * Scoreboard.Roles))));
    }
}

/// <summary>What <see cref="CortexM7Timing"/>'s Retire may assume about an instruction; the JIT compiles one
/// Retire per shape with the tests the shape rules out removed.</summary>
internal interface IRetireShape
{
    /// <summary>See <see cref="CortexM7Timing.RetiresAsRegisterOnly"/>.</summary>
    static abstract bool RegisterOnly { get; }

    /// <summary>A replayed block already fetched the instruction and performed its data accesses (CortexM7Timing.Replay.cs).</summary>
    static abstract bool AccessesDone { get; }
}

/// <summary>Any instruction (the run loop's Retire).</summary>
internal struct AnyInstruction : IRetireShape
{
    public static bool RegisterOnly => false;
    public static bool AccessesDone => false;
}

/// <summary>An instruction <see cref="CortexM7Timing.RetiresAsRegisterOnly"/> accepted.</summary>
internal struct RegisterOnlyInstruction : IRetireShape
{
    public static bool RegisterOnly => true;
    public static bool AccessesDone => false;
}

/// <summary>An instruction whose fetch and data accesses a replayed block performed before leaving the replay.</summary>
internal struct AccessesPerformed : IRetireShape
{
    public static bool RegisterOnly => false;
    public static bool AccessesDone => true;
}
