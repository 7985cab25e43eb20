using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using M7Sim.Baselines;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Baselines;

/// <summary>
/// The same ELF, board and model give identical figures: repeated runs, parallel runs in one
/// process, and a separate process (the m7sim command built with the solution).
/// </summary>
public class DeterminismTests
{
    private static readonly string Elf = Path.Combine(ToolchainPaths.KernelsBuild, "ds_cnn_s.f746.elf");

    private static string Fingerprint(BaselineEntry e) =>
        JsonSerializer.Serialize(new { e.Totals, Ops = e.Operators.Select(o => new { o.Key, o.Metrics }) });

    private static BaselineEntry MeasureOnce() =>
        BaselineRunner.MeasureOne(new ManifestEntry { Name = "ds_cnn_s", Elf = Elf }, ToolchainPaths.KernelsBuild);

    [Fact]
    public void Repeated_and_parallel_runs_in_one_process_agree_exactly()
    {
        string first = Fingerprint(MeasureOnce());
        var parallel = new string[4];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Fingerprint(MeasureOnce()));
        parallel.Should().OnlyContain(p => p == first);
        Fingerprint(MeasureOnce()).Should().Be(first);
    }

    [Fact]
    public void A_separate_process_records_the_same_baseline()
    {
        // The command built alongside these tests (same configuration).
        string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string cli = Path.Combine(ToolchainPaths.RepoRoot, "tools", "M7Sim.Cli", "bin", config, "net10.0", "m7sim.dll");
        File.Exists(cli).Should().BeTrue($"the m7sim command is built with the solution ({cli})");
        string output = Path.Combine(Path.GetTempPath(), $"m7sim-det-{Guid.NewGuid():N}.json");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = ToolchainPaths.KernelsBuild };
        foreach (var a in new[] { cli, "baseline", "create", Elf, "-o", output, "-j", "1" }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit(120_000).Should().BeTrue();
            p.ExitCode.Should().Be(0, err);
        }
        var file = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(output), BaselineRunner.Json)!;
        Fingerprint(file.Entries.Single()).Should().Be(Fingerprint(MeasureOnce()));
    }
}
