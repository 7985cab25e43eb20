using System.Globalization;

namespace M7Sim.Baselines;

/// <summary>
/// How much a metric may drift: "cycles=0.5%" (relative), "energyJ=1e-6" (absolute), optionally
/// scoped to an operator type or index: "conv:cycles=2%", "3:cycles=100". Exact by default: runs
/// are deterministic, so any difference is a real change.
/// </summary>
public sealed record Tolerance(string? Scope, string Metric, double Absolute, double Relative)
{
    public static Tolerance Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new BaselineException($"--tolerance {text}: expected [SCOPE:]METRIC=VALUE[%]");
        string left = text[..eq], value = text[(eq + 1)..];
        string? scope = null;
        int colon = left.IndexOf(':');
        if (colon >= 0) { scope = left[..colon]; left = left[(colon + 1)..]; }
        bool relative = value.EndsWith('%');
        if (!double.TryParse(relative ? value[..^1] : value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < 0)
            throw new BaselineException($"--tolerance {text}: '{value}' is not a non-negative number");
        return relative ? new Tolerance(scope, left, 0, v / 100) : new Tolerance(scope, left, v, 0);
    }

    public bool AppliesTo(string metric, BaselineOperator? op) =>
        Metric == metric && (Scope is null || (op is not null && (Scope == op.Type || Scope == op.Index.ToString(CultureInfo.InvariantCulture) || Scope == op.Function)));

    /// <summary>The most specific matching tolerance (operator index, then type/function, then global).</summary>
    public static (double Abs, double Rel) For(IReadOnlyList<Tolerance> all, string metric, BaselineOperator? op)
    {
        var match = all.Where(t => t.AppliesTo(metric, op))
            .OrderBy(t => t.Scope is null ? 2 : op is not null && t.Scope == op.Index.ToString(CultureInfo.InvariantCulture) ? 0 : 1)
            .FirstOrDefault();
        return match is null ? (0, 0) : (match.Absolute, match.Relative);
    }
}
