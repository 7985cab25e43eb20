using System.Globalization;
using System.Net;
using System.Text;

namespace M7Sim.Reporting;

/// <summary>
/// A self-contained HTML report (no scripts, no external files): totals, SVG bar charts of cycles per
/// operator, throughput per operation type and the memory breakdown, then the operator table.
/// </summary>
internal static class HtmlReportWriter
{
    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static void Write(ProfileReport r, TextWriter w)
    {
        var t = r.Totals;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>M7Sim profile: ").Append(E(Path.GetFileName(r.Elf))).Append("</title>");
        sb.Append("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd}" +
                  "td.n{text-align:right}h2{margin-top:1.5em}svg text{font:12px system-ui,sans-serif}.note{color:#a60}</style></head><body>");
        sb.Append("<h1>M7Sim profile: <code>").Append(E(Path.GetFileName(r.Elf))).Append("</code></h1>");
        sb.Append("<p>Board ").Append(E(r.Board)).Append(" at ").Append(F(r.ClockHz / 1e6)).Append(" MHz; timing model ").Append(E(r.TimingModel))
          .Append("; energy model ").Append(E(r.EnergyModel)).Append(".</p>");
        sb.Append("<p><b>").Append(Units.Count(t.Cycles)).Append(" cycles</b> (").Append(Units.Time(t.Seconds)).Append("), ")
          .Append(Units.Count(t.Instructions)).Append(" instructions, IPC ").Append(Units.Fixed(t.Ipc)).Append(", ")
          .Append(Units.Count(t.Macs)).Append(" MACs, ").Append(Units.Energy(t.EnergyJoules)).Append(", ").Append(Units.Power(t.AveragePowerWatts)).Append(".</p>");
        foreach (var n in r.Notes) sb.Append("<p class=\"note\">").Append(E(n)).Append("</p>");

        sb.Append("<h2>Cycles per operator</h2>");
        sb.Append(Bars(r.Operators.Select(o => ($"{o.Index} {o.Type}", o.Cycles, Units.Count(o.Cycles))).ToList(), "#3b6fb6", "cycles-per-operator"));
        sb.Append("<h2>Throughput per operation type</h2>");
        sb.Append(Bars(r.Types.Select(x => (x.Type, x.OpsPerCycle, $"{Units.Fixed(x.OpsPerCycle, 3)} ops/cycle")).ToList(), "#2e8b57", "throughput-per-type"));
        var m = r.Memory;
        sb.Append("<h2>Memory footprint</h2>");
        sb.Append(Bars(new List<(string, double, string)>
        {
            ("weights (flash)", m.WeightBytes, Units.Bytes(m.WeightBytes)),
            ("other code+rodata", Math.Max(0, m.FlashBytes - m.WeightBytes), Units.Bytes(Math.Max(0, m.FlashBytes - m.WeightBytes))),
            ("peak activations", m.PeakActivationBytes, Units.Bytes(m.PeakActivationBytes)),
            (".data+.bss", m.DataBytes + m.BssBytes, Units.Bytes(m.DataBytes + m.BssBytes)),
            ("peak stack", m.PeakStackBytes, Units.Bytes(m.PeakStackBytes)),
            ("heap", m.HeapBytes, Units.Bytes(m.HeapBytes)),
        }, "#b65c3b", "memory-breakdown"));
        sb.Append("<p>Peak live activations are ").Append(Units.Fixed(100 * m.ActivationShareOfModel, 1)).Append("% of weights + activations and ")
          .Append(Units.Fixed(100 * m.ActivationShareOfFootprint, 1)).Append("% of the whole footprint.</p>");

        sb.Append("<h2>Operators</h2><table><tr><th>#</th><th>type</th><th>function</th><th>shape</th><th>cycles</th><th>MACs</th><th>MAC/cycle</th><th>IPC</th><th>energy</th><th>live activations</th></tr>");
        foreach (var o in r.Operators)
            sb.Append("<tr><td class=\"n\">").Append(o.Index).Append("</td><td>").Append(E(o.Type)).Append("</td><td><code>").Append(E(o.Function))
              .Append("</code></td><td>").Append(E(o.Shape)).Append("</td><td class=\"n\">").Append(Units.Count(o.Cycles)).Append("</td><td class=\"n\">")
              .Append(Units.Count(o.Macs)).Append("</td><td class=\"n\">").Append(Units.Fixed(o.MacsPerCycle)).Append("</td><td class=\"n\">").Append(Units.Fixed(o.Ipc))
              .Append("</td><td class=\"n\">").Append(Units.Energy(o.EnergyJoules)).Append("</td><td class=\"n\">").Append(Units.Bytes(o.LiveActivationBytes)).Append("</td></tr>");
        sb.Append("</table>");
        sb.Append("<h2>Hottest functions (exclusive cycles)</h2><table><tr><th>function</th><th>calls</th><th>exclusive</th><th>inclusive</th></tr>");
        foreach (var f in r.Functions.Take(20))
            sb.Append("<tr><td><code>").Append(E(f.Name)).Append("</code></td><td class=\"n\">").Append(Units.Count(f.Calls)).Append("</td><td class=\"n\">")
              .Append(Units.Count(f.ExclusiveCycles)).Append("</td><td class=\"n\">").Append(Units.Count(f.InclusiveCycles)).Append("</td></tr>");
        sb.Append("</table></body></html>\n");
        w.Write(sb.ToString());
    }

    /// <summary>A horizontal bar chart as inline SVG.</summary>
    private static string Bars(List<(string Label, double Value, string Text)> items, string color, string id)
    {
        const int barH = 18, gap = 4, labelW = 200, chartW = 520, textW = 160;
        double max = items.Count == 0 ? 1 : Math.Max(1e-12, items.Max(i => i.Value));
        int height = Math.Max(1, items.Count) * (barH + gap) + gap;
        var sb = new StringBuilder();
        sb.Append($"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelW + chartW + textW}\" height=\"{height}\" role=\"img\">");
        int y = gap;
        foreach (var (label, value, text) in items)
        {
            double wBar = Math.Max(1, chartW * value / max);
            sb.Append($"<text x=\"{labelW - 6}\" y=\"{y + 13}\" text-anchor=\"end\">{E(label)}</text>");
            sb.Append($"<rect x=\"{labelW}\" y=\"{y}\" width=\"{F(wBar)}\" height=\"{barH}\" fill=\"{color}\"><title>{E(label)}: {E(text)}</title></rect>");
            sb.Append($"<text x=\"{F(labelW + wBar + 6)}\" y=\"{y + 13}\">{E(text)}</text>");
            y += barH + gap;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
