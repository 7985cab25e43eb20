using FluentAssertions;
using M7Sim.Simulation;

namespace M7Sim.Tests.TestSupport;

/// <summary>A finished run: the machine, what the firmware printed and how it stopped.</summary>
public sealed record RunOutcome(Machine Machine, byte[] Stdout, RunResult Result)
{
    /// <summary>Asserts that two runs of one program ended identically: stop, exit code, instructions,
    /// cycles, message, output, core registers, xPSR and the FP registers.</summary>
    public void ShouldMatch(RunOutcome expected)
    {
        Result.Reason.Should().Be(expected.Result.Reason, Result.Message);
        Result.ExitCode.Should().Be(expected.Result.ExitCode);
        Result.Instructions.Should().Be(expected.Result.Instructions);
        Result.Cycles.Should().Be(expected.Result.Cycles);
        Result.Message.Should().Be(expected.Result.Message);
        Stdout.Should().Equal(expected.Stdout);
        for (int r = 0; r < 16; r++)
            Machine.GetRegister(r).Should().Be(expected.Machine.GetRegister(r), $"R{r}");
        Machine.Cpu.Xpsr.Should().Be(expected.Machine.Cpu.Xpsr);
        Machine.Cpu.S.Should().Equal(expected.Machine.Cpu.S);
    }
}
