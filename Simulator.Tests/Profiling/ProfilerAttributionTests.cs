using FluentAssertions;
using M7Sim.Reporting;
using Xunit;

namespace M7Sim.Tests.Profiling;

public class ProfilerAttributionTests(CifarProfileFixture fixture) : IClassFixture<CifarProfileFixture>
{
    private ProfileReport R => fixture.Report;

    [Fact]
    public void The_network_runs_to_completion_with_the_checksum_QEMU_printed()
    {
        R.Totals.StopReason.Should().Be("Exited");
        R.Totals.ExitCode.Should().Be(0);
        string expected = File.ReadAllText(Path.Combine(TestSupport.ToolchainPaths.Expected, "cifar10_cnn.txt"));
        System.Text.Encoding.ASCII.GetString(fixture.Output.ToArray()).Should().Be(expected);
    }

    [Fact]
    public void Exclusive_costs_of_all_functions_sum_exactly_to_the_run_totals()
    {
        R.Functions.Sum(f => f.ExclusiveCycles).Should().Be(R.Totals.Cycles);
        R.Functions.Sum(f => f.ExclusiveInstructions).Should().Be(R.Totals.Instructions);
        R.Functions.Sum(f => f.ExclusiveMacs).Should().Be(R.Totals.Macs);
        R.Functions.Sum(f => f.ExclusiveEnergyJoules).Should().BeApproximately(R.Totals.EnergyJoules, R.Totals.EnergyJoules * 1e-12);
    }

    [Fact]
    public void Folded_stacks_sum_to_the_run_cycles() =>
        R.Folded.Values.Sum().Should().Be(R.Totals.Cycles);

    [Fact]
    public void The_root_function_includes_the_whole_run()
    {
        R.Functions.Max(f => f.InclusiveCycles).Should().Be(R.Totals.Cycles);
    }

    [Fact]
    public void Operators_appear_once_per_layer_in_execution_order()
    {
        // The layer sequence of kernels-elf/networks/cifar10_cnn (Caffe CIFAR-10): the wrapper's
        // tail call into arm_convolve_s8 stays one operator instance.
        R.Operators.Select(o => o.Type).Should().Equal(
            "conv", "max_pool", "relu", "conv", "relu", "avg_pool", "conv", "relu", "avg_pool", "fully_connected", "softmax");
        R.Operators.Select(o => o.Index).Should().BeInAscendingOrder();
        R.Operators.Where(o => o.Type == "conv").Should().OnlyContain(o => o.Wrapper == "arm_convolve_wrapper_s8" && o.Function == "arm_convolve_s8");
    }

    [Fact]
    public void Theoretical_MACs_from_the_call_arguments_match_the_network_definition()
    {
        // 12,298,240 MACs: the per-layer table of tools/gen_weights.py (kernels-elf/README.md).
        R.Operators.Sum(o => o.TheoreticalMacs ?? 0).Should().Be(12_298_240);
        R.Operators[0].Shape.Should().Be("1x32x32x3 * 32x5x5x3 -> 1x32x32x32");
    }

    [Fact]
    public void Operator_costs_lie_within_the_run_and_do_not_overlap()
    {
        R.Operators.Sum(o => o.Cycles).Should().BeLessThan(R.Totals.Cycles);
        for (int i = 1; i < R.Operators.Count; i++)
            R.Operators[i].StartCycle.Should().BeGreaterThanOrEqualTo(R.Operators[i - 1].EndCycle);
    }

    [Fact]
    public void Every_executed_MAC_of_a_convolution_is_counted_at_least_once()
    {
        // SMLAD counts 2: retired MACs can exceed the arithmetic MACs (requantisation multiplies) but never fall short.
        foreach (var o in R.Operators.Where(o => o.Type is "conv" or "fully_connected"))
            o.Macs.Should().BeGreaterThanOrEqualTo(o.TheoreticalMacs!.Value);
    }

    [Fact]
    public void Activation_memory_follows_the_ping_pong_buffers_of_the_network()
    {
        // Layer 2 (max pool) reads the 32x32x32 conv output and writes 16x16x32: both are live, 40 KB,
        // plus nothing else (weights are not activations).
        var pool = R.Operators[1];
        pool.InputBytes.Should().Be(32 * 32 * 32);
        pool.OutputBytes.Should().Be(16 * 16 * 32);
        R.Memory.PeakActivationBytes.Should().BeGreaterThanOrEqualTo(32 * 32 * 32 + 16 * 16 * 32);
        R.Memory.WeightBytes.Should().BeGreaterThan(80_000);
    }
}
