using System.Text;
using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Semihosting;

/// <summary>
/// Whole programs using newlib's rdimon unmodified (printf, argv, exit) through BKPT 0xAB in the run
/// loop. Expected console text and exit codes are QEMU's (kernels-elf/build/expected, produced by
/// qemu-system-arm -M mps2-an500).
/// </summary>
public class SemihostProgramTests
{
    private static (RunResult Result, string Output) Run(string elf, params string[] args)
    {
        var stdout = new MemoryStream();
        var m = Machine.Load(RepoFiles.Path($"kernels-elf/build/{elf}"),
            new MachineOptions { Board = "mps2-an500", Timing = TimingMode.None, Stdout = stdout, Arguments = args });
        var r = m.Run(50_000_000);
        return (r, Encoding.UTF8.GetString(stdout.ToArray()));
    }

    private static string Expected(string name) => File.ReadAllText(RepoFiles.Path($"kernels-elf/build/expected/{name}"));

    [Fact]
    public void Hello_prints_what_qemu_prints_and_exits_with_zero()
    {
        var (r, output) = Run("hello.mps2.elf");
        r.Reason.Should().Be(StopReason.Exited, r.Message);
        r.ExitCode.Should().Be(0);
        output.Should().Be(Expected("hello.txt"));
    }

    [Fact]
    public void Arguments_reach_argv_through_get_cmdline()
    {
        var (r, output) = Run("hello.mps2.elf", "first", "second");
        r.Reason.Should().Be(StopReason.Exited);
        output.Should().StartWith("hello from hello (mps2), argc=3\nargv[1]=first\nargv[2]=second\n");
    }

    [Fact]
    public void A_nonzero_exit_status_becomes_the_exit_code()
    {
        var (r, output) = Run("tests-control-O2.mps2.elf");
        r.Reason.Should().Be(StopReason.Exited, r.Message);
        r.ExitCode.Should().Be(int.Parse(Expected("tests-control-O2.exit").Trim()));
        output.Should().Be(Expected("tests-control-O2.txt"));
    }
}
