using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Memory;
using M7Sim.Profiling;

namespace M7Sim.Debugging;

/// <summary>A watchpoint that fired: the watchpoint's kind and the watched address the access touched.</summary>
internal readonly record struct WatchHit(WatchKind Kind, uint Address);

/// <summary>
/// The debugger's view of a run: stops before an instruction at a breakpoint, after an
/// instruction whose data access touched a watchpoint, and (with fault catching) at the entry of a
/// fault handler, like DEMCR's vector catch. One value is armed per resume and kept across the
/// slices a continue runs in, so a stop pending at a slice boundary is still seen.
/// </summary>
internal struct DebugTracer : ITracer
{
    private readonly Cpu _cpu;
    private readonly Bus _bus;
    private readonly DebugPoints _points;
    private readonly bool _catchFaults;
    private bool _retired;
    private uint _ipsrAtRetire;

    public DebugTracer(Cpu cpu, Bus bus, DebugPoints points, bool catchFaults)
    {
        _cpu = cpu;
        _bus = bus;
        _points = points;
        _catchFaults = catchFaults;
        _ipsrAtRetire = cpu.Ipsr;
    }

    /// <summary>Set when a watchpoint fired; the run stops before the next instruction.</summary>
    public WatchHit? Watch { get; private set; }

    /// <summary>The fault the last faulting instruction raised (None when none did during this resume).</summary>
    public FaultKind LastFault { get; private set; }

    /// <summary>True when the stop is the entry of a fault handler (vector catch).</summary>
    public readonly bool CaughtFault => _catchFaults && _cpu.Ipsr != _ipsrAtRetire && IsFaultException(_cpu.Ipsr);

    public void Retire(Cpu c, ref DecodedInst d, uint pc, bool executed)
    {
        _retired = true;
        _ipsrAtRetire = c.Ipsr;
        if (c.Fault is >= FaultKind.Undefined and <= FaultKind.InstructionAccessViolation) LastFault = c.Fault;
        int n = _bus.AccessCount;
        if (n == 0 || Watch is not null) return;
        var watches = _points.Watchpoints;
        if (watches.IsEmpty) return;
        for (int i = 0; i < n; i++)
        {
            ref var a = ref _bus.Accesses[i];
            foreach (var w in watches)
            {
                if (!w.Overlaps(a.Address, a.Size)) continue;
                if (w.Kind == WatchKind.Write && !a.IsWrite || w.Kind == WatchKind.Read && a.IsWrite) continue;
                // Report an address inside the watched range, as GDB matches it against its watchpoints.
                Watch = new WatchHit(w.Kind, Math.Max(a.Address, w.Address));
                return;
            }
        }
    }

    public readonly bool StopRequested =>
        _retired && (Watch is not null || _points.HasBreakpointAt(_cpu.Pc)) || CaughtFault;

    /// <summary>HardFault, MemManage, BusFault or UsageFault.</summary>
    private static bool IsFaultException(uint ipsr) => ipsr is >= 3 and <= 6;
}
