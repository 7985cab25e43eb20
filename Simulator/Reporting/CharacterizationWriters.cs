using System.Globalization;
using System.Text;

namespace M7Sim.Reporting;

/// <summary>The files of `m7sim characterize`: two CSV tables, two SVG charts and the Markdown summary.</summary>
public static class CharacterizationWriters
{
    public const string OpsCsv = "characterize-ops.csv", OpsSvg = "characterize-ops.svg";
    public const string DsCnnCsv = "characterize-dscnn.csv", DsCnnSvg = "characterize-dscnn.svg";
    public const string SummaryMd = "characterize-summary.md";

    /// <summary>Writes every file into <paramref name="dir"/> (created if needed); returns their paths in a fixed order.</summary>
    public static List<string> WriteAll(CharacterizationResult r, string dir)
    {
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        void Write(string name, Action<TextWriter> body)
        {
            string path = Path.Combine(dir, name);
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" }) body(w);
            written.Add(path);
        }
        Write(OpsCsv, w => WriteOpsCsv(r, w));
        Write(OpsSvg, w => CharacterizationCharts.WriteOpsChart(r, w));
        Write(DsCnnCsv, w => WriteDsCnnCsv(r, w));
        Write(DsCnnSvg, w => CharacterizationCharts.WriteDsCnnChart(r, w));
        Write(SummaryMd, w => CharacterizationSummary.Write(r, w));
        return written;
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string? s) => s is null ? "" : s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    public static void WriteOpsCsv(CharacterizationResult r, TextWriter w)
    {
        w.WriteLine("suite,case,bench_op,bench_shape,type,function,shape,outputs,work_per_output,work_unit,macs_per_output,ops_per_output," +
                    "macs,ops,cycles,instructions,ops_per_cycle,macs_per_cycle,energy_j,nj_per_op");
        foreach (var c in r.Cases)
            w.WriteLine(string.Join(',', Csv(c.Suite), c.Case.ToString(CultureInfo.InvariantCulture), Csv(c.BenchOp), Csv(c.BenchShape), Csv(c.Type),
                Csv(c.Function), Csv(c.Shape), c.Outputs.ToString(CultureInfo.InvariantCulture), N(c.WorkPerOutput), c.WorkUnit,
                c.MacsPerOutput is { } mpo ? N(mpo) : "", N(c.OpsPerOutput), c.Macs.ToString(CultureInfo.InvariantCulture),
                c.Ops.ToString(CultureInfo.InvariantCulture), N(c.Cycles), N(c.Instructions), N(c.OpsPerCycle), N(c.MacsPerCycle),
                N(c.EnergyJoules), N(c.EnergyPerOpNj)));
    }

    public static void WriteDsCnnCsv(CharacterizationResult r, TextWriter w)
    {
        w.WriteLine("model,macs,ops,cycles,seconds,energy_j,depthwise_mac_share,ops_per_cycle,nj_per_op,relative_ops,relative_cycles,relative_energy,run_cycles,run_energy_j");
        foreach (var m in r.Models)
            w.WriteLine(string.Join(',', m.Name, m.Macs.ToString(CultureInfo.InvariantCulture), m.Ops.ToString(CultureInfo.InvariantCulture),
                N(m.Cycles), N(m.Seconds), N(m.EnergyJoules), N(m.DepthwiseMacShare), N(m.OpsPerCycle), N(m.EnergyPerOpNj),
                N(m.RelativeOps), N(m.RelativeCycles), N(m.RelativeEnergy), N(m.RunCycles), N(m.RunEnergyJoules)));
    }
}
