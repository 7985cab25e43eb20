using FluentAssertions;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Memory placement litmus tests (timing facts 5.1/5.2): the same loop from ITCM + DTCM, from cached
/// AXI flash + SRAM1, from uncached AXI flash + SRAM1 and from flash through ITCM with and without the
/// ART accelerator. The facts give no per-configuration cycle counts for the F746 (gap 4), so these
/// check the relations and bounds the facts do give: TCMs are zero-wait; a cached or ART-served loop
/// runs like zero-wait memory once warm (ST: "similar performance", 5.2); every flash access at
/// 216 MHz takes 8 CPU cycles (7 wait states, 5.2); caches act only when CCR.IC/DC are set (4).
/// </summary>
public sealed class PlacementTests
{
    // loop: ldr.w r2, [r1] ; add.w r3, r3, r2 ; subs r0, #1 ; bne loop   (12 bytes)
    private static readonly uint[] Loop = [0xF8D1_2000, 0xEB03_0302, 0x3801, 0xD1F9];

    private static TimingCpu Build(uint code, uint data, uint iterations, bool icache = false, bool dcache = false, uint? acr = null)
    {
        var t = TimingCpu.At(code, Loop).Reg(0, iterations).Reg(1, data).Word(data, 1).Caches(icache, dcache);
        if (acr is { } v) t.Acr(v);
        return t.RunToEnd();
    }

    /// <summary>Cycles one extra iteration costs once warm (difference of 30 and 10 iterations, / 20).</summary>
    private static double PerIteration(uint code, uint data, bool icache = false, bool dcache = false, uint? acr = null) =>
        (Build(code, data, 30, icache, dcache, acr).Cycles - Build(code, data, 10, icache, dcache, acr).Cycles) / 20.0;

    [Fact]
    public void Tcm_loop_runs_at_its_pipeline_speed()
    {
        // ldr (0) -> add (1, load-use 1) + subs (1, pairs) -> bne (2) + next ldr (2, predicted-taken pairs with its target): 2 cycles.
        PerIteration(TimingCpu.Itcm, TimingCpu.Dtcm).Should().Be(2);
    }

    [Fact]
    public void Cached_axi_flash_and_sram_run_like_tcm_once_warm_but_pay_the_first_misses()
    {
        double tcm = PerIteration(TimingCpu.Itcm, TimingCpu.Dtcm);
        double cached = PerIteration(TimingCpu.AxiFlash, TimingCpu.Sram1, icache: true, dcache: true);
        cached.Should().Be(tcm);
        var warm = Build(TimingCpu.AxiFlash, TimingCpu.Sram1, 10, icache: true, dcache: true);
        var zero = Build(TimingCpu.Itcm, TimingCpu.Dtcm, 10);
        // At least one I-cache line fill from flash: >= 8 cycles (7 WS at 216 MHz).
        (warm.Cycles - zero.Cycles).Should().BeGreaterThanOrEqualTo(8);
        warm.Counters.ICacheMisses.Should().Be(1);
        warm.Counters.DCacheMisses.Should().Be(1);
    }

    [Fact]
    public void Uncached_axi_flash_pays_a_flash_access_every_iteration()
    {
        double uncached = PerIteration(TimingCpu.AxiFlash, TimingCpu.Sram1);
        double cached = PerIteration(TimingCpu.AxiFlash, TimingCpu.Sram1, icache: true, dcache: true);
        uncached.Should().BeGreaterThanOrEqualTo(8);
        uncached.Should().BeGreaterThan(cached);
    }

    [Fact]
    public void Three_placements_give_three_different_counts()
    {
        ulong tcm = Build(TimingCpu.Itcm, TimingCpu.Dtcm, 20).Cycles;
        ulong cached = Build(TimingCpu.AxiFlash, TimingCpu.Sram1, 20, icache: true, dcache: true).Cycles;
        ulong uncached = Build(TimingCpu.AxiFlash, TimingCpu.Sram1, 20).Cycles;
        tcm.Should().BeLessThan(cached);
        cached.Should().BeLessThan(uncached);
    }

    [Fact]
    public void Flash_through_itcm_with_art_runs_like_tcm_once_warm()
    {
        // FLASH_ACR = LATENCY 7 | PRFTEN | ARTEN
        PerIteration(TimingCpu.FlashItcm, TimingCpu.Dtcm, acr: 0x307).Should().Be(PerIteration(TimingCpu.Itcm, TimingCpu.Dtcm));
    }

    [Fact]
    public void Flash_through_itcm_without_art_waits_for_the_flash_every_iteration()
    {
        // FLASH_ACR = LATENCY 7, no ART, no prefetch: the loop's line is re-read after every taken branch.
        PerIteration(TimingCpu.FlashItcm, TimingCpu.Dtcm, acr: 0x007).Should().BeGreaterThanOrEqualTo(8);
    }

    [Fact]
    public void Unprogrammed_flash_acr_uses_the_wait_states_of_the_board_clock()
    {
        // FLASH_ACR never written (reads 0): 216 MHz needs 7 WS (facts 5.2), ART and prefetch off as at reset.
        PerIteration(TimingCpu.FlashItcm, TimingCpu.Dtcm).Should().Be(PerIteration(TimingCpu.FlashItcm, TimingCpu.Dtcm, acr: 0x007));
    }

    [Fact]
    public void Caches_stay_off_until_ccr_enables_them()
    {
        var off = Build(TimingCpu.AxiFlash, TimingCpu.Sram1, 10);
        off.Counters.ICacheHits.Should().Be(0);
        off.Counters.DCacheHits.Should().Be(0);
        off.Counters.ICacheMisses.Should().Be(0);
    }

    [Fact]
    public void A_ccr_write_takes_effect_from_the_next_access()
    {
        // ldr r2,[r3] (SRAM1, caches off: the model reads CCR here) ; str r1,[r0] (CCR.DC on) ; dsb ; isb ;
        // ldr r2,[r3] ; ldr r2,[r3]. The D-cache acts from the first load after the write (facts 4: the
        // caches are enabled through SCB.CCR), however few cycles after the model last read CCR.
        var t = TimingCpu.WithCode(0x681A, 0x6001, 0xF3BF_8F4F, 0xF3BF_8F6F, 0x681A, 0x681A)
            .Reg(0, 0xE000_ED14).Reg(1, 0x200 | 1u << 16).Reg(3, TimingCpu.Sram1).Run();
        t.Counters.DCacheMisses.Should().Be(1, "the first load after the write fills the line");
        t.Counters.DCacheHits.Should().Be(1);
    }
}

