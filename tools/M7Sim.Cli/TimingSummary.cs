using System.Globalization;
using M7Sim.Energy;
using M7Sim.Simulation;
using M7Sim.Timing;

namespace M7Sim.Cli;

/// <summary>The timing and energy part of the run summary (stderr), and user-error mapping for model files.</summary>
internal static class TimingSummary
{
    public static T Guard<T>(Func<T> body)
    {
        try { return body(); }
        catch (TimingModelException e) { throw new UsageException(e.Message); }
        catch (EnergyModelException e) { throw new UsageException(e.Message); }
    }

    public static void Write(TextWriter o, Machine m)
    {
        var ic = CultureInfo.InvariantCulture;
        if (m.TimingCounters is not { } t)
        {
            o.WriteLine(string.Create(ic, $"m7sim: timing none (functional): {m.Cycles:N0} cycles = instructions"));
            return;
        }
        double seconds = m.Board.ClockHz == 0 ? 0 : (double)m.Cycles / m.Board.ClockHz;
        double dual = t.DualIssueRate;
        o.WriteLine(string.Create(ic, $"m7sim: cortex-m7 timing: {m.Cycles:N0} cycles ({seconds * 1e3:F3} ms at {m.Board.ClockHz / 1e6:F0} MHz), {m.Instructions:N0} instructions, IPC {m.Ipc:F3}, dual-issued {dual:P1}"));
        var stalls = new List<string>();
        for (int i = 1; i < t.StallCycles.Length; i++)
            if (t.StallCycles[i] > 0) stalls.Add(string.Create(ic, $"{(StallCause)i} {t.StallCycles[i]:N0}"));
        o.WriteLine($"m7sim:   stall cycles: {(stalls.Count == 0 ? "none" : string.Join(", ", stalls))}");
        o.WriteLine(string.Create(ic, $"m7sim:   branches {t.Branches:N0} (taken {t.BranchesTaken:N0}, mispredicted {t.Mispredicts:N0}, decode redirects {t.DecodeRedirects:N0}); exceptions {t.Exceptions:N0}; I-cache {t.ICacheHits:N0} hits/{t.ICacheMisses:N0} misses, D-cache {t.DCacheHits:N0}/{t.DCacheMisses:N0}, ART {t.ArtHits:N0}/{t.ArtMisses:N0}, flash reads {t.FlashReads:N0}"));
        var names = m.RegionNames;
        var regions = new List<string>();
        for (int i = 0; i < names.Count && i < t.RegionReads.Length; i++)
        {
            if (t.RegionReads[i] + t.RegionWrites[i] == 0) continue;
            regions.Add(string.Create(ic, $"{names[i]} {t.RegionReads[i]:N0} reads/{t.RegionReadBytes[i]:N0} B, {t.RegionWrites[i]:N0} writes/{t.RegionWriteBytes[i]:N0} B"));
        }
        if (regions.Count > 0) o.WriteLine($"m7sim:   data accesses: {string.Join("; ", regions)}");
        var classes = new List<(ulong N, string Name)>();
        for (int i = 0; i < t.ByClass.Length; i++)
            if (t.ByClass[i] > 0) classes.Add((t.ByClass[i], ((TimingClass)i).ToString()));
        classes.Sort((a, b) => b.N.CompareTo(a.N));
        if (classes.Count > 0) o.WriteLine($"m7sim:   classes: {string.Join(", ", classes.Select(c => string.Create(ic, $"{c.Name} {c.N:N0}")))}");
        if (m.Energy is { } e)
        {
            o.WriteLine(string.Create(ic, $"m7sim:   energy (estimate, {Path.GetFileName(e.CoefficientFile)}): {e.TotalJoules * 1e6:F3} uJ, average {e.AverageWatts * 1e3:F1} mW; static {e.StaticJoules * 1e6:F3} uJ, per-cycle {e.CycleJoules * 1e6:F3} uJ, flash {e.FlashJoules * 1e6:F3} uJ, cache fills {e.CacheFillJoules * 1e6:F3} uJ"));
            var top = e.ByClass.Where(kv => kv.Value.Joules > 0).OrderByDescending(kv => kv.Value.Joules).Take(6)
                .Select(kv => string.Create(ic, $"{kv.Key} {kv.Value.Joules * 1e6:F3} uJ")).ToList();
            if (top.Count > 0) o.WriteLine($"m7sim:   energy by class (on top of the per-cycle base): {string.Join(", ", top)}");
        }
    }
}
