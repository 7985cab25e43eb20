using System.Globalization;
using System.Xml.Linq;

namespace M7Sim.Reporting;

/// <summary>
/// Self-contained SVG charts (no scripts, no external fonts or styles): throughput against work per output per
/// operator type (the paper's Fig. 2) and the DS-CNN variants' ops, cycles and energy side by side (Fig. 3).
/// Every series is a &lt;g class="series" data-type="..."&gt;; every mark carries a &lt;title&gt; tooltip.
/// </summary>
public static class CharacterizationCharts
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Categorical colours (Tableau 10 and two more), distinguishable in print and for common colour-vision deficiencies.</summary>
    private static readonly string[] Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#79706e", "#1b9e77", "#7570b3"];

    private const double Width = 980, Height = 560, Left = 70, Top = 50, PlotW = 660, PlotH = 430;

    public static void WriteOpsChart(CharacterizationResult r, TextWriter w)
    {
        var series = CharacterizationAnalysis.Series(r);
        var all = series.SelectMany(s => s.Points).ToList();
        double minX = all.Count == 0 ? 1 : all.Min(p => p.WorkPerOutput), maxX = all.Count == 0 ? 10 : all.Max(p => p.WorkPerOutput);
        // A little room either side of the sweep so markers at the ends stay clear of the frame.
        double lo = Math.Log10(Math.Max(minX, 1e-3) / 1.3), hi = Math.Max(lo + 1, Math.Log10(Math.Max(maxX, 1e-3) * 1.3));
        double yMax = NiceCeiling(all.Count == 0 ? 1 : all.Max(p => p.OpsPerCycle) * 1.05);
        double X(double v) => Left + PlotW * (Math.Log10(v) - lo) / (hi - lo);
        double Y(double v) => Top + PlotH * (1 - v / yMax);

        var root = Root($"Throughput vs work per output per operator type ({r.Board}, {r.TimingModel})");
        var axes = new XElement(Svg + "g", new XAttribute("class", "axes"));
        for (int d = (int)Math.Floor(lo); d <= (int)Math.Ceiling(hi); d++)
            for (int m = 1; m <= 9; m++)
            {
                double v = m * Math.Pow(10, d), lv = Math.Log10(v);
                if (lv < lo || lv > hi) continue;
                if (m == 1) axes.Add(Line(X(v), Top, X(v), Top + PlotH, "#cccccc"), Text(X(v), Top + PlotH + 18, v.ToString("0.###", CultureInfo.InvariantCulture), "middle"));
                else axes.Add(Line(X(v), Top + PlotH, X(v), Top + PlotH - 5, "#999999"));
            }
        foreach (double v in Ticks(yMax))
            axes.Add(Line(Left, Y(v), Left + PlotW, Y(v), "#e5e5e5"), Text(Left - 8, Y(v) + 4, F(v, 2), "end"));
        axes.Add(new XElement(Svg + "rect", A("x", Left), A("y", Top), A("width", PlotW), A("height", PlotH), new XAttribute("fill", "none"), new XAttribute("stroke", "#333333")));
        axes.Add(Text(Left + PlotW / 2, Top + PlotH + 42, "work per output (MACs per output; window for pooling, row for softmax, 1 for elementwise), log scale", "middle"));
        axes.Add(VerticalText(18, Top + PlotH / 2, "throughput (ops/cycle)"));
        root.Add(axes);

        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"));
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            string color = Palette[i % Palette.Length];
            var g = new XElement(Svg + "g", new XAttribute("class", "series"), new XAttribute("data-type", s.Type), new XElement(Svg + "title", s.Type));
            // The line joins the mean throughput at each work value; each case is its own marker.
            var means = s.Points.GroupBy(p => p.WorkPerOutput).OrderBy(p => p.Key).Select(p => (X: X(p.Key), Y: Y(p.Average(c => c.OpsPerCycle)))).ToList();
            if (means.Count > 1)
                g.Add(new XElement(Svg + "polyline", new XAttribute("points", string.Join(" ", means.Select(p => $"{F(p.X)},{F(p.Y)}"))),
                    new XAttribute("fill", "none"), new XAttribute("stroke", color), A("stroke-width", 1.5)));
            foreach (var c in s.Points)
                g.Add(new XElement(Svg + "circle", A("cx", X(c.WorkPerOutput)), A("cy", Y(c.OpsPerCycle)), A("r", 4), new XAttribute("fill", color),
                    new XAttribute("stroke", "#ffffff"), A("stroke-width", 0.8),
                    new XElement(Svg + "title", $"{c.Suite} case {c.Case}: {c.BenchOp} {c.BenchShape} ({c.Function}) — {F(c.WorkPerOutput, 2)} {c.WorkUnit}/output, " +
                        $"{F(c.OpsPerCycle, 3)} ops/cycle, {F(c.EnergyPerOpNj, 3)} nJ/op")));
            root.Add(g);
            double ly = Top + 10 + 22 * i, lx = Left + PlotW + 25;
            legend.Add(Line(lx, ly, lx + 24, ly, color, 2), new XElement(Svg + "circle", A("cx", lx + 12), A("cy", ly), A("r", 4), new XAttribute("fill", color)),
                Text(lx + 32, ly + 4, $"{s.Type} ({s.Points.Count})", "start"));
        }
        root.Add(legend);
        Save(root, w);
    }

    public static void WriteDsCnnChart(CharacterizationResult r, TextWriter w)
    {
        var metrics = new (string Name, Func<DsCnnModel, double> Value, Func<DsCnnModel, string> Label)[]
        {
            ("ops", m => m.RelativeOps, m => $"{Units.Count(m.Ops)} ops"),
            ("cycles", m => m.RelativeCycles, m => $"{Units.Count(m.Cycles)} cycles"),
            ("energy", m => m.RelativeEnergy, m => Units.Energy(m.EnergyJoules)),
        };
        string reference = r.Models.Count > 0 ? r.Models[0].Name : "";
        double yMax = NiceCeiling(r.Models.Count == 0 ? 1 : r.Models.Max(m => Math.Max(m.RelativeOps, Math.Max(m.RelativeCycles, m.RelativeEnergy))) * 1.08);
        double Y(double v) => Top + PlotH * (1 - v / yMax);
        var root = Root($"DS-CNN variants: ops, cycles and energy relative to {reference} ({r.Board}, {r.TimingModel})");
        var axes = new XElement(Svg + "g", new XAttribute("class", "axes"));
        foreach (double v in Ticks(yMax))
            axes.Add(Line(Left, Y(v), Left + PlotW, Y(v), "#e5e5e5"), Text(Left - 8, Y(v) + 4, F(v, 2), "end"));
        axes.Add(Line(Left, Y(1), Left + PlotW, Y(1), "#333333", 1, "4 3"));
        axes.Add(new XElement(Svg + "rect", A("x", Left), A("y", Top), A("width", PlotW), A("height", PlotH), new XAttribute("fill", "none"), new XAttribute("stroke", "#333333")));
        axes.Add(VerticalText(18, Top + PlotH / 2, $"relative to {reference}"));
        double group = r.Models.Count == 0 ? PlotW : PlotW / r.Models.Count, bar = group * 0.8 / metrics.Length;
        for (int i = 0; i < r.Models.Count; i++)
            axes.Add(Text(Left + group * (i + 0.5), Top + PlotH + 18, r.Models[i].Name, "middle"));
        root.Add(axes);

        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"));
        for (int k = 0; k < metrics.Length; k++)
        {
            var (name, value, label) = metrics[k];
            string color = Palette[k];
            var g = new XElement(Svg + "g", new XAttribute("class", "series"), new XAttribute("data-type", name), new XElement(Svg + "title", name));
            for (int i = 0; i < r.Models.Count; i++)
            {
                var m = r.Models[i];
                double x = Left + group * i + group * 0.1 + bar * k, v = value(m);
                g.Add(new XElement(Svg + "rect", A("x", x), A("y", Y(v)), A("width", bar - 2), A("height", Y(0) - Y(v)), new XAttribute("fill", color),
                    new XElement(Svg + "title", $"{m.Name} {name}: {F(v, 3)} x {reference} ({label(m)})")));
                g.Add(Text(x + (bar - 2) / 2, Y(v) - 4, F(v, 2), "middle", 10));
            }
            root.Add(g);
            double ly = Top + 10 + 22 * k, lx = Left + PlotW + 25;
            legend.Add(new XElement(Svg + "rect", A("x", lx), A("y", ly - 6), A("width", 14), A("height", 12), new XAttribute("fill", color)),
                Text(lx + 22, ly + 4, name, "start"));
        }
        root.Add(legend);
        Save(root, w);
    }

    private static XElement Root(string title) =>
        new(Svg + "svg", new XAttribute("width", F(Width)), new XAttribute("height", F(Height)), new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"),
            new XElement(Svg + "title", title),
            new XElement(Svg + "rect", A("width", Width), A("height", Height), new XAttribute("fill", "#ffffff")),
            Text(Left, 28, title, "start", 15));

    private static void Save(XElement root, TextWriter w)
    {
        w.Write(root.ToString(SaveOptions.None).Replace("\r\n", "\n"));
        w.WriteLine();
    }

    private static XElement Line(double x1, double y1, double x2, double y2, string color, double width = 1, string? dash = null)
    {
        var e = new XElement(Svg + "line", A("x1", x1), A("y1", y1), A("x2", x2), A("y2", y2), new XAttribute("stroke", color), A("stroke-width", width));
        if (dash is not null) e.Add(new XAttribute("stroke-dasharray", dash));
        return e;
    }

    private static XElement Text(double x, double y, string text, string anchor, double size = 12) =>
        new(Svg + "text", A("x", x), A("y", y), new XAttribute("text-anchor", anchor), A("font-size", size), text);

    private static XElement VerticalText(double x, double y, string text)
    {
        var e = Text(x, y, text, "middle");
        e.Add(new XAttribute("transform", $"rotate(-90 {F(x)} {F(y)})"));
        return e;
    }

    private static XAttribute A(string name, double v) => new(name, F(v));

    private static string F(double v, int digits = 1) => v.ToString("F" + digits, CultureInfo.InvariantCulture);

    /// <summary>The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k at or above v (each divides into five readable ticks).</summary>
    internal static double NiceCeiling(double v)
    {
        if (!(v > 0)) return 1;
        double p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (double m in (double[])[1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10])
            if (m * p >= v * (1 - 1e-12)) return m * p;
        return 10 * p;
    }

    /// <summary>Five equal steps from 0 to max (max is a <see cref="NiceCeiling"/> value).</summary>
    private static IEnumerable<double> Ticks(double max)
    {
        for (int i = 0; i <= 5; i++) yield return max * i / 5;
    }
}
