using FluentAssertions;
using M7Sim.Simulation;
using Xunit;

namespace M7Sim.Tests.DifferentialFpx;

/// <summary>
/// The FPv5 instruction-group programs (kernels-elf/tests-fpx/fp_*.c) and the exception programs
/// (exc_*.c), run in M7Sim on the mps2-an500 and STM32F746 boards, must print exactly what QEMU
/// mps2-an500 printed for the mps2 build and exit with the same status. Nothing the programs print is
/// board-specific, so one oracle output serves both boards.
/// </summary>
public sealed class FpxProgramTests
{
    public static TheoryData<string, string> FloatingPoint => FpxCases.FloatingPoint();
    public static TheoryData<string, string> Exceptions => FpxCases.Exceptions();

    [Theory]
    [MemberData(nameof(FloatingPoint))]
    public void Floating_point_program_prints_what_qemu_printed(string program, string variant)
        => Check(program, variant);

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Exception_program_prints_what_qemu_printed(string program, string variant)
        => Check(program, variant);

    private static void Check(string program, string variant)
    {
        var expected = FpxOracle.Load(program);
        if (variant == "mps2") FpxOracle.CheckLive(program, expected);

        var run = FpxSimulatorRun.Execute(program, variant);

        run.Stdout.AsSpan().SequenceEqual(expected.Stdout).Should().BeTrue(
            $"{program}.{variant} must print what QEMU printed; {FpxOracle.FirstDifference(expected.Stdout, run.Stdout)}\n{run.Describe()}");
        run.Result.Reason.Should().Be(StopReason.Exited, run.Describe());
        run.Result.ExitCode.Should().Be(expected.ExitCode, "QEMU's exit status comes from SYS_EXIT_EXTENDED");
    }
}
