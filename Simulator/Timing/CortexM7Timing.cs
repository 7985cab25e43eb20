using System.Numerics;
using System.Runtime.CompilerServices;
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
internal partial struct CortexM7Timing : ITimingModel
{
    private const int FlagsIndex = 16;

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
    private ulong _instructions, _pairs, _predicatedFalse;
    private uint _ipsr;        // exception number the previous instruction ran in
    private bool _returning;   // the previous instruction started an exception return

    // Front end
    private uint _fetchBlock;
    private int _fetchShift;
    private long _fetchAvail, _fetchFirstIssue;
    private StallCause _fetchCause;
    private uint _fetchRegionBase, _fetchRegionSize;
    private MemKind _fetchKind;
    private int _fetchRegion;

    // Scoreboard: cycle from which a consumer reading normally may issue, and the producer's kind, which
    // says how much later early readers, address generation and multiplicands may use it.
    private RegTimes _ready;
    private RegKinds _kind;
    private readonly sbyte[] _kindDeltas;
    private readonly StallCause[] _kindCauses;
    private readonly byte _earlyForwardKind, _flagsKind, _fpFlagsKind, _fpMoveKind;
    private FpTimes _fpReady, _fpAccReady;

    public CortexM7Timing(CoreModel model, BoardMemoryTiming board, Bus bus, Func<uint> ccr, IReadOnlyList<Row> rows)
    {
        _model = model;
        _classes = model.Classes;
        _rows = model.ForRows(rows, out _rowClass, out _rowOverridden);
        _shift1Conflicts = model.Classes[(int)TimingClass.AluShiftedOp].Conflicts;
        _kindDeltas = model.KindDeltas;
        _kindCauses = model.KindCauses;
        _earlyForwardKind = model.EarlyForwardKind;
        _flagsKind = model.KindOf(0, 0, 0, StallCause.Dependency);
        _fpFlagsKind = model.KindOf(0, 0, 0, StallCause.FpDependency);
        _fpMoveKind = model.KindOf(1, 1, 0, StallCause.FpDependency);
        _bus = bus;
        _ctr = new TimingCounters(bus.Regions.Count);
        _mem = new MemoryTiming(bus, board, ccr, _ctr);
        _bp = new BranchPredictor(model.BtacEntries, model.CounterBits, model.StaticBackwardTaken);
        _sb = new StoreBuffer(model.StoreBufferEntries);
        Reset();
    }

    /// <summary>The counters, with the ones kept in the struct for speed copied in.</summary>
    public readonly TimingCounters Counters
    {
        get
        {
            _ctr.Instructions = _instructions;
            _ctr.DualIssuedPairs = _pairs;
            _ctr.PredicatedFalse = _predicatedFalse;
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
        _redirect = true;
        _fetchBlock = uint.MaxValue;
        _fetchShift = 5;
        _fetchAvail = _fetchFirstIssue = 0;
        _fetchRegionBase = 0;
        _fetchRegionSize = 0;
        ((Span<long>)_ready).Clear();
        ((Span<byte>)_kind).Fill(_flagsKind);
        ((Span<long>)_fpReady).Clear();
        ((Span<long>)_fpAccReady).Clear();
        _ctr.Clear();
        _instructions = _pairs = _predicatedFalse = 0;
        _ipsr = 0;
        _returning = false;
        _mem.Reset();
        _bp.Reset();
        _sb.Reset();
    }

    public void AddCycles(ulong cycles)
    {
        // Exception entry/return or sleep: the pipeline restarts from a new fetch.
        _t += (long)cycles;
        _open = false;
        _redirect = true;
    }

    public void Retire(Cpu c, ref DecodedInst d, bool executed)
    {
        var cls = d.Class;
        ref ClassTiming p = ref _classes[(int)cls];
        int id = d.Id;
        if ((uint)id < (uint)_rowOverridden.Length && _rowOverridden[id] && _rowClass[id] == cls) p = ref _rows[id];
        var ctr = _ctr;
        _instructions++;
        ctr.ByClass[(int)cls]++;
        if (!executed) _predicatedFalse++;

        if (c.Ipsr != _ipsr) ExceptionBoundary(c.Ipsr);
        uint pc = c.Pc;
        long slot = _open ? _t : _t + 1;
        long issue = slot;
        var cause = StallCause.None;
        if (_blockUntil > issue) { issue = _blockUntil; cause = _blockCause; }

        // Front end: only when the instruction leaves the current fetch block or follows a taken branch.
        uint last = pc + d.Size - 1u;
        if ((pc >> _fetchShift) != _fetchBlock || (last >> _fetchShift) != _fetchBlock || _redirect) Fetch(pc, last, issue);
        if (_fetchAvail > issue) { issue = _fetchAvail; cause = _fetchCause; }

        bool predicated = _itLeft > 0;
        if (predicated) _itLeft--;

        Units units = p.Units;
        Units conflicts = p.Conflicts;
        if (cls == TimingClass.Alu && IsShiftedConstant(d.Raw, d.Size)) { units |= Units.Shift1; conflicts |= _shift1Conflicts; }

        // Operands. Branches are predicted: they do not wait for their flags or registers at issue.
        if (cls != TimingClass.Branch) issue = IntOperands(ref d, ref p, cls, issue, predicated, ref cause);
        if (cls >= TimingClass.FpAlu && cls <= TimingClass.FpSystem) issue = FpOperandsReady(ref d, cls, issue, ref cause);
        if (p.DrainStoreBuffer && _sb.DrainedAt > issue) { issue = _sb.DrainedAt; cause = StallCause.StoreBuffer; }

        // Load bank (DTCM/D-cache word bank = address bit 2) for the two-loads rule.
        int bank = -1;
        if ((units & Units.Load) != 0 && executed && _bus.AccessCount > 0) bank = (int)(_bus.Accesses[0].Address >> 2) & 1;

        // Pairing with the older instruction of cycle _t.
        if (_open && issue == _t)
        {
            if (p.Issue != IssueRule.Any || (_olderConflicts & units) != 0) { issue++; cause = StallCause.Structural; }
            else if ((units & _olderUnits & Units.Load) != 0 && bank >= 0 && bank == _olderBank) { issue++; cause = StallCause.BankConflict; }
        }
        if (issue > slot) ctr.StallCycles[(int)cause] += (ulong)(issue - slot);

        bool younger = _open && issue == _t;
        bool earlyAlu = false;
        if (p.EarlyAlu != EarlyAluMode.None && _model.EarlyAluForwarding && (units & Units.Shift1) == 0)
        {
            if (!younger) earlyAlu = SourcesReadyEarly(d.SrcMask, issue);
            else if (p.EarlyAlu == EarlyAluMode.Either && !_olderUsesEarlyShifter) earlyAlu = SourcesReadyEarly(d.SrcMask, issue);
        }
        if (younger)
        {
            _pairs++;
            _open = false;
        }
        else
        {
            _t = issue;
            _open = p.Issue != IssueRule.Single;
            _olderUnits = units;
            _olderConflicts = conflicts;
            _olderUsesEarlyShifter = earlyAlu || (units & Units.Shift1) != 0;
            _olderBank = bank;
        }

        // Issue cycles beyond the first (LDM/STM pairs of registers, TBB).
        int regs = 0;
        int cycles = p.Cycles;
        if (p.CycleRule == CycleRule.RegisterPairs)
        {
            regs = TransferCount(ref d, cls);
            cycles = Math.Max(1, (regs + 1) >> 1);
            if (cls == TimingClass.StoreMultiple && (regs & 1) == 0 && executed && _bus.AccessCount > 0 && (_bus.Accesses[0].Address & 7) != 0)
                cycles += _model.StoreMultipleUnaligned8;
        }
        if (cycles > 1)
        {
            _t = issue + cycles - 1;
            _open = false;
        }
        if (p.BlockCycles > 0) { _blockUntil = issue + p.BlockCycles; _blockCause = p.Stall; }
        if (p.FpMac) _fpAluBlockedUntil = issue + 1 + _model.FpMacBlocksFpAlu;

        // Memory: stalls of this instruction's accesses, then results.
        long memStall = executed && _bus.AccessCount > 0 ? Accesses(cls, issue, younger) : 0;
        long t0 = issue + memStall;
        WriteResults(ref d, ref p, cls, issue, t0, earlyAlu);
        if (cls >= TimingClass.FpAlu && cls <= TimingClass.FpSystem) WriteFpResults(ref d, ref p, cls, issue, t0);

        if (cls == TimingClass.It) _itLeft = 4 - BitOperations.TrailingZeroCount(d.Raw & 0xF | 0x10);

        if ((cls == TimingClass.Branch || cls == TimingClass.TableBranch || (d.Flags & InstFlags.WritesPc) != 0) && c.Fault == FaultKind.None)
        {
            if (c.ExceptionReturnRequested) _returning = true;
            else ResolveBranch(c, ref d, cls, issue, executed, predicated);
        }
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
        _redirect = true;
        _ctr.StallCycles[(int)StallCause.Exception] += (ulong)cycles;
    }

    /// <summary>Thumb-2 modified immediate (A5.3.2) with a rotation: a "shifted constant" operand2 (timing facts 3.1 matrix, 3.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsShiftedConstant(uint raw, int size) =>
        size == 4 && (raw & 0xFA00_8000) == 0xF000_0000 && ((((raw >> 26) & 1) << 3) | ((raw >> 12) & 7)) >= 4;

    private readonly bool SourcesReadyEarly(ushort src, long issue)
    {
        uint m = src & 0x7FFFu;
        while (m != 0)
        {
            int r = BitOperations.TrailingZeroCount(m);
            m &= m - 1;
            if (_ready[r] + _kindDeltas[_kind[r] * 4] > issue) return false;
        }
        return true;
    }

    private long IntOperands(ref DecodedInst d, ref ClassTiming p, TimingClass cls, long issue, bool predicated, ref StallCause cause)
    {
        uint src = d.SrcMask & 0x7FFFu; // PC reads are always ready
        if (src != 0)
        {
            uint early = d.EarlyMask;
            uint acc = 0;
            if (p.Accumulator) acc = (cls == TimingClass.MacLong ? Bit(d.Rd) | Bit(d.Ra) : Bit(d.Ra)) & src & ~early;
            uint storeData = (p.Units & Units.Store) != 0 ? src & ~early : 0;
            bool memory = (p.Units & (Units.Load | Units.Store)) != 0;
            bool mul = (p.Units & Units.Mac) != 0;
            while (src != 0)
            {
                int r = BitOperations.TrailingZeroCount(src);
                uint bit = 1u << r;
                src &= src - 1;
                long ready = _ready[r];
                int k = _kind[r];
                long need;
                var why = _kindCauses[k];
                if ((early & bit) != 0)
                {
                    need = ready + _kindDeltas[k * 4 + (memory ? 1 : 0)];
                    if (need > Math.Max(issue, ready)) why = StallCause.EarlyOperand; // the early read itself costs cycles
                }
                else if ((acc & bit) != 0) need = ready - _model.MacAccumulatorLate;
                else if ((storeData & bit) != 0) need = ready - _model.StoreDataLate;
                else if (mul) need = ready + _kindDeltas[k * 4 + 2];
                else need = ready;
                if (need > issue) { issue = need; cause = why; }
            }
        }
        if (((d.Flags & InstFlags.ReadsFlags) != 0 || predicated) && _ready[FlagsIndex] > issue)
        {
            issue = _ready[FlagsIndex];
            cause = _kindCauses[_kind[FlagsIndex]];
        }
        return issue;
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

    private void WriteResults(ref DecodedInst d, ref ClassTiming p, TimingClass cls, long issue, long t0, bool earlyAlu)
    {
        uint dst = d.DstMask & 0x7FFFu;
        if (dst != 0)
        {
            bool memory = (p.Units & (Units.Load | Units.Store)) != 0;
            uint writeBack = 0;
            if (memory)
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
                if (!baseIsData) writeBack = dst & Bit(rn);
            }
            if (writeBack != 0)
            {
                // Pre/post-index base update: bypassable out of EX1 (timing facts 1.4 M7BaseUpdate 0, 3.1 AGU results).
                int rn = BitOperations.TrailingZeroCount(writeBack);
                Set(rn, issue, _earlyForwardKind);
                dst &= ~writeBack;
            }
            if (cls == TimingClass.LoadMultiple)
            {
                // Two registers per cycle, in ascending register order.
                int k = 0;
                while (dst != 0)
                {
                    int r = BitOperations.TrailingZeroCount(dst);
                    dst &= dst - 1;
                    long tk = t0 + (k++ >> 1);
                    Set(r, tk + p.Latency, p.Kind);
                }
            }
            else
            {
                long n;
                byte kind;
                if (earlyAlu) { n = t0; kind = _earlyForwardKind; }
                else if (cls == TimingClass.FpMove) { n = t0 + _model.FpMoveToCore; kind = _fpMoveKind; }
                else { n = t0 + p.Latency; kind = p.Kind; }
                while (dst != 0)
                {
                    int r = BitOperations.TrailingZeroCount(dst);
                    dst &= dst - 1;
                    Set(r, n, kind);
                }
            }
        }
        if ((d.Flags & InstFlags.WritesFlags) != 0)
        {
            _ready[FlagsIndex] = issue + Math.Max(p.Latency, _model.FlagsLatency);
            _kind[FlagsIndex] = _flagsKind;
            _lastFlagsIssue = issue;
        }
        else if (cls == TimingClass.FpSystem && (d.Raw & 0xF000) == 0xF000 && (d.Raw & 0x0010_0000) != 0)
        {
            // VMRS APSR_nzcv, FPSCR (Rt = 15) copies the FP flags.
            _ready[FlagsIndex] = issue + _model.FlagsLatency;
            _kind[FlagsIndex] = _fpFlagsKind;
            _lastFlagsIssue = issue;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Set(int r, long normal, byte kind)
    {
        _ready[r] = normal;
        _kind[r] = kind;
    }
}
