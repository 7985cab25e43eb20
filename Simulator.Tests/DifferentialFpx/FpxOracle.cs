using System.Globalization;
using System.Text;
using M7Sim.Tests.TestSupport;

namespace M7Sim.Tests.DifferentialFpx;

/// <summary>QEMU's committed console output and exit status for one fpx program (its mps2 build).</summary>
internal sealed record FpxOracle(byte[] Stdout, int ExitCode)
{
    /// <summary>
    /// QEMU's virtual clock counts instructions (one per 32 ns, near the AN500's 25 MHz) and jumps to the
    /// next timer deadline while the CPU sleeps, instead of following host time: without this, SysTick
    /// ticks land on different instructions from run to run and a loaded host changes what the
    /// exception programs print (a tick tail-chaining onto the previous one, COUNTFLAG set again before
    /// it is read). Same options as FPX_QEMU_FLAGS in kernels-elf/tests-fpx/fpx.mk, which wrote the
    /// committed output.
    /// </summary>
    public static readonly IReadOnlyList<string> DeterministicClock = ["-icount", "shift=5,sleep=off"];

    public static FpxOracle Load(string name)
    {
        string txt = Path.Combine(ToolchainPaths.Expected, name + ".txt");
        string exit = Path.Combine(ToolchainPaths.Expected, name + ".exit");
        if (!File.Exists(txt) || !File.Exists(exit))
            throw new Xunit.Sdk.XunitException(
                $"no QEMU output committed for {name} ({txt}, {exit}); run `make -C kernels-elf fpx-expected`");
        int code = int.Parse(File.ReadAllText(exit).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new FpxOracle(File.ReadAllBytes(txt), code);
    }

    /// <summary>
    /// Under CI=true QEMU also runs live and must reproduce the committed output exactly (a stale file
    /// would hide a regression); a missing qemu-system-arm is then a failure, never a skip. Outside CI
    /// the committed output is the oracle.
    /// </summary>
    public static void CheckLive(string name, FpxOracle expected)
    {
        if (!ToolchainPaths.IsCi) return;
        if (QemuRunner.ExecutablePath is null)
            throw new Xunit.Sdk.XunitException(
                $"CI=true but {QemuRunner.Executable} is not on PATH: the differential oracle cannot run (install qemu-system-arm)");
        string elf = FpxCases.ElfPath(name, "mps2");
        var live = QemuRunner.Run(elf, timeout: TimeSpan.FromSeconds(120), qemuOptions: DeterministicClock);
        if (live.TimedOut)
            throw new Xunit.Sdk.XunitException($"{QemuRunner.Executable} timed out on {elf}");
        if (live.ExitCode != expected.ExitCode || !live.Stdout.AsSpan().SequenceEqual(expected.Stdout))
            throw new Xunit.Sdk.XunitException(
                $"QEMU's live output for {name} differs from the committed kernels-elf/build/expected/{name}.txt/.exit " +
                $"(exit {live.ExitCode} vs {expected.ExitCode}); regenerate with `make -C kernels-elf fpx-expected`.\n" +
                FirstDifference(expected.Stdout, live.Stdout));
    }

    /// <summary>The first differing line of two console outputs, quoted.</summary>
    public static string FirstDifference(byte[] expected, byte[] actual)
    {
        string[] e = Lines(expected), a = Lines(actual);
        int n = Math.Min(e.Length, a.Length);
        for (int i = 0; i < n; i++)
        {
            if (e[i] != a[i])
                return $"first difference at line {i + 1}:\n  expected: {Show(e[i])}\n  actual:   {Show(a[i])}";
        }
        if (e.Length != a.Length)
        {
            return a.Length < e.Length
                ? $"output ends after line {a.Length}; expected next: {Show(e[a.Length])}"
                : $"output has {a.Length - e.Length} extra line(s), first: {Show(a[e.Length])}";
        }
        return "outputs are identical";
    }

    public static string[] Lines(byte[] b) => Encoding.Latin1.GetString(b).Split('\n');

    private static string Show(string s) => s.Length > 400 ? $"\"{s[..400]}\"…" : $"\"{s}\"";
}
