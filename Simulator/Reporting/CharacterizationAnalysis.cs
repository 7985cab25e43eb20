namespace M7Sim.Reporting;

/// <summary>One operator type's benchmark cases: the chart series and the figures the summary compares.</summary>
public sealed record TypeSeries(string Type, string WorkUnit, IReadOnlyList<CharacterizationCase> Points, double MinWork, double MaxWork,
    double OpsPerCycle, double EnergyPerOpNj)
{
    /// <summary>
    /// Throughput at a given work per output, linearly interpolated in log(work) between the measured cases
    /// (cases at the same work are averaged). Outside the measured range only when the nearest case is within
    /// <see cref="CharacterizationAnalysis.Reach"/>× of it; otherwise null (not comparable there).
    /// </summary>
    public double? OpsPerCycleAt(double work) => At(work, c => c.OpsPerCycle);

    public double? EnergyPerOpNjAt(double work) => At(work, c => c.EnergyPerOpNj);

    private double? At(double work, Func<CharacterizationCase, double> f)
    {
        var xs = Points.GroupBy(p => p.WorkPerOutput).OrderBy(g => g.Key).Select(g => (X: g.Key, Y: g.Average(f))).ToList();
        if (xs.Count == 0) return null;
        if (work <= xs[0].X) return xs[0].X / work <= CharacterizationAnalysis.Reach ? xs[0].Y : null;
        if (work >= xs[^1].X) return work / xs[^1].X <= CharacterizationAnalysis.Reach ? xs[^1].Y : null;
        for (int i = 1; i < xs.Count; i++)
        {
            if (work > xs[i].X) continue;
            double t = (Math.Log(work) - Math.Log(xs[i - 1].X)) / (Math.Log(xs[i].X) - Math.Log(xs[i - 1].X));
            return xs[i - 1].Y + t * (xs[i].Y - xs[i - 1].Y);
        }
        return null;
    }
}

/// <summary>Operation types ranked at one work-per-output point (best throughput first).</summary>
public sealed record RankAt(double Work, IReadOnlyList<(string Type, double OpsPerCycle, double EnergyPerOpNj)> Types)
{
    public double ThroughputSpread => Types.Count < 2 ? 1 : Types[0].OpsPerCycle / Types[^1].OpsPerCycle;

    public double EnergySpread => Types.Count < 2 ? 1 : Types.Max(t => t.EnergyPerOpNj) / Types.Min(t => t.EnergyPerOpNj);

    public RankAt Among(IReadOnlySet<string> types) => new(Work, Types.Where(t => types.Contains(t.Type)).ToList());
}

public enum Verdict { Matches, Partly, DoesNotMatch, NotMeasured }

/// <summary>One of the paper's findings, checked against this run.</summary>
public sealed record Finding(string Claim, Verdict Verdict, string Evidence);

/// <summary>The comparisons behind the summary: series per type, rankings at comparable work, the paper's findings.</summary>
public static class CharacterizationAnalysis
{
    /// <summary>How far (factor) a type's nearest measured case may be from a comparison point (FC 8 vs 9, depthwise 961 vs 1000).</summary>
    public const double Reach = 1.25;

    /// <summary>Work-per-output points where the types are compared: elementwise (1), then the range every MAC sweep covers.</summary>
    public static readonly IReadOnlyList<double> ComparisonPoints = [1, 9, 64, 256, 1000];

    public const string MaxPool = "max_pool", Conv1x1 = "conv_1x1", FullyConnected = "fully_connected", Depthwise = "depthwise_conv";

    /// <summary>One series per operator type, in order of first appearance (the suite order), points by work per output.</summary>
    public static List<TypeSeries> Series(CharacterizationResult r) =>
        r.Cases.GroupBy(c => c.Type).Select(g =>
        {
            var pts = g.OrderBy(c => c.WorkPerOutput).ThenBy(c => c.Suite, StringComparer.Ordinal).ThenBy(c => c.Case).ToList();
            double ops = pts.Sum(c => (double)c.Ops), cycles = pts.Sum(c => c.Cycles), energy = pts.Sum(c => c.EnergyJoules);
            return new TypeSeries(g.Key, pts[0].WorkUnit, pts, pts[0].WorkPerOutput, pts[^1].WorkPerOutput,
                cycles == 0 ? 0 : ops / cycles, ops == 0 ? 0 : energy * 1e9 / ops);
        }).ToList();

    public static List<RankAt> Rankings(IReadOnlyList<TypeSeries> series) =>
        ComparisonPoints.Select(x => new RankAt(x, series
                .Select(s => (s.Type, Tp: s.OpsPerCycleAt(x), E: s.EnergyPerOpNjAt(x)))
                .Where(t => t.Tp is not null && t.E is not null)
                .Select(t => (t.Type, t.Tp!.Value, t.E!.Value))
                .OrderByDescending(t => t.Item2).ThenBy(t => t.Type, StringComparer.Ordinal)
                .ToList()))
            .Where(r => r.Types.Count >= 2).ToList();

    /// <summary>
    /// The layer types the paper measures (convolutions, depthwise, fully-connected, pooling). Softmax and the
    /// elementwise operations are ranked too but kept out of the paper's comparisons: their "ops" (one per element)
    /// hide tens to hundreds of instructions each, so they would dominate every spread.
    /// </summary>
    public static readonly IReadOnlySet<string> PaperTypes =
        new HashSet<string>(StringComparer.Ordinal) { "conv", "conv_1x1", "conv_1xn", Depthwise, FullyConnected, MaxPool, "avg_pool" };

    /// <summary>Types in order of their mean normalised rank over the comparison points (0 = always first, 1 = always last).</summary>
    public static List<(string Type, double MeanRank, int Points)> OverallOrder(IReadOnlyList<RankAt> ranks, Func<RankAt, IReadOnlyList<string>> order) =>
        ranks.SelectMany(k =>
            {
                var o = order(k);
                return o.Select((t, i) => (Type: t, Rank: o.Count < 2 ? 0.0 : (double)i / (o.Count - 1)));
            })
            .GroupBy(x => x.Type)
            .Select(g => (g.Key, g.Average(x => x.Rank), g.Count()))
            .OrderBy(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();

    public static List<Finding> Findings(CharacterizationResult r, IReadOnlyList<RankAt> allRanks)
    {
        var f = new List<Finding>();
        var macTypes = r.Cases.Where(c => c.Macs > 0).Select(c => c.Type).ToHashSet();
        var ranks = allRanks.Select(k => k.Among(PaperTypes)).Where(k => k.Types.Count >= 2).ToList();

        // 1. Max pooling: the slowest operation per op.
        var withPool = ranks.Where(k => k.Types.Any(t => t.Type == MaxPool)).ToList();
        int poolLast = withPool.Count(k => k.Types[^1].Type == MaxPool);
        f.Add(new Finding("max pooling has the lowest throughput per op", Tally(poolLast, withPool.Count),
            string.Join("; ", withPool.Select(k => k.Types[^1].Type == MaxPool
                ? $"at {Fmt(k.Work)}: max_pool is last ({Of(k, MaxPool):0.###} ops/cycle)"
                : $"at {Fmt(k.Work)}: max_pool {Of(k, MaxPool):0.###} ops/cycle is #{k.Types.Select(t => t.Type).ToList().IndexOf(MaxPool) + 1} of {k.Types.Count}; slowest {k.Types[^1].Type} {k.Types[^1].OpsPerCycle:0.###}"))));

        // 2. GEMM (1x1 convolution) beats GEMV (fully connected) at equal MACs per output.
        var both = ranks.Where(k => k.Types.Any(t => t.Type == Conv1x1) && k.Types.Any(t => t.Type == FullyConnected)).ToList();
        int gemmWins = both.Count(k => Of(k, Conv1x1) > Of(k, FullyConnected));
        f.Add(new Finding("1x1 convolution (GEMM) has higher throughput than fully-connected (GEMV) at equal MACs per output", Tally(gemmWins, both.Count),
            string.Join("; ", both.Select(k => $"at {Fmt(k.Work)}: conv_1x1/fc = {Of(k, Conv1x1) / Of(k, FullyConnected):0.00}x"))));

        // 3. Depthwise convolution: the slowest MAC operation.
        var withDw = ranks.Where(k => k.Types.Any(t => t.Type == Depthwise) && k.Types.Count(t => macTypes.Contains(t.Type)) >= 2).ToList();
        int dwLast = withDw.Count(k => k.Types.Last(t => macTypes.Contains(t.Type)).Type == Depthwise);
        f.Add(new Finding("depthwise convolution has the lowest throughput of the MAC operations", Tally(dwLast, withDw.Count),
            string.Join("; ", withDw.Select(k =>
                $"at {Fmt(k.Work)}: {string.Join(" > ", k.Types.Where(t => macTypes.Contains(t.Type)).Select(t => $"{t.Type} {t.OpsPerCycle:0.###}"))}"))));

        // 4./5. Spread across the paper's types at equal work (the paper: up to about 5x in throughput and in energy).
        if (ranks.Count == 0)
            f.Add(new Finding("throughput and energy per op differ up to ~5x across operation types at equal work", Verdict.NotMeasured, "no comparison point with two types"));
        else
        {
            var widest = ranks.MaxBy(k => k.ThroughputSpread)!;
            f.Add(new Finding("throughput differs up to ~5x across operation types at equal work", SpreadVerdict(widest.ThroughputSpread),
                $"widest {widest.ThroughputSpread:0.0}x at {Fmt(widest.Work)} ({widest.Types[0].Type} vs {widest.Types[^1].Type}); " +
                string.Join(", ", ranks.Select(k => $"{k.ThroughputSpread:0.0}x at {Fmt(k.Work)}"))));
            var widestE = ranks.MaxBy(k => k.EnergySpread)!;
            f.Add(new Finding("energy per op differs up to ~5x across operation types at equal work", SpreadVerdict(widestE.EnergySpread),
                $"widest {widestE.EnergySpread:0.0}x at {Fmt(widestE.Work)} ({widestE.Types.MaxBy(t => t.EnergyPerOpNj).Type} vs {widestE.Types.MinBy(t => t.EnergyPerOpNj).Type}); " +
                string.Join(", ", ranks.Select(k => $"{k.EnergySpread:0.0}x at {Fmt(k.Work)}"))));
        }

        // 6. DS-CNN variants with (nearly) equal ops: energy and latency differ (the paper: about 30%).
        if (r.Models.Count >= 2)
        {
            double ops = Spread(r.Models.Select(m => (double)m.Ops)), cyc = Spread(r.Models.Select(m => m.Cycles)), en = Spread(r.Models.Select(m => m.EnergyJoules));
            var worst = r.Models.MaxBy(m => m.EnergyJoules)!;
            double enWithout = Spread(r.Models.Where(m => m != worst).Select(m => m.EnergyJoules));
            var verdict = en >= DsCnnSpreadLow && en <= DsCnnSpreadHigh ? Verdict.Matches
                : en >= DsCnnSpreadLow / 2 ? Verdict.Partly : Verdict.DoesNotMatch;
            string size = en > DsCnnSpreadHigh ? "larger than the paper's ~30%; " : en < DsCnnSpreadLow ? "smaller than the paper's ~30%; " : "";
            f.Add(new Finding("DS-CNN models with equal ops differ by ~30% in energy", verdict,
                $"{size}ops spread {100 * ops:0.0}%, cycles spread {100 * cyc:0.0}%, energy spread {100 * en:0.0}% " +
                $"(lowest energy {r.Models.MinBy(m => m.EnergyJoules)!.Name}, highest {worst.Name}; without {worst.Name}: {100 * enWithout:0.0}%)"));
        }
        return f;
    }

    /// <summary>(max − min) / min.</summary>
    public static double Spread(IEnumerable<double> values)
    {
        var v = values.ToList();
        return v.Count == 0 || v.Min() <= 0 ? 0 : v.Max() / v.Min() - 1;
    }

    /// <summary>
    /// "About 30%" is reproduced by an energy spread of 15% to 60%; a larger one, or down to half of 15%, keeps the
    /// direction (equal ops, unequal cost) but not the size: partly.
    /// </summary>
    public const double DsCnnSpreadLow = 0.15, DsCnnSpreadHigh = 0.60;

    /// <summary>"Up to ~5x" is reproduced by a widest spread of the same order, 2.5x to 10x; 1.75x to 2.5x or above 10x: partly.</summary>
    private static Verdict SpreadVerdict(double spread) =>
        spread >= 2.5 && spread <= 10 ? Verdict.Matches : spread >= 1.75 ? Verdict.Partly : Verdict.DoesNotMatch;

    private static Verdict Tally(int yes, int of) =>
        of == 0 ? Verdict.NotMeasured : yes == of ? Verdict.Matches : yes == 0 ? Verdict.DoesNotMatch : Verdict.Partly;

    private static double Of(RankAt k, string type) => k.Types.First(t => t.Type == type).OpsPerCycle;

    public static string Fmt(double work) => $"{work:0.##}/output";
}
