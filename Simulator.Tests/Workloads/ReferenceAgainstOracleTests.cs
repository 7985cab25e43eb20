using FluentAssertions;
using M7Sim.Tests.TestSupport;
using M7Sim.Tests.Workloads.Reference;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>
/// The C# reference against the two independent oracles that need no simulator: the QEMU runs of the mps2 ELFs
/// (build/expected) and what tools/gen_weights.py's Python model recorded in each generated header.
/// </summary>
public sealed class ReferenceAgainstOracleTests
{
    [Theory]
    [MemberData(nameof(WorkloadPrograms.NetworkNames), MemberType = typeof(WorkloadPrograms))]
    public void Reference_network_prints_what_QEMU_printed(string network)
    {
        var net = ReferenceNetwork.Load(ToolchainPaths.RepoRoot, network);
        var outputs = net.Run();

        net.ProgramOutput(outputs, dump: false).Should().Be(WorkloadPrograms.ExpectedOutput(network));
    }

    [Theory]
    [MemberData(nameof(WorkloadPrograms.NetworkNames), MemberType = typeof(WorkloadPrograms))]
    public void Reference_network_matches_the_checksum_and_MAC_count_of_its_generated_header(string network)
    {
        var net = ReferenceNetwork.Load(ToolchainPaths.RepoRoot, network);

        ReferenceNetwork.Checksum(net.Run()).Should().Be(net.HeaderChecksum);
        net.Layers.Sum(l => l.Macs).Should().Be(net.HeaderMacs);
    }

    [Theory]
    [MemberData(nameof(WorkloadPrograms.BenchmarkNames), MemberType = typeof(WorkloadPrograms))]
    public void Reference_benchmark_suite_prints_what_QEMU_printed(string suite)
    {
        var bench = new ReferenceBench(ToolchainPaths.RepoRoot);

        ReferenceBench.ProgramOutput(suite, bench.Run(suite), dump: false).Should().Be(WorkloadPrograms.ExpectedOutput(suite));
    }

    [Fact]
    public void Reference_replay_of_the_kernel_self_test_gives_the_checksum_QEMU_printed()
    {
        var (_, cases, _) = ReferenceSelfTest.Run();

        cases.Should().Be(64);
        ReferenceSelfTest.ProgramOutput(dump: false).Should().Be(WorkloadPrograms.ExpectedOutput("nn_selftest"));
    }
}
