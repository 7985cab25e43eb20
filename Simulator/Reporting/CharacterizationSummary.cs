namespace M7Sim.Reporting;

/// <summary>The Markdown summary of `m7sim characterize` (also its console output): rankings, DS-CNN table, the paper's findings.</summary>
public static class CharacterizationSummary
{
    public static void Write(CharacterizationResult r, TextWriter w)
    {
        var series = CharacterizationAnalysis.Series(r);
        var ranks = CharacterizationAnalysis.Rankings(series);
        w.WriteLine("## M7Sim characterize: operator throughput and DS-CNN variants");
        w.WriteLine();
        w.WriteLine($"{r.Board} @ {r.ClockHz / 1e6:0.#} MHz, timing model {r.TimingModel}, energy model {r.EnergyModel}. " +
                    $"{r.Cases.Count} benchmark cases from {r.Cases.Select(c => c.Suite).Distinct().Count()} programs, {r.Models.Count} DS-CNN programs. " +
                    "Ops: 2 per MAC, one per window element for pooling, one per element otherwise. Work per output: MACs per output, " +
                    "the window for pooling, the row for softmax, 1 for elementwise operations.");
        w.WriteLine();

        w.WriteLine("### Operation types (micro-benchmarks)");
        w.WriteLine();
        w.WriteLine("| type | cases | work per output | ops/cycle min | ops/cycle max | ops/cycle, all cases | nJ/op, all cases |");
        w.WriteLine("|---|---:|---|---:|---:|---:|---:|");
        foreach (var s in series.OrderByDescending(s => s.OpsPerCycle))
            w.WriteLine($"| {s.Type} | {s.Points.Count} | {s.MinWork:0.##}–{s.MaxWork:0.##} {s.WorkUnit} | {s.Points.Min(p => p.OpsPerCycle):0.###} | " +
                        $"{s.Points.Max(p => p.OpsPerCycle):0.###} | {s.OpsPerCycle:0.###} | {s.EnergyPerOpNj:0.###} |");
        w.WriteLine();

        w.WriteLine("### Order by throughput at comparable work per output");
        w.WriteLine();
        w.WriteLine($"Interpolated in log(work) between the measured cases of each type; a type counts at a point only inside its sweep " +
                    $"(or within {CharacterizationAnalysis.Reach}x of its nearest case). The paper's types: " +
                    $"{string.Join(", ", CharacterizationAnalysis.PaperTypes.Order(StringComparer.Ordinal))}; softmax and the elementwise " +
                    "operations count one op per element, which hides tens to hundreds of instructions each.");
        w.WriteLine();
        foreach (var k in ranks)
            w.WriteLine($"- **{CharacterizationAnalysis.Fmt(k.Work)}** (ops/cycle): {string.Join(" > ", k.Types.Select(t => $"{t.Type} {t.OpsPerCycle:0.###}"))}" +
                        PaperSpread(k, x => x.ThroughputSpread));
        w.WriteLine();
        w.WriteLine($"Overall (mean normalised rank over the points above 1/output; 0 = always first): {Overall(ranks, k => k.Types.Select(t => t.Type).ToList())}.");
        w.WriteLine();
        w.WriteLine("### Order by energy per op at comparable work per output");
        w.WriteLine();
        foreach (var k in ranks)
            w.WriteLine($"- **{CharacterizationAnalysis.Fmt(k.Work)}** (nJ/op, cheapest first): " +
                        $"{string.Join(" < ", k.Types.OrderBy(t => t.EnergyPerOpNj).Select(t => $"{t.Type} {t.EnergyPerOpNj:0.###}"))}" +
                        PaperSpread(k, x => x.EnergySpread));
        w.WriteLine();
        w.WriteLine($"Overall (mean normalised rank over the points above 1/output; 0 = always cheapest): {Overall(ranks, k => k.Types.OrderBy(t => t.EnergyPerOpNj).Select(t => t.Type).ToList())}.");
        w.WriteLine();

        if (r.Models.Count > 0)
        {
            w.WriteLine($"### DS-CNN variants (inference only; relative to {r.Models[0].Name})");
            w.WriteLine();
            w.WriteLine("| model | MACs | ops | cycles | time | energy | depthwise MACs | ops/cycle | nJ/op | rel. ops | rel. cycles | rel. energy |");
            w.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in r.Models)
                w.WriteLine($"| {m.Name} | {Units.Count(m.Macs)} | {Units.Count(m.Ops)} | {Units.Count(m.Cycles)} | {Units.Time(m.Seconds)} | {Units.Energy(m.EnergyJoules)} | " +
                            $"{100 * m.DepthwiseMacShare:0.0}% | {m.OpsPerCycle:0.###} | {m.EnergyPerOpNj:0.###} | {m.RelativeOps:0.000} | {m.RelativeCycles:0.000} | {m.RelativeEnergy:0.000} |");
            w.WriteLine();
        }

        w.WriteLine("### Compared with the paper (Lai, Suda, Chandra, \"Not All Ops Are Created Equal!\", SysML 2018)");
        w.WriteLine();
        w.WriteLine("| paper's finding | here | evidence |");
        w.WriteLine("|---|---|---|");
        foreach (var f in CharacterizationAnalysis.Findings(r, ranks))
            w.WriteLine($"| {f.Claim} | {Text(f.Verdict)} | {f.Evidence} |");
        if (r.Notes.Count > 0)
        {
            w.WriteLine();
            foreach (var n in r.Notes) w.WriteLine($"- note: {n}");
        }
    }

    /// <summary>Only the points above 1/output: at 1 the elementwise operations are compared only with each other.</summary>
    private static string Overall(IReadOnlyList<RankAt> ranks, Func<RankAt, IReadOnlyList<string>> order) =>
        string.Join(", ", CharacterizationAnalysis.OverallOrder(ranks.Where(k => k.Work > 1).ToList(), order).Select(t => $"{t.Type} ({t.MeanRank:0.00} over {t.Points})"));

    private static string PaperSpread(RankAt k, Func<RankAt, double> spread)
    {
        var paper = k.Among(CharacterizationAnalysis.PaperTypes);
        return paper.Types.Count < 2 ? "" : $" — spread {spread(paper):0.0}x among the paper's types";
    }

    public static string Text(Verdict v) => v switch
    {
        Verdict.Matches => "matches",
        Verdict.Partly => "partly",
        Verdict.DoesNotMatch => "**does not match**",
        _ => "not measured",
    };
}
