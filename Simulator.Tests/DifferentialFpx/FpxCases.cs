using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.DifferentialFpx;

/// <summary>
/// The FPv5 and exception differential programs (kernels-elf/tests-fpx, built by tests-fpx/fpx.mk):
/// one case per committed ELF build/fpx-NAME.VARIANT.elf. The list comes from the ELFs themselves, so
/// an ELF whose QEMU output was never committed fails (no oracle) instead of being skipped, and an
/// empty list makes the theory fail with "no data" rather than pass vacuously.
/// </summary>
internal static class FpxCases
{
    public const string Prefix = "fpx-";

    public static string BoardFor(string variant) => variant switch
    {
        "mps2" => "mps2-an500",
        "f746" => "stm32f746-nucleo",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown board variant"),
    };

    public static string ElfPath(string name, string variant) =>
        Path.Combine(ToolchainPaths.KernelsBuild, $"{name}.{variant}.elf");

    /// <summary>FP instruction-group programs (fp_arith, fp_conv, ... and newlib printf).</summary>
    public static TheoryData<string, string> FloatingPoint() => Cases(n => n.StartsWith("fpx-fp_", StringComparison.Ordinal));

    /// <summary>Exception programs (SysTick, SVC, PendSV task switch, nested IRQs, fault handler).</summary>
    public static TheoryData<string, string> Exceptions() => Cases(n => n.StartsWith("fpx-exc_", StringComparison.Ordinal));

    /// <summary>Random straight-line VFP sequence programs (tools/gen_random_vfp.py).</summary>
    public static TheoryData<string, string> Random() => Cases(n => n.StartsWith("fpx-vfprand-", StringComparison.Ordinal));

    private static TheoryData<string, string> Cases(Func<string, bool> select)
    {
        var data = new TheoryData<string, string>();
        if (!Directory.Exists(ToolchainPaths.KernelsBuild)) return data;
        var elfs = Directory.GetFiles(ToolchainPaths.KernelsBuild, Prefix + "*.elf")
            .Select(p => Path.GetFileName(p)[..^".elf".Length])
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (string file in elfs)
        {
            int dot = file.LastIndexOf('.');
            string name = file[..dot], variant = file[(dot + 1)..];
            if (select(name)) data.Add(name, variant);
        }
        return data;
    }
}
