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
    /// Where two console outputs first differ, with the nearest preceding "layer ..." / "case ..." line
    /// naming the tensor the difference is in.
    /// </summary>
    public static string FirstDifference(string actual, string expected)
    {
        string[] a = actual.Split('\n'), e = expected.Split('\n');
        string section = "(before the first layer/case)";
        for (int i = 0; i < Math.Max(a.Length, e.Length); i++)
        {
            string al = i < a.Length ? a[i] : "<end of output>";
            string el = i < e.Length ? e[i] : "<end of output>";
            if (al != el)
                return $"first difference at line {i + 1} in {section}:\n  M7Sim:     {al}\n  reference: {el}";
            if (el.StartsWith("layer ", StringComparison.Ordinal) || el.StartsWith("case ", StringComparison.Ordinal)) section = el;
        }
        return "outputs are identical";
    }
}
