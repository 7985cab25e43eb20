using M7Sim.Energy;
using M7Sim.Timing;

namespace M7Sim.Simulation;

/// <summary>Model counters as a flat vector for the profiler's snapshots (taken at every call and return).</summary>
public sealed partial class Machine
{
    private static readonly string[] CounterNames = BuildCounterNames();

    private static string[] BuildCounterNames()
    {
        var names = new List<string>();
        for (int i = 1; i < TimingCounters.CauseCount; i++) names.Add("stall_" + ToSnake(((StallCause)i).ToString()));
        names.AddRange(["dual_issued", "branches", "mispredicts", "icache_misses", "dcache_misses", "flash_reads"]);
        return names.ToArray();
    }

    private static string ToSnake(string s) => string.Concat(s.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>Name of the active timing model ("none" = functional, one cycle per instruction).</summary>
    public string TimingModelName => _m7Active ? "cortex-m7" : "none";

    /// <summary>Name of the active energy coefficient file, or "none".</summary>
    public string EnergyModelName => _m7Active && EnergyCoefficientsOrNull() is { } k ? Path.GetFileName(k.SourcePath) : "none";

    /// <summary>Names of the model counters (stall cycles by cause ...), in the order <see cref="ReadModelCounters"/> writes them.</summary>
    internal IReadOnlyList<string> ModelCounterNames => CounterNames;

    private EnergyCoefficients? EnergyCoefficientsOrNull()
    {
        if (_energy is null)
        {
            string? path = Options.EnergyModel ?? EnergyCoefficients.DefaultFor(Board);
            if (path is null) return null;
            _energy = EnergyCoefficients.Load(path);
        }
        return _energy;
    }

    /// <summary>
    /// Current values of the model counters and the energy so far in nanojoules (zeros in functional
    /// mode). The energy is the same linear function of the counters as <see cref="EnergyModel.Estimate"/>,
    /// evaluated without allocating.
    /// </summary>
    internal void ReadModelCounters(Span<double> into, out double energyNj)
    {
        into.Clear();
        energyNj = 0;
        if (!_m7Active) return;
        var t = _m7.Counters;
        int n = 0;
        for (int i = 1; i < TimingCounters.CauseCount; i++) into[n++] = t.StallCycles[i];
        into[n++] = t.DualIssuedPairs;
        into[n++] = t.Branches;
        into[n++] = t.Mispredicts;
        into[n++] = t.ICacheMisses;
        into[n++] = t.DCacheMisses;
        into[n] = t.FlashReads;
        if (EnergyCoefficientsOrNull() is not { } k) return;
        double cycles = Cycles;
        double j = k.StaticWatts * (Board.ClockHz == 0 ? 0 : cycles / Board.ClockHz) + k.JoulesPerCycle * cycles;
        for (int i = 0; i < t.ByClass.Length; i++) j += t.ByClass[i] * k.ClassJoules[i];
        var kinds = _m7.Memory.Kinds;
        for (int i = 0; i < t.RegionReads.Length && i < kinds.Length; i++) j += (t.RegionReads[i] + t.RegionWrites[i]) * k.AccessJoules[(int)kinds[i]];
        j += t.FlashReads * k.FlashLineReadJoules + (t.ICacheMisses + t.DCacheMisses) * k.CacheLineFillJoules;
        energyNj = j * 1e9;
    }
}
