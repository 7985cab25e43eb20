using System.Globalization;

namespace M7Sim.Reporting;

/// <summary>CSV (one row per operator) and Markdown (tables for a pull request or a wiki).</summary>
internal static class DelimitedWriters
{
    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string? s) => s is null ? "" : s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    public static void WriteCsv(ProfileReport r, TextWriter w)
    {
        w.WriteLine("index,type,function,shape,cycles,seconds,instructions,ipc,macs,theoretical_macs,macs_per_cycle,energy_j,avg_power_w,input_bytes,output_bytes,weight_bytes,scratch_bytes,live_activation_bytes");
        foreach (var o in r.Operators)
            w.WriteLine(string.Join(',', o.Index, Csv(o.Type), Csv(o.Function), Csv(o.Shape), N(o.Cycles), N(o.Seconds), N(o.Instructions), N(o.Ipc),
                N(o.Macs), o.TheoreticalMacs?.ToString(CultureInfo.InvariantCulture) ?? "", N(o.MacsPerCycle), N(o.EnergyJoules), N(o.AveragePowerWatts),
                o.InputBytes, o.OutputBytes, o.WeightBytes, o.ScratchBytes, o.LiveActivationBytes));
    }

    public static void WriteMarkdown(ProfileReport r, TextWriter w)
    {
        var t = r.Totals;
        w.WriteLine($"## M7Sim profile: `{Path.GetFileName(r.Elf)}` on {r.Board}");
        w.WriteLine();
        w.WriteLine($"{Units.Count(t.Cycles)} cycles ({Units.Time(t.Seconds)} at {r.ClockHz / 1e6:0.#} MHz), {Units.Count(t.Instructions)} instructions, IPC {Units.Fixed(t.Ipc)}, {Units.Energy(t.EnergyJoules)}. Timing model: {r.TimingModel}; energy model: {r.EnergyModel}.");
        w.WriteLine();
        w.WriteLine("| # | type | function | shape | cycles | % | MACs | MAC/cycle | energy |");
        w.WriteLine("|---:|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var o in r.Operators)
            w.WriteLine($"| {o.Index} | {o.Type} | `{o.Function}` | {o.Shape} | {Units.Count(o.Cycles)} | {Units.Fixed(100 * o.Cycles / Math.Max(1, t.Cycles), 1)} | {Units.Count(o.Macs)} | {Units.Fixed(o.MacsPerCycle)} | {Units.Energy(o.EnergyJoules)} |");
        w.WriteLine();
        w.WriteLine("| type | instances | ops/cycle | relative throughput | nJ/op |");
        w.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var x in r.Types)
            w.WriteLine($"| {x.Type} | {x.Instances} | {Units.Fixed(x.OpsPerCycle, 3)} | {Units.Fixed(x.RelativeThroughput)} | {Units.Fixed(x.EnergyPerOpNj, 3)} |");
        var m = r.Memory;
        w.WriteLine();
        w.WriteLine($"Memory: flash {Units.Bytes(m.FlashBytes)} (weights {Units.Bytes(m.WeightBytes)}), RAM {Units.Bytes(m.RamBytes)} (peak stack {Units.Bytes(m.PeakStackBytes)}), peak live activations {Units.Bytes(m.PeakActivationBytes)} ({Units.Fixed(100 * m.ActivationShareOfModel, 1)}% of weights + activations).");
    }

    /// <summary>Collapsed stacks ("a;b;c cycles"), for flamegraph.pl and speedscope.</summary>
    public static void WriteFolded(ProfileReport r, TextWriter w)
    {
        foreach (var (stack, cycles) in r.Folded)
            if (cycles > 0) w.WriteLine($"{stack} {((long)cycles).ToString(CultureInfo.InvariantCulture)}");
    }
}
