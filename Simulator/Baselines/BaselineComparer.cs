namespace M7Sim.Baselines;

public enum Verdict { Within, Regression, Improvement, ModelChanged, Added, Removed }

/// <summary>One compared figure.</summary>
public sealed record Delta(string Entry, string Elf, string Scope, string? OperatorType, string Metric, double Baseline, double Current, Verdict Verdict, string? Note = null)
{
    public double Change => Current - Baseline;
    public double RelativeChange => Baseline == 0 ? (Current == 0 ? 0 : double.PositiveInfinity) : (Current - Baseline) / Baseline;
}

/// <summary>The outcome of a check: every delta plus a verdict per entry.</summary>
public sealed class CheckResult
{
    public required List<Delta> Deltas { get; init; }
    public bool HasRegression => Deltas.Any(d => d.Verdict is Verdict.Regression or Verdict.ModelChanged or Verdict.Added or Verdict.Removed);
    public bool HasImprovement => Deltas.Any(d => d.Verdict == Verdict.Improvement);
}

/// <summary>
/// Compares current measurements with a baseline. Every metric is "lower is better" (cycles,
/// energy, memory). A changed board, core or energy model is a model change: its figures are not
/// judged as kernel regressions, the entry is reported so the baseline can be re-recorded.
/// </summary>
public static class BaselineComparer
{
    public static CheckResult Compare(BaselineFile baseline, IReadOnlyList<BaselineEntry> current, IReadOnlyList<Tolerance> tolerances, bool complete = true)
    {
        var deltas = new List<Delta>();
        var byName = baseline.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var cur in current)
        {
            if (!byName.TryGetValue(cur.Name, out var old))
            {
                deltas.Add(new Delta(cur.Name, cur.Elf, "total", null, "-", 0, 0, Verdict.Added, "not in the baseline"));
                continue;
            }
            var changedModels = old.ModelHashes.Keys.Union(cur.ModelHashes.Keys)
                .Where(k => old.ModelHashes.GetValueOrDefault(k) != cur.ModelHashes.GetValueOrDefault(k)).ToList();
            if (changedModels.Count > 0)
            {
                deltas.Add(new Delta(cur.Name, cur.Elf, "total", null, "cycles", old.Totals.GetValueOrDefault("cycles"), cur.Totals.GetValueOrDefault("cycles"),
                    Verdict.ModelChanged, $"model data changed ({string.Join(", ", changedModels)}): not a kernel regression; re-record with --update"));
                continue;
            }
            foreach (var (metric, value) in cur.Totals)
                deltas.Add(Judge(cur, "total", null, metric, old.Totals.GetValueOrDefault(metric), value, tolerances, null));
            var oldOps = old.Operators.ToDictionary(o => o.Key, StringComparer.Ordinal);
            var curKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var op in cur.Operators)
            {
                curKeys.Add(op.Key);
                if (!oldOps.TryGetValue(op.Key, out var oldOp))
                {
                    deltas.Add(new Delta(cur.Name, cur.Elf, $"#{op.Index} {op.Function}", op.Type, "-", 0, 0, Verdict.Added, "operator not in the baseline"));
                    continue;
                }
                foreach (var (metric, value) in op.Metrics)
                    deltas.Add(Judge(cur, $"#{op.Index} {op.Function}", op.Type, metric, oldOp.Metrics.GetValueOrDefault(metric), value, tolerances, op));
            }
            foreach (var gone in old.Operators.Where(o => !curKeys.Contains(o.Key)))
                deltas.Add(new Delta(cur.Name, cur.Elf, $"#{gone.Index} {gone.Function}", gone.Type, "-", 0, 0, Verdict.Removed, "operator no longer executed"));
        }
        // A shard measures only part of the manifest: missing entries are other shards' work.
        foreach (var gone in baseline.Entries.Where(b => complete && current.All(c => c.Name != b.Name)))
            deltas.Add(new Delta(gone.Name, gone.Elf, "total", null, "-", 0, 0, Verdict.Removed, "entry not measured"));
        return new CheckResult { Deltas = deltas };
    }

    private static Delta Judge(BaselineEntry e, string scope, string? type, string metric, double old, double cur, IReadOnlyList<Tolerance> tol, BaselineOperator? op)
    {
        var (abs, rel) = Tolerance.For(tol, metric, op);
        double allowed = Math.Max(abs, rel * Math.Abs(old));
        double diff = cur - old;
        var verdict = Math.Abs(diff) <= allowed ? Verdict.Within : diff > 0 ? Verdict.Regression : Verdict.Improvement;
        return new Delta(e.Name, e.Elf, scope, type, metric, old, cur, verdict);
    }

    /// <summary>Joins shard results (each a baseline file) into one, in manifest-name order of first appearance.</summary>
    public static BaselineFile Merge(IEnumerable<BaselineFile> shards)
    {
        var entries = new List<BaselineEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in shards)
            foreach (var e in s.Entries)
                if (!seen.Add(e.Name)) throw new BaselineException($"entry '{e.Name}' appears in more than one shard");
                else entries.Add(e);
        return new BaselineFile { M7SimVersion = BaselineRunner.Version, Entries = entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList() };
    }
}
