using System.Globalization;
using M7Sim.Tests.TestSupport;

namespace M7Sim.Tests.Differential;

/// <summary>QEMU's committed console output and exit status for one mps2 test program.</summary>
internal sealed record ExpectedOutput(byte[] Stdout, int ExitCode)
{
    public static ExpectedOutput Load(string name)
    {
        string txt = Path.Combine(ToolchainPaths.Expected, name + ".txt");
        string exit = Path.Combine(ToolchainPaths.Expected, name + ".exit");
        int code = int.Parse(File.ReadAllText(exit).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new ExpectedOutput(File.ReadAllBytes(txt), code);
    }

    /// <summary>
    /// Under CI the oracle is also run live: QEMU must reproduce the committed output exactly (a stale
    /// file would otherwise hide a regression) and a missing QEMU is a failure, never a skip. Outside
    /// CI a missing QEMU falls back to the committed output alone.
    /// </summary>
    public static void CheckLiveQemu(string name, ExpectedOutput expected)
    {
        string elf = DifferentialCases.ElfPath(name, "mps2");
        if (QemuRunner.ExecutablePath is null)
        {
            if (ToolchainPaths.IsCi)
                throw new Xunit.Sdk.XunitException($"CI=true but {QemuRunner.Executable} is not on PATH: the differential oracle cannot run (install qemu-system-arm)");
            return;
        }
        if (!ToolchainPaths.IsCi) return;
        var live = QemuRunner.Run(elf);
        if (live.TimedOut)
            throw new Xunit.Sdk.XunitException($"{QemuRunner.Executable} timed out on {elf}");
        if (live.ExitCode != expected.ExitCode || !live.Stdout.AsSpan().SequenceEqual(expected.Stdout))
            throw new Xunit.Sdk.XunitException(
                $"QEMU's live output for {name} differs from the committed kernels-elf/build/expected/{name}.txt/.exit " +
                $"(exit {live.ExitCode} vs {expected.ExitCode}); regenerate with `make -C kernels-elf tests-expected`.\n" +
                OutputDiff.Describe(expected.Stdout, live.Stdout));
    }
}
