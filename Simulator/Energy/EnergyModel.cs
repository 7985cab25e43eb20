using M7Sim.Timing;

namespace M7Sim.Energy;

/// <summary>Energy of a run broken down by where the model puts it.</summary>
public sealed record EnergyReport(
    double TotalJoules,
    double Seconds,
    double StaticJoules,
    double CycleJoules,
    double FlashJoules,
    double CacheFillJoules,
    IReadOnlyDictionary<TimingClass, (ulong Count, double Joules)> ByClass,
    IReadOnlyDictionary<string, (ulong Accesses, double Joules)> ByRegion,
    string CoefficientFile,
    string WhatDominates)
{
    /// <summary>Average power over the run.</summary>
    public double AverageWatts => Seconds > 0 ? TotalJoules / Seconds : 0;
}

/// <summary>
/// Energy as a separate consumer of the timing model's counters (timing facts 6.2: base current
/// proportional to frequency, memory placement and wait states first-order, instruction classes
/// second-order). Every term is linear in a counter, so the estimate costs nothing in the run loop.
/// </summary>
internal static class EnergyModel
{
    public static EnergyReport Estimate(EnergyCoefficients k, TimingCounters counters, ulong cycles, ulong clockHz, IReadOnlyList<(string Name, MemKind Kind)> regions)
    {
        double seconds = clockHz == 0 ? 0 : (double)cycles / clockHz;
        double stat = k.StaticWatts * seconds;
        double perCycle = k.JoulesPerCycle * cycles;
        var byClass = new Dictionary<TimingClass, (ulong, double)>();
        double classTotal = 0;
        for (int i = 0; i < counters.ByClass.Length; i++)
        {
            ulong n = counters.ByClass[i];
            if (n == 0) continue;
            double j = n * k.ClassJoules[i];
            byClass[(TimingClass)i] = (n, j);
            classTotal += j;
        }
        var byRegion = new Dictionary<string, (ulong, double)>();
        double accessTotal = 0;
        for (int i = 0; i < regions.Count && i < counters.RegionReads.Length; i++)
        {
            ulong n = counters.RegionReads[i] + counters.RegionWrites[i];
            if (n == 0) continue;
            double j = n * k.AccessJoules[(int)regions[i].Kind];
            byRegion[regions[i].Name] = (n, j);
            accessTotal += j;
        }
        double flash = counters.FlashReads * k.FlashLineReadJoules;
        double fills = (counters.ICacheMisses + counters.DCacheMisses) * k.CacheLineFillJoules;
        double total = stat + perCycle + classTotal + accessTotal + flash + fills;
        return new EnergyReport(total, seconds, stat, perCycle, flash, fills, byClass, byRegion, k.SourcePath, k.WhatDominates);
    }
}

