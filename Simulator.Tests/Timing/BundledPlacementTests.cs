using FluentAssertions;
using M7Sim.Tests.Workloads;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Issue 5's placement contrast on a real kernel: ds_cnn_s built four ways for the STM32F746 — code in
/// AXI flash with the L1 caches on (the default f746 build), code in flash through the ITCM interface
/// with the ART (f746-itcm), data in SRAM1 through the D-cache (f746-sram), and code in AXI flash with
/// the caches switched off again before main (ds_cnn_s_nocache, networks/l1_caches_off.c). The same
/// instructions run; only where they and their data live changes. The expectations are the relations
/// the timing facts give, not counts taken from this model.
/// </summary>
public sealed class BundledPlacementTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, WorkloadRun>> Runs = new(() =>
        new[] { ("ds_cnn_s", "f746"), ("ds_cnn_s", "f746-itcm"), ("ds_cnn_s", "f746-sram"), ("ds_cnn_s_nocache", "f746") }
            .AsParallel()
            .Select(p => (Key: $"{p.Item1}.{p.Item2}", Run: WorkloadRun.Execute(WorkloadPrograms.ElfPath(p.Item1, p.Item2), "stm32f746-nucleo", timing: TimingMode.CortexM7)))
            .ToDictionary(x => x.Key, x => x.Run));

    private static WorkloadRun Run(string key) => Runs.Value[key];

    [Fact]
    public void Every_placement_computes_the_same_result()
    {
        foreach (var (key, run) in Runs.Value)
        {
            run.Result.Reason.Should().Be(Simulation.StopReason.Exited, $"{key}: {run.Describe()}");
            run.Stdout.Should().Be(Run("ds_cnn_s.f746").Stdout, key);
        }
    }

    [Fact]
    public void Flash_through_itcm_with_art_and_cached_axi_flash_perform_alike()
    {
        // Timing facts 5.1: the F7 reaches the same CoreMark "whether the code is executed from embedded
        // Flash or external memory" once the ART (ITCM path) or the L1 cache (AXI path) serves the loops.
        double itcm = Run("ds_cnn_s.f746-itcm").Result.Cycles, axi = Run("ds_cnn_s.f746").Result.Cycles;
        (itcm / axi).Should().BeInRange(0.9, 1.1);
    }

    [Fact]
    public void Data_in_cached_sram_costs_more_than_data_in_dtcm()
    {
        // Facts 4/5.1: DTCM is zero-wait; SRAM1 on AXI is served by the D-cache but pays its line fills.
        Run("ds_cnn_s.f746-sram").Result.Cycles.Should().BeGreaterThan(Run("ds_cnn_s.f746").Result.Cycles);
    }

    [Fact]
    public void Uncached_axi_flash_is_bound_by_the_flash_fetch_rate()
    {
        // Facts 5.2: at 216 MHz every flash access takes 8 CPU cycles (7 wait states) and delivers 64 bits;
        // with no I-cache (and no ART on the AXI path) instructions cannot arrive faster than 8 bytes per
        // 8 cycles, and every Thumb instruction is at least 2 bytes: at least 2 cycles per instruction.
        var nocache = Run("ds_cnn_s_nocache.f746").Result;
        nocache.Cycles.Should().BeGreaterThanOrEqualTo(2 * nocache.Instructions);
        nocache.Cycles.Should().BeGreaterThan(2 * Run("ds_cnn_s.f746").Result.Cycles);
    }
}
