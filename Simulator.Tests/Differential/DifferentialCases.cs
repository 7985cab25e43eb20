using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Differential;

/// <summary>
/// The committed differential test programs (kernels-elf/tests, built by tests/tests.mk): one case per
/// program, optimisation level and board variant. The list comes from the QEMU outputs committed in
/// kernels-elf/build/expected, so a program without an oracle output cannot slip in untested, and an
/// empty list makes the theory fail (xUnit reports "no data") rather than pass vacuously.
/// </summary>
internal static class DifferentialCases
{
    /// <summary>Board variants every test program is built for; QEMU runs only the mps2 build.</summary>
    public static readonly string[] Variants = ["mps2", "f746"];

    public static string BoardFor(string variant) => variant switch
    {
        "mps2" => "mps2-an500",
        "f746" => "stm32f746-nucleo",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown board variant"),
    };

    public static string ElfPath(string name, string variant) => Path.Combine(ToolchainPaths.KernelsBuild, $"{name}.{variant}.elf");

    /// <summary>C programs that use only the integer core (everything except the FPU program).</summary>
    public static TheoryData<string, string> IntegerPrograms() => Cases(n => n.StartsWith("tests-", StringComparison.Ordinal)
        && !n.StartsWith("tests-random-", StringComparison.Ordinal) && !IsFloatingPoint(n));

    /// <summary>The printf-of-floats program (FPv5 instructions in newlib's printf and libm).</summary>
    public static TheoryData<string, string> FloatingPointPrograms() => Cases(IsFloatingPoint);

    /// <summary>Random straight-line sequence programs (tools/gen_random_seq.py).</summary>
    public static TheoryData<string, string> RandomPrograms() => Cases(n => n.StartsWith("tests-random-", StringComparison.Ordinal));

    private static bool IsFloatingPoint(string name) => name.StartsWith("tests-fp_", StringComparison.Ordinal);

    private static TheoryData<string, string> Cases(Func<string, bool> select)
    {
        var data = new TheoryData<string, string>();
        if (!Directory.Exists(ToolchainPaths.Expected)) return data;
        var names = Directory.GetFiles(ToolchainPaths.Expected, "tests-*.txt")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Where(select)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (string name in names)
            foreach (string variant in Variants)
                data.Add(name, variant);
        return data;
    }
}
