using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace M7Sim.Baselines;

/// <summary>CI-native renderings of a check: Markdown for a pull-request comment, JUnit XML, GitHub annotations.</summary>
public static class CheckReports
{
    private static string N(double v) => Math.Abs(v) >= 1e-3 || v == 0 ? v.ToString("#,0.###", CultureInfo.InvariantCulture) : v.ToString("0.###e0", CultureInfo.InvariantCulture);

    private static string Pct(Delta d) => double.IsInfinity(d.RelativeChange) ? "new" : (d.RelativeChange * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%";

    private static string Icon(Verdict v) => v switch
    {
        Verdict.Regression => "🔴 regression",
        Verdict.Improvement => "🟢 improvement",
        Verdict.ModelChanged => "🟡 model changed",
        Verdict.Added => "🟡 added",
        Verdict.Removed => "🟡 removed",
        _ => "within",
    };

    /// <summary>Summary line plus a table of every changed figure, largest relative change first.</summary>
    public static string Markdown(CheckResult r)
    {
        var sb = new StringBuilder();
        var changed = r.Deltas.Where(d => d.Verdict != Verdict.Within).OrderByDescending(d => Math.Abs(d.RelativeChange)).ThenBy(d => d.Entry, StringComparer.Ordinal).ToList();
        int regressions = r.Deltas.Count(d => d.Verdict is Verdict.Regression);
        int improvements = r.Deltas.Count(d => d.Verdict is Verdict.Improvement);
        int entries = r.Deltas.Select(d => d.Entry).Distinct().Count();
        sb.AppendLine("## M7Sim cycle baseline check");
        sb.AppendLine();
        sb.AppendLine(changed.Count == 0
            ? $"All {entries} ELF(s) match the baseline exactly (within tolerance)."
            : $"{entries} ELF(s) checked: **{regressions} regression(s)**, {improvements} improvement(s), {changed.Count - regressions - improvements} other change(s).");
        if (changed.Count == 0) return sb.ToString();
        sb.AppendLine();
        sb.AppendLine("| ELF | scope | type | metric | baseline | current | change | verdict |");
        sb.AppendLine("|---|---|---|---|---:|---:|---:|---|");
        foreach (var d in changed)
            sb.AppendLine($"| {d.Entry} | {d.Scope} | {d.OperatorType ?? ""} | {d.Metric} | {N(d.Baseline)} | {N(d.Current)} | {Pct(d)} | {Icon(d.Verdict)}{(d.Note is null ? "" : " — " + d.Note)} |");
        return sb.ToString();
    }

    /// <summary>JUnit XML: one test case per ELF total and per operator; failures for regressions and model changes.</summary>
    public static string JUnit(CheckResult r)
    {
        var suites = new XElement("testsuites");
        foreach (var entry in r.Deltas.GroupBy(d => d.Entry))
        {
            var cases = entry.GroupBy(d => d.Scope).Select(g =>
            {
                var tc = new XElement("testcase", new XAttribute("classname", $"m7sim.baseline.{entry.Key}"), new XAttribute("name", g.Key));
                var bad = g.Where(d => d.Verdict is not (Verdict.Within or Verdict.Improvement)).ToList();
                if (bad.Count > 0)
                    tc.Add(new XElement("failure", new XAttribute("message", string.Join("; ", bad.Select(Describe))), string.Join("\n", bad.Select(Describe))));
                var good = g.Where(d => d.Verdict == Verdict.Improvement).ToList();
                if (good.Count > 0) tc.Add(new XElement("system-out", string.Join("\n", good.Select(Describe))));
                return tc;
            }).ToList();
            suites.Add(new XElement("testsuite", new XAttribute("name", entry.Key), new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)), cases));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).ToString();
    }

    /// <summary>GitHub Actions workflow commands (::error / ::notice) for changed figures.</summary>
    public static IEnumerable<string> GitHubAnnotations(CheckResult r) =>
        r.Deltas.Where(d => d.Verdict != Verdict.Within).Select(d =>
            $"::{(d.Verdict == Verdict.Improvement ? "notice" : "error")} file={d.Elf},title=M7Sim {d.Verdict}::{Describe(d)}");

    public static string Describe(Delta d) =>
        d.Metric == "-" ? $"{d.Entry} {d.Scope}: {d.Verdict} ({d.Note})"
            : $"{d.Entry} {d.Scope} {d.Metric}: {N(d.Baseline)} -> {N(d.Current)} ({Pct(d)}) {d.Verdict}{(d.Note is null ? "" : $" ({d.Note})")}";
}
