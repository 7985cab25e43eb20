using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>
/// The --dump mode, which prints every layer's / case's full output tensor: M7Sim's dump of a few programs
/// (a dump run costs several times the plain run, most of it in printf) and QEMU's dump of every mps2 build
/// must each equal the reference's dump text, so every intermediate tensor is checked, not only checksums.
/// </summary>
[Trait("Category", "Workload")]
public sealed class DumpModeTests
{
    [Theory]
    [InlineData("ds_cnn_v5", "f746")]
    [InlineData("bench_fc", "mps2")]
    [InlineData("bench_softmax", "f746")]
    [InlineData("nn_selftest", "mps2")]
    public void M7Sim_dump_prints_every_tensor_exactly_as_the_reference(string program, string variant)
    {
        var run = WorkloadRun.Execute(WorkloadPrograms.ElfPath(program, variant), WorkloadPrograms.BoardFor(variant), dump: true);

        run.Result.Reason.Should().Be(StopReason.Exited, run.Describe());
        run.Result.ExitCode.Should().Be(0, run.Describe());
        string reference = ReferenceOutputs.Text(program, dump: true);
        if (run.Stdout != reference) Assert.Fail($"{program}.{variant} --dump: " + ReferenceOutputs.FirstDifference(run.Stdout, reference));
    }

    public static TheoryData<string> AllPrograms() =>
        [.. WorkloadPrograms.Networks, .. WorkloadPrograms.Benchmarks, WorkloadPrograms.SelfTest];

    [Theory]
    [MemberData(nameof(AllPrograms))]
    public void QEMU_dump_of_the_mps2_build_equals_the_reference_dump(string program)
    {
        if (QemuRunner.ExecutablePath is null)
        {
            // Outside CI the QEMU oracle is optional; the committed build/expected outputs still cover the checksums.
            ToolchainPaths.IsCi.Should().BeFalse("CI must install qemu-system-arm for the QEMU oracle");
            return;
        }
        var qemu = QemuRunner.Run(WorkloadPrograms.ElfPath(program, "mps2"), ["--dump"], TimeSpan.FromMinutes(2));

        qemu.TimedOut.Should().BeFalse();
        qemu.ExitCode.Should().Be(0, qemu.Stderr);
        string actual = System.Text.Encoding.Latin1.GetString(qemu.Stdout);
        string reference = ReferenceOutputs.Text(program, dump: true);
        if (actual != reference) Assert.Fail($"{program}.mps2 --dump under QEMU: " + ReferenceOutputs.FirstDifference(actual, reference).Replace("M7Sim:", "QEMU: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_does_not_depend_on_the_timing_model()
    {
        var run = WorkloadRun.Execute(WorkloadPrograms.ElfPath("bench_fc", "f746"), "stm32f746-nucleo", timing: M7Sim.Timing.TimingMode.CortexM7);

        run.Result.Reason.Should().Be(StopReason.Exited, run.Describe());
        run.Result.Cycles.Should().NotBe(run.Result.Instructions, "the cycle model ran (functional timing counts one cycle per instruction)");
        run.Stdout.Should().Be(ReferenceOutputs.Text("bench_fc", dump: false));
    }

    [Fact]
    public void First_difference_names_the_layer_the_line_and_the_first_element_of_the_line()
    {
        const string expected = "layer 0 conv1: 1x1x18 checksum 0x1\nconv1 [18]:\n" +
            "   1    1    1    1    1    1    1    1    1    1    1    1    1    1    1    1\n   1    2\nnet output: 1\n";
        string actual = expected.Replace("0x1\n", "0x2\n", StringComparison.Ordinal).Replace("   1    2\n", "   1    3\n", StringComparison.Ordinal);

        string report = ReferenceOutputs.FirstDifference(actual, expected);

        report.Should().Contain("line 4").And.Contain("in layer 0 conv1: 1x1x18 checksum 0x1").And.Contain("elements from index 16")
            .And.Contain("checksum 0x2").And.Contain("   1    3").And.Contain("   1    2");
        ReferenceOutputs.FirstDifference(expected, expected).Should().Be("outputs are identical");
    }
}
