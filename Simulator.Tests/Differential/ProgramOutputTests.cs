using FluentAssertions;
using M7Sim.Simulation;
using Xunit;

namespace M7Sim.Tests.Differential;

/// <summary>
/// The integer C test programs (kernels-elf/tests/*.c at -O0/-O2/-Os) run in M7Sim on the mps2-an500
/// and STM32F746 boards must print exactly what QEMU printed for the mps2 build and exit with the same
/// status. The programs print nothing board-specific, so one oracle output serves both boards.
/// </summary>
public sealed class ProgramOutputTests
{
    public static TheoryData<string, string> Programs => DifferentialCases.IntegerPrograms();

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_output_matches_qemu_byte_for_byte(string program, string variant)
        => ProgramCheck.Run(program, variant);
}

/// <summary>The floating-point printf program, kept apart so the FPU work is tracked on its own.</summary>
public sealed class FloatingPointProgramOutputTests
{
    public static TheoryData<string, string> Programs => DifferentialCases.FloatingPointPrograms();

    [Theory]
    [MemberData(nameof(Programs))]
    public void Floating_point_program_output_matches_qemu_byte_for_byte(string program, string variant)
        => ProgramCheck.Run(program, variant);
}

internal static class ProgramCheck
{
    public static void Run(string program, string variant)
    {
        var expected = ExpectedOutput.Load(program);
        if (variant == "mps2") ExpectedOutput.CheckLiveQemu(program, expected);

        var run = SimulatorRun.Execute(DifferentialCases.ElfPath(program, variant), DifferentialCases.BoardFor(variant));

        run.Stdout.AsSpan().SequenceEqual(expected.Stdout).Should().BeTrue(
            $"{program}.{variant} must print what QEMU printed; {OutputDiff.Describe(expected.Stdout, run.Stdout)}\n{run.Describe()}");
        run.Result.Reason.Should().Be(StopReason.Exited, run.Describe());
        run.Result.ExitCode.Should().Be(expected.ExitCode, "QEMU's exit status propagates from SYS_EXIT_EXTENDED");
    }
}
