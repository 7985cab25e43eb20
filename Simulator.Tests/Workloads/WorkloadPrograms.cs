using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>
/// The committed workload ELFs of kernels-elf/build checked by these tests: the networks, the operator
/// micro-benchmarks and the kernel self-test, in every board variant that was built.
/// </summary>
internal static class WorkloadPrograms
{
    public static readonly string[] Networks = ["cifar10_cnn", "ds_cnn_s", "ds_cnn_v1", "ds_cnn_v2", "ds_cnn_v3", "ds_cnn_v4", "ds_cnn_v5"];

    public static readonly string[] Benchmarks = Reference.ReferenceBench.Suites;

    /// <summary>The kernel self-test (bench/nn_selftest.c).</summary>
    public const string SelfTest = "nn_selftest";

    /// <summary>Board of a variant: mps2 is QEMU's mps2-an500, every f746 variant the STM32F746 Nucleo.</summary>
    public static string BoardFor(string variant) => variant == "mps2" ? "mps2-an500" : "stm32f746-nucleo";

    public static string ElfPath(string name, string variant) => Path.Combine(ToolchainPaths.KernelsBuild, $"{name}.{variant}.elf");

    /// <summary>QEMU's console output of NAME.mps2.elf (build/expected/NAME.txt).</summary>
    public static string ExpectedOutput(string name) => File.ReadAllText(Path.Combine(ToolchainPaths.Expected, $"{name}.txt"));

    /// <summary>
    /// Every variant of <paramref name="name"/> present in build/ (found from the files, so a new variant is
    /// tested without editing this list). Fails loudly when a program has no ELF at all.
    /// </summary>
    public static IEnumerable<string> Variants(string name)
    {
        var variants = Directory.GetFiles(ToolchainPaths.KernelsBuild, $"{name}.*.elf")
            .Select(p => Path.GetFileName(p)[(name.Length + 1)..^".elf".Length])
            .Where(v => !v.Contains('.'))
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToArray();
        if (variants.Length == 0) throw new FileNotFoundException($"no {name}.*.elf in {ToolchainPaths.KernelsBuild}");
        return variants;
    }

    public static TheoryData<string> NetworkNames() => [.. Networks];

    public static TheoryData<string> BenchmarkNames() => [.. Benchmarks];

    public static TheoryData<string, string> NetworkElfs() => Elfs(Networks);

    public static TheoryData<string, string> BenchmarkElfs() => Elfs(Benchmarks);

    public static TheoryData<string, string> SelfTestElfs() => Elfs([SelfTest]);

    private static TheoryData<string, string> Elfs(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (string name in names)
            foreach (string variant in Variants(name))
                data.Add(name, variant);
        return data;
    }
}
