using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Debugging;

/// <summary>
/// Turns each retired instruction into a <see cref="TraceRecord"/> and hands it to a
/// <see cref="TraceWriter"/>: registers from the decode-time destination mask, APSR and FP
/// registers by comparison with the previous instruction, data accesses from the bus's access list,
/// and the cycle model's view (cycles added, issue slot, stall cycles by cause) from the difference
/// of its counters across the instruction.
/// </summary>
internal sealed class TraceRecorder : IDisposable
{
    private static readonly string[] CoreNames = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"];
    private static readonly string[] FpNames = Enumerable.Range(0, 32).Select(i => $"s{i}").ToArray();

    private readonly Machine _m;
    private readonly TraceWriter _writer;
    private readonly TraceDisassembler _disassembler = new();
    private readonly TraceRecord _record = new();
    private readonly Dictionary<uint, string> _symbols = new();
    private readonly ulong _count;
    private readonly uint? _until;

    // Cycle-model counters before and after the current instruction, and which of them are stall causes.
    private readonly IReadOnlyList<string> _counterNames;
    private double[] _before, _after;
    private readonly int _dualIssued;
    private readonly bool _model;

    // State after the previous instruction, to see what this one changed.
    private ulong _cycles, _firstIndex;
    private uint _apsr, _fpscr, _itState, _ipsr;
    private readonly uint[] _s = new uint[32];

    public TraceRecorder(Machine machine, TraceWriter writer, ulong count, uint? until)
    {
        _m = machine;
        _writer = writer;
        _count = count;
        _until = until;
        _counterNames = machine.ModelCounterNames;
        _model = machine.TimingModelName != "none";
        _before = new double[_counterNames.Count];
        _after = new double[_counterNames.Count];
        _dualIssued = -1;
        for (int i = 0; i < _counterNames.Count; i++) if (_counterNames[i] == "dual_issued") _dualIssued = i;
        Resync();
    }

    /// <summary>Instructions traced so far.</summary>
    public ulong Traced { get; private set; }

    /// <summary>True once the count is reached or execution arrived at the until address.</summary>
    public bool Done => Traced >= _count || _until is { } u && Traced > 0 && _m.Cpu.Pc == u;

    /// <summary>Takes the machine's current state as the baseline (call before tracing starts).</summary>
    public void Resync()
    {
        var c = _m.Cpu;
        _cycles = _m.Cycles;
        _firstIndex = _m.Instructions + 1 - Traced;
        _apsr = c.Apsr;
        _fpscr = c.Fpscr;
        _itState = c.ItState;
        _ipsr = c.Ipsr;
        Array.Copy(c.S, _s, 32);
        _m.ReadModelCounters(_before, out _);
    }

    public void Retire(Cpu c, ref DecodedInst d, uint pc, bool executed)
    {
        var r = _record;
        r.Clear();
        r.Index = _firstIndex + Traced; // Machine.Instructions is only brought up to date when a run ends
        ulong cycles = _m.Cycles;
        r.Cycle = cycles;
        r.Delta = cycles - _cycles;
        _cycles = cycles;
        r.Pc = pc;
        r.Raw = d.Raw;
        r.Size = d.Size;
        r.Executed = executed;
        if (!_symbols.TryGetValue(pc, out var sym)) _symbols[pc] = sym = _m.Symbols.Describe(pc);
        r.Symbol = sym;
        // The IT state before this instruction is the state after the previous one, unless an
        // exception came in between (entry and return both change IPSR and the IT bits).
        int condition = _itState != 0 && c.Ipsr == _ipsr ? (int)(_itState >> 4) : -1;
        r.Disassembly = _disassembler.Disassemble(pc, d.Raw, d.Size, condition);
        if (executed) RecordWrites(c, ref d);
        if (c.NextPc != pc + d.Size && c.Fault == FaultKind.None) r.Target = c.NextPc;
        RecordAccesses();
        RecordTiming();
        _itState = c.ItState;
        _ipsr = c.Ipsr;
        Traced++;
        _writer.Write(r);
    }

    private void RecordWrites(Cpu c, ref DecodedInst d)
    {
        var r = _record;
        for (int n = 0; n < 15; n++)
            if ((d.DstMask & (1 << n)) != 0) r.Writes.Add((CoreNames[n], c.R[n]));
        uint apsr = c.Apsr;
        if (apsr != _apsr) { r.Writes.Add(("apsr", apsr)); _apsr = apsr; }
        if ((d.Flags & InstFlags.Fp) != 0)
        {
            for (int i = 0; i < 32; i++)
            {
                if (c.S[i] == _s[i]) continue;
                r.Writes.Add((FpNames[i], c.S[i]));
                _s[i] = c.S[i];
            }
            if (c.Fpscr != _fpscr) { r.Writes.Add(("fpscr", c.Fpscr)); _fpscr = c.Fpscr; }
        }
    }

    private void RecordAccesses()
    {
        var bus = _m.Bus;
        var regions = bus.Regions;
        Span<byte> value = stackalloc byte[4];
        for (int i = 0; i < bus.AccessCount; i++)
        {
            var a = bus.Accesses[i];
            var region = a.Region < regions.Count ? regions[a.Region] : null;
            uint? v = null;
            // Values of RAM and flash only: reading a device register again could change it.
            if (region?.Data is not null && a.Size <= 4 && _m.ReadMemory(a.Address, value[..a.Size]))
            {
                uint x = 0;
                for (int k = a.Size - 1; k >= 0; k--) x = (x << 8) | value[k];
                v = x;
            }
            _record.Accesses.Add(new TraceAccess(a.Address, a.Size, a.IsWrite, region?.Name ?? "unmapped", v));
        }
    }

    private void RecordTiming()
    {
        if (!_model) return;
        _m.ReadModelCounters(_after, out _);
        var r = _record;
        r.Slot = _dualIssued >= 0 && _after[_dualIssued] > _before[_dualIssued] ? 1 : 0;
        for (int i = 0; i < _after.Length; i++)
        {
            string name = _counterNames[i];
            if (!name.StartsWith("stall_", StringComparison.Ordinal)) continue;
            double delta = _after[i] - _before[i];
            if (delta > 0) r.Stalls.Add((name["stall_".Length..], (ulong)delta));
        }
        (_before, _after) = (_after, _before);
    }

    public void Dispose() => _disassembler.Dispose();
}

/// <summary>Forwards retired instructions to a <see cref="TraceRecorder"/> and ends the run when it is done.</summary>
internal readonly struct TraceTracer(TraceRecorder recorder) : Profiling.ITracer
{
    public void Retire(Cpu c, ref DecodedInst d, uint pc, bool executed) => recorder.Retire(c, ref d, pc, executed);
    public bool StopRequested => recorder.Done;
}
