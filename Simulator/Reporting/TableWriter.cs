using System.Text;

namespace M7Sim.Reporting;

/// <summary>The console report: totals, operators in execution order, per-type summary, memory.</summary>
internal static class TableWriter
{
    public static void Write(ProfileReport r, TextWriter w)
    {
        var t = r.Totals;
        w.WriteLine($"{Path.GetFileName(r.Elf)} on {r.Board} @ {r.ClockHz / 1e6:0.#} MHz  (timing: {r.TimingModel}, energy: {r.EnergyModel})");
        w.WriteLine($"total: {Units.Count(t.Cycles)} cycles = {Units.Time(t.Seconds)}, {Units.Count(t.Instructions)} instructions, IPC {Units.Fixed(t.Ipc)}, " +
                    $"{Units.Count(t.Macs)} MACs, {Units.Energy(t.EnergyJoules)}, {Units.Power(t.AveragePowerWatts)}; stop: {t.StopReason}" +
                    (t.StopReason == "Exited" ? $" (exit {t.ExitCode})" : ""));
        w.WriteLine();
        if (r.Operators.Count > 0)
        {
            var rows = r.Operators.Select(o => new[]
            {
                o.Index.ToString(), o.Type, o.Function, o.Shape ?? "", Units.Count(o.Cycles), Units.Fixed(100 * o.Cycles / Math.Max(1, t.Cycles), 1),
                Units.Time(o.Seconds), Units.Count(o.Macs), Units.Fixed(o.MacsPerCycle), Units.Fixed(o.Ipc), Units.Energy(o.EnergyJoules),
                Units.Bytes(o.LiveActivationBytes),
            }).ToList();
            Table(w, ["#", "type", "function", "shape", "cycles", "%", "time", "MACs", "MAC/cyc", "IPC", "energy", "live act."], rows, rightFrom: 4);
            w.WriteLine();
            Table(w, ["type", "n", "ops", "cycles", "ops/cyc", "rel. thrpt", "nJ/op", "rel. nJ/op"], r.Types.Select(x => new[]
            {
                x.Type, x.Instances.ToString(), Units.Count(x.Ops), Units.Count(x.Cycles), Units.Fixed(x.OpsPerCycle, 3),
                Units.Fixed(x.RelativeThroughput, 2), Units.Fixed(x.EnergyPerOpNj, 3), Units.Fixed(x.RelativeEnergyPerOp, 2),
            }).ToList(), rightFrom: 1);
            w.WriteLine();
        }
        var m = r.Memory;
        w.WriteLine($"memory: flash {Units.Bytes(m.FlashBytes)} (code {Units.Bytes(m.CodeBytes)}, read-only {Units.Bytes(m.ReadOnlyDataBytes)} incl. weights {Units.Bytes(m.WeightBytes)}, .data image {Units.Bytes(m.DataInitBytes)})");
        w.WriteLine($"        RAM {Units.Bytes(m.RamBytes)} (.data {Units.Bytes(m.DataBytes)}, .bss {Units.Bytes(m.BssBytes)}, peak stack {Units.Bytes(m.PeakStackBytes)}, heap {Units.Bytes(m.HeapBytes)})");
        if (r.Operators.Count > 0)
            w.WriteLine($"        peak live activations {Units.Bytes(m.PeakActivationBytes)} at operator {m.PeakActivationOperator}: " +
                        $"{Units.Fixed(100 * m.ActivationShareOfModel, 1)}% of weights+activations, {Units.Fixed(100 * m.ActivationShareOfFootprint, 1)}% of the whole footprint");
        foreach (var n in r.Notes) w.WriteLine($"note: {n}");
    }

    private static void Table(TextWriter w, string[] header, List<string[]> rows, int rightFrom)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < cells.Length; i++)
            {
                if (i > 0) sb.Append("  ");
                sb.Append(i >= rightFrom ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            }
            return sb.ToString().TrimEnd();
        }
        w.WriteLine(Line(header));
        w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var row in rows) w.WriteLine(Line(row));
    }
}
