using FluentAssertions;
using M7Sim.Simulation;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>
/// Runs every network and operator-benchmark ELF (all board variants) in M7Sim and requires its console
/// output to equal, byte for byte, both the C# reference's (Reference/) and QEMU's for the mps2 build
/// (build/expected; the programs print nothing board-specific). On a mismatch the program is run again with
/// --dump and the failure names the first layer/case and line whose tensor differs from the reference.
/// </summary>
public abstract class WorkloadElfTestBase
{
    protected static void RunAndCompare(string name, string variant)
    {
        var run = WorkloadRun.Execute(WorkloadPrograms.ElfPath(name, variant), WorkloadPrograms.BoardFor(variant));

        run.Result.Reason.Should().Be(StopReason.Exited, run.Describe() + "\noutput so far:\n" + run.Stdout);
        run.Result.ExitCode.Should().Be(0, run.Describe());
        string reference = ReferenceOutputs.Text(name, dump: false);
        if (run.Stdout != reference)
        {
            var dumped = WorkloadRun.Execute(WorkloadPrograms.ElfPath(name, variant), WorkloadPrograms.BoardFor(variant), dump: true);
            Assert.Fail($"{name}.{variant}: M7Sim's output differs from the reference.\n" +
                ReferenceOutputs.FirstDifference(dumped.Stdout, ReferenceOutputs.Text(name, dump: true)) +
                $"\nM7Sim printed:\n{run.Stdout}\nreference:\n{reference}");
        }
        run.Stdout.Should().Be(WorkloadPrograms.ExpectedOutput(name), "the mps2 build printed this under QEMU");
    }
}

[Trait("Category", "Workload")]
public sealed class NetworkElfTests : WorkloadElfTestBase
{
    [Theory]
    [MemberData(nameof(WorkloadPrograms.NetworkElfs), MemberType = typeof(WorkloadPrograms))]
    public void Network_prints_the_reference_layer_checksum_and_output_as_QEMU_does(string network, string variant) =>
        RunAndCompare(network, variant);
}

[Trait("Category", "Workload")]
public sealed class BenchmarkElfTests : WorkloadElfTestBase
{
    [Theory]
    [MemberData(nameof(WorkloadPrograms.BenchmarkElfs), MemberType = typeof(WorkloadPrograms))]
    public void Benchmark_prints_the_reference_case_checksums_as_QEMU_does(string suite, string variant) =>
        RunAndCompare(suite, variant);
}

[Trait("Category", "Workload")]
public sealed class SelfTestElfTests : WorkloadElfTestBase
{
    [Theory]
    [MemberData(nameof(WorkloadPrograms.SelfTestElfs), MemberType = typeof(WorkloadPrograms))]
    public void Kernel_self_test_passes_every_case_with_the_reference_checksum_as_QEMU_does(string program, string variant) =>
        RunAndCompare(program, variant);
}
