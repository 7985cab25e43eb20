using System.Runtime.CompilerServices;
using System.Text;
using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Loading;
using M7Sim.Simulation;

namespace M7Sim.Profiling;

/// <summary>A span of simulated time on one call-stack level, for trace output.</summary>
public readonly record struct TraceSpan(string Name, string Category, int Depth, ulong StartCycle, ulong EndCycle);

/// <summary>
/// Shadow call stack driven by the retired instruction stream: BL/BLX push a frame, a branch to a
/// live frame's return address pops to it, a branch to another function's first instruction is a
/// tail call, exception entry/return push/pop an exception frame. Costs are snapshots of
/// <see cref="CostLayout"/> quantities taken only at stack changes, so per-instruction work is a
/// few compares and attribution is exact: exclusive costs of all functions sum to the run total.
/// </summary>
internal sealed class Profiler
{
    private const uint NoReturn = 0xFFFF_FFFF;
    private const int MaxSpans = 200_000;
    private const int MaxSpanDepth = 6;

    private struct Frame
    {
        public int Function;
        public uint ReturnAddress;
        public double[] Start;     // snapshot at entry
        public double[] Children;  // inclusive costs of callees (to derive exclusive)
        public bool Exception;
        public int Operator;       // operator instance this frame started, or -1
        public ulong StartCycle;
    }

    private readonly Machine _m;
    private readonly OperatorCatalog _catalog;
    private readonly SymbolTable _symbols;
    private readonly byte[] _macs = MacTable.ById;
    private readonly List<Frame> _frames = new();
    private readonly List<FunctionStats> _functions = new();
    private readonly Dictionary<uint, int> _functionByAddress = new();
    private readonly int[] _onStack;
    private readonly Dictionary<string, double> _folded = new(StringComparer.Ordinal);
    private readonly List<TraceSpan> _spans = new();
    private readonly double[] _regionBytes; // [2*region] read, [2*region+1] written

    private ulong _instructions;
    private ulong _macCount;
    private uint _ipsr;
    private double[] _segmentStart;
    private readonly double[] _initial;
    private int _activeOperator = -1;
    private int _activeOperatorDepth = -1;
    private bool _activeIsWrapperOnly;
    private bool _spansTruncated;

    public Profiler(Machine m, OperatorCatalog catalog)
    {
        _m = m;
        _catalog = catalog;
        _symbols = m.Symbols;
        var regions = m.Bus.Regions.Select(r => r.Name).ToArray();
        Layout = new CostLayout(regions, m.ModelCounterNames);
        _regionBytes = new double[2 * regions.Length];
        _onStack = new int[_symbols.Functions.Count + 1];
        Heap = new HeapTracker(_symbols);
        InitialSp = m.Cpu.R[13];
        MinSp = InitialSp;
        _segmentStart = Snapshot();
        _initial = _segmentStart;
        _ipsr = m.Cpu.Ipsr;
        Push(FunctionIndex(m.Cpu.Pc), NoReturn, exception: false);
    }

    public CostLayout Layout { get; }
    public HeapTracker Heap { get; }
    public List<OperatorInstance> Operators { get; } = new();
    public IReadOnlyList<FunctionStats> Functions => _functions;
    public IReadOnlyDictionary<string, double> FoldedCycles => _folded;
    public IReadOnlyList<TraceSpan> Spans => _spans;
    public bool SpansTruncated => _spansTruncated;
    public uint InitialSp { get; }
    public uint MinSp { get; private set; }
    public double[] Total { get; private set; } = [];

    /// <summary>Per retired instruction: accounting first, then control-flow bookkeeping.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Retire(Cpu c, ref DecodedInst d, uint pc, bool executed)
    {
        _instructions++;
        if (c.Ipsr != _ipsr) ModeChanged(c);
        var bus = c.Bus;
        for (int i = 0; i < bus.AccessCount; i++)
        {
            ref var a = ref bus.Accesses[i];
            if (a.Region == 0xFF) continue;
            _regionBytes[2 * a.Region + (a.IsWrite ? 1 : 0)] += a.Size;
            if (a.IsWrite && Heap.Enabled) Heap.Write(a.Address, a.Size, c.R[13]);
        }
        if (!executed) return;
        _macCount += _macs[d.Id];
        uint sp = c.R[13];
        if (sp < MinSp && sp > InitialSp - (1u << 20)) MinSp = sp;
        if (c.NextPc != pc + d.Size) Branched(c, ref d, pc);
        if (c.Fault == FaultKind.Semihosting) Marker(c);
    }

    private double[] Snapshot()
    {
        var s = new double[Layout.Length];
        s[CostLayout.Cycles] = _m.Cycles;
        s[CostLayout.Instructions] = _instructions;
        s[CostLayout.Macs] = _macCount;
        Array.Copy(_regionBytes, 0, s, CostLayout.FirstRegion, _regionBytes.Length);
        _m.ReadModelCounters(s.AsSpan(Layout.FirstExtra), out s[CostLayout.EnergyNj]);
        return s;
    }

    private int FunctionIndex(uint address)
    {
        var f = _symbols.FunctionAt(address);
        uint key = f?.Address ?? 0xFFFF_FFFF;
        if (_functionByAddress.TryGetValue(key, out int idx)) return idx;
        idx = _functions.Count;
        _functions.Add(new FunctionStats(f?.Name ?? "[unknown]", key, Layout.Length));
        _functionByAddress[key] = idx;
        return idx;
    }

    private void Branched(Cpu c, ref DecodedInst d, uint pc)
    {
        uint target = c.NextPc & ~1u;
        // A return: the target is a live frame's return address (innermost first).
        for (int i = _frames.Count - 1; i >= 1 && i >= _frames.Count - 64; i--)
        {
            if (_frames[i].ReturnAddress == target && !_frames[i].Exception)
            {
                while (_frames.Count > i) Pop();
                return;
            }
        }
        bool links = (d.DstMask & (1 << 14)) != 0 && d.Class == Timing.TimingClass.Branch;
        if (links)
        {
            Push(FunctionIndex(target), pc + d.Size, exception: false);
            return;
        }
        // A tail call: a plain branch to the first instruction of another function.
        var f = _symbols.FunctionAt(target);
        if (f is not null && f.Address == target && _frames.Count > 1)
        {
            int fi = FunctionIndex(target);
            var top = _frames[^1];
            if (fi != top.Function && !top.Exception)
            {
                // The operator a wrapper started continues in the function it tail-calls.
                int op = top.Operator;
                if (op >= 0) { top.Operator = -1; _frames[^1] = top; }
                Pop();
                Push(fi, top.ReturnAddress, exception: false, inheritedOperator: op);
            }
        }
    }

    /// <summary>
    /// IPSR changed: a new exception number is an entry (pushed as an exception frame); a number
    /// already on the stack, or Thread mode, is a return to it (pop through the inner frames).
    /// A tail-chained handler therefore appears nested in the one it chained from.
    /// </summary>
    private void ModeChanged(Cpu c)
    {
        _ipsr = c.Ipsr;
        for (int i = _frames.Count - 1; i >= 1; i--)
        {
            if (!_frames[i].Exception) continue;
            if (_frames[i].ReturnAddress == c.Ipsr)
            {
                while (_frames.Count > i + 1) Pop();
                return;
            }
        }
        if (c.Ipsr == 0)
        {
            for (int i = _frames.Count - 1; i >= 1; i--)
            {
                if (!_frames[i].Exception) continue;
                while (_frames.Count > i) Pop();
                i = _frames.Count;
            }
            return;
        }
        // Exception frames keep their exception number where calls keep the return address.
        Push(FunctionIndex(c.Pc), c.Ipsr, exception: true);
    }

    private void Push(int function, uint returnAddress, bool exception, int inheritedOperator = -1)
    {
        var now = Snapshot();
        CloseSegment(now);
        var frame = new Frame
        {
            Function = function,
            ReturnAddress = returnAddress,
            Start = now,
            Children = new double[Layout.Length],
            Exception = exception,
            Operator = -1,
            StartCycle = _m.Cycles,
        };
        _functions[function].Calls++;
        _onStack[Math.Min(function, _onStack.Length - 1)]++;
        if (inheritedOperator >= 0) frame.Operator = inheritedOperator;
        _frames.Add(frame);
        MaybeStartOperator(function);
    }

    private void Pop()
    {
        var now = Snapshot();
        CloseSegment(now);
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        var stats = _functions[frame.Function];
        int slot = Math.Min(frame.Function, _onStack.Length - 1);
        _onStack[slot]--;
        var inclusive = new double[Layout.Length];
        CostMath.Add(inclusive, now, frame.Start);
        if (_onStack[slot] == 0) Add(stats.Inclusive, inclusive, 1);
        var exclusive = (double[])inclusive.Clone();
        Add(exclusive, frame.Children, -1);
        Add(stats.Exclusive, exclusive, 1);
        if (_frames.Count > 0) Add(_frames[^1].Children, inclusive, 1);
        if (_frames.Count < MaxSpanDepth) AddSpan(stats.Name, "function", _frames.Count, frame.StartCycle, _m.Cycles);
        if (frame.Operator >= 0) EndOperator(frame.Operator, now);
    }

    private static void Add(double[] into, double[] v, double sign)
    {
        for (int i = 0; i < into.Length; i++) into[i] += sign * v[i];
    }

    /// <summary>Adds the cycles since the last stack change to the folded stack of the current top.</summary>
    private void CloseSegment(double[] now)
    {
        double cycles = now[CostLayout.Cycles] - _segmentStart[CostLayout.Cycles];
        _segmentStart = now;
        if (cycles <= 0 || _frames.Count == 0) return;
        var sb = new StringBuilder();
        foreach (var f in _frames)
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(_functions[f.Function].Name);
        }
        string key = sb.ToString();
        _folded[key] = _folded.GetValueOrDefault(key) + cycles;
    }

    private void AddSpan(string name, string category, int depth, ulong start, ulong end)
    {
        if (_spans.Count >= MaxSpans) { _spansTruncated = true; return; }
        _spans.Add(new TraceSpan(name, category, depth, start, end));
    }

    private void MaybeStartOperator(int function)
    {
        var spec = _catalog.Find(_functions[function].Name);
        if (spec is null) return;
        if (_activeOperator >= 0)
        {
            // Inside a wrapper: the first real kernel it calls names the operator and its shapes.
            if (_activeIsWrapperOnly && !spec.Wrapper)
            {
                var op = Operators[_activeOperator];
                op.Wrapper = op.Function;
                op.Function = spec.Function;
                op.Type = spec.Type;
                op.Tensors.Clear();
                OperatorArguments.Read(_m.Cpu, _m.Bus, spec, op);
                _activeIsWrapperOnly = false;
            }
            return;
        }
        var inst = new OperatorInstance { Index = Operators.Count + 1, Type = spec.Type, Function = spec.Function, StartCycle = _m.Cycles };
        OperatorArguments.Read(_m.Cpu, _m.Bus, spec, inst);
        inst.Costs = Snapshot();
        Operators.Add(inst);
        _activeOperator = Operators.Count - 1;
        _activeOperatorDepth = _frames.Count - 1;
        _activeIsWrapperOnly = spec.Wrapper;
        var frame = _frames[^1];
        frame.Operator = _activeOperator;
        _frames[^1] = frame;
    }

    private void EndOperator(int index, double[] now)
    {
        var op = Operators[index];
        var start = op.Costs;
        var costs = new double[Layout.Length];
        CostMath.Add(costs, now, start);
        op.Costs = costs;
        op.EndCycle = _m.Cycles;
        AddSpan($"{op.Index}: {op.Type}", "operator", -1, op.StartCycle, op.EndCycle);
        _activeOperator = -1;
        _activeOperatorDepth = -1;
        _activeIsWrapperOnly = false;
    }

    /// <summary>Semihosting operator markers (catalog "marker"): begin names a type and label, end closes it.</summary>
    private void Marker(Cpu c)
    {
        uint op = c.R[0];
        if (op == _catalog.BeginMarkerOp && _activeOperator < 0)
        {
            _m.Bus.TryReadWord(c.R[1], out uint typePtr);
            _m.Bus.TryReadWord(c.R[1] + 4, out uint labelPtr);
            var inst = new OperatorInstance
            {
                Index = Operators.Count + 1,
                Type = ReadString(typePtr) ?? "marked",
                Function = "(marker)",
                Label = ReadString(labelPtr),
                StartCycle = _m.Cycles,
            };
            inst.Costs = Snapshot();
            Operators.Add(inst);
            _activeOperator = Operators.Count - 1;
            _activeOperatorDepth = int.MaxValue; // ended only by the end marker
        }
        else if (op == _catalog.EndMarkerOp && _activeOperator >= 0 && _activeOperatorDepth == int.MaxValue)
        {
            EndOperator(_activeOperator, Snapshot());
        }
    }

    private string? ReadString(uint address)
    {
        if (address == 0) return null;
        var bytes = new List<byte>();
        Span<byte> b = stackalloc byte[1];
        for (uint a = address; bytes.Count < 64 && _m.Bus.ReadBytes(a, b) && b[0] != 0; a++) bytes.Add(b[0]);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Closes every open frame and operator; returns the run total.</summary>
    public void Finish()
    {
        if (_activeOperator >= 0 && _activeOperatorDepth == int.MaxValue) EndOperator(_activeOperator, Snapshot());
        while (_frames.Count > 0) Pop();
        Total = new double[Layout.Length];
        CostMath.Add(Total, Snapshot(), _initial);
        LivenessAnalysis.Assign(Operators);
    }
}
