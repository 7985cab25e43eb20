using System.Collections.Concurrent;
using M7Sim.Tests.TestSupport;
using M7Sim.Tests.Workloads.Reference;

namespace M7Sim.Tests.Workloads;

/// <summary>
/// The reference's console output of each workload program, computed once per test run and shared by the
/// tests of every board variant.
/// </summary>
internal static class ReferenceOutputs
{
    private static readonly ConcurrentDictionary<(string, bool), Lazy<string>> Cache = new();
    private static readonly Lazy<ReferenceBench> Bench = new(() => new ReferenceBench(ToolchainPaths.RepoRoot));

    public static bool IsNetwork(string name) => WorkloadPrograms.Networks.Contains(name);

    /// <summary>What the program prints (with <c>--dump</c> when <paramref name="dump"/>), per the reference.</summary>
    public static string Text(string name, bool dump) =>
        Cache.GetOrAdd((name, dump), key => new Lazy<string>(() => Compute(key.Item1, key.Item2))).Value;

    private static string Compute(string name, bool dump)
    {
        if (name == WorkloadPrograms.SelfTest) return ReferenceSelfTest.ProgramOutput(dump);
        if (IsNetwork(name))
        {
            var net = ReferenceNetwork.Load(ToolchainPaths.RepoRoot, name);
            return net.ProgramOutput(net.Run(), dump);
        }
        return ReferenceBench.ProgramOutput(name, Bench.Value.Run(name), dump);
    }

    /// <summary>
    /// Where two console outputs first differ: the first differing line that is not merely a "layer ..." /
    /// "case ..." header whose checksum differs (those only name the tensor), with that header and, inside a
    /// --dump tensor (16 values per line), the index of the first element on the line.
    /// </summary>
    public static string FirstDifference(string actual, string expected)
    {
        string[] a = actual.Split('\n'), e = expected.Split('\n');
        string section = "(before the first layer/case)";
        string? checksumMismatch = null;
        int dumpHeader = -1;
        for (int i = 0; i < Math.Max(a.Length, e.Length); i++)
        {
            string al = i < a.Length ? a[i] : "<end of output>";
            string el = i < e.Length ? e[i] : "<end of output>";
            bool header = el.StartsWith("layer ", StringComparison.Ordinal) || el.StartsWith("case ", StringComparison.Ordinal);
            if (header && al != el && SameUpToChecksum(al, el))
            {
                checksumMismatch ??= $"  M7Sim:     {al}\n  reference: {el}\n";
                header = true;
            }
            else if (al != el)
            {
                string where = dumpHeader >= 0 && i > dumpHeader ? $", tensor elements from index {16 * (i - dumpHeader - 1)}" : "";
                return $"first difference at line {i + 1} in {section}{where}:\n{checksumMismatch}  M7Sim:     {al}\n  reference: {el}";
            }
            if (header) { section = el; dumpHeader = -1; }
            else if (el.EndsWith("]:", StringComparison.Ordinal)) dumpHeader = i;
        }
        return checksumMismatch is null ? "outputs are identical" : $"only checksums differ:\n{checksumMismatch}";
    }

    private static bool SameUpToChecksum(string a, string b)
    {
        int ia = a.LastIndexOf(" checksum ", StringComparison.Ordinal), ib = b.LastIndexOf(" checksum ", StringComparison.Ordinal);
        return ia > 0 && ia == ib && string.CompareOrdinal(a, 0, b, 0, ia) == 0;
    }
}
