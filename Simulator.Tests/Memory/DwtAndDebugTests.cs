using FluentAssertions;
using M7Sim.Memory;
using Xunit;

namespace M7Sim.Tests.Memory;

/// <summary>DWT (C1.8), CoreDebug (C1.6), ITM stimulus ports.</summary>
public class DwtAndDebugTests
{
    private const uint Ctrl = 0xE000_1000, CycCnt = 0xE000_1004, CpiCnt = 0xE000_1008, FoldCnt = 0xE000_1018,
        Comp1 = 0xE000_1030, Mask1 = 0xE000_1034, Function1 = 0xE000_1038, Lar = 0xE000_1FB0, Lsr = 0xE000_1FB4,
        Dhcsr = 0xE000_EDF0, Demcr = 0xE000_EDFC, ItmPort0 = 0xE000_0000;
    private const uint Trcena = 1u << 24;

    private static ScsFixture Unlocked()
    {
        var f = new ScsFixture();
        f.Write(Lar, SystemControlSpace.CoreSightUnlockKey);
        return f;
    }

    [Fact]
    public void Ctrl_reports_four_comparators_and_all_counters_present()
    {
        new ScsFixture().Read(Ctrl).Should().Be(0x4000_0000u);
    }

    [Fact]
    public void The_dwt_is_locked_until_the_coresight_key_is_written()
    {
        var f = new ScsFixture();
        f.Read(Lsr).Should().Be(0b11u);          // lock implemented, locked
        f.Write(Ctrl, 1);
        f.Read(Ctrl).Should().Be(0x4000_0000u);  // ignored
        f.Write(Lar, 0xC5AC_CE55);
        f.Read(Lsr).Should().Be(0b01u);
        f.Write(Ctrl, 1);
        f.Read(Ctrl).Should().Be(0x4000_0001u);
        f.Write(Lar, 0);                         // any other value locks again
        f.Read(Lsr).Should().Be(0b11u);
    }

    [Fact]
    public void Cyccnt_counts_cycles_while_trcena_and_cyccntena_are_set()
    {
        var f = Unlocked();
        f.Write(Demcr, Trcena);
        f.Write(CycCnt, 0);
        f.Write(Ctrl, 1);
        f.Advance(100);
        f.Read(CycCnt).Should().Be(100u);
        f.Write(Ctrl, 0);                        // stop
        f.Advance(50);
        f.Read(CycCnt).Should().Be(100u);
        f.Write(Ctrl, 1);
        f.Write(Demcr, 0);                       // TRCENA gates it too
        f.Advance(50);
        f.Read(CycCnt).Should().Be(100u);
    }

    [Fact]
    public void Cyccnt_does_not_count_without_trcena()
    {
        var f = Unlocked();
        f.Write(Ctrl, 1);
        f.Advance(30);
        f.Read(CycCnt).Should().Be(0u);
    }

    [Fact]
    public void Cyccnt_is_writable_and_wraps_at_32_bits()
    {
        var f = Unlocked();
        f.Write(Demcr, Trcena);
        f.Write(CycCnt, 0xFFFF_FFF0);
        f.Write(Ctrl, 1);
        f.Advance(32);
        f.Read(CycCnt).Should().Be(0x10u);
    }

    [Fact]
    public void Profiling_counters_are_eight_bit_registers()
    {
        var f = Unlocked();
        f.Write(CpiCnt, 0x1234);
        f.Read(CpiCnt).Should().Be(0x34u);
        f.Write(FoldCnt, 0xFF);
        f.Read(FoldCnt).Should().Be(0xFFu);
    }

    [Fact]
    public void Comparator_registers_keep_their_writable_fields()
    {
        var f = Unlocked();
        f.Write(Comp1, 0x2000_0004);
        f.Write(Mask1, 0xFFFF_FFFF);
        f.Write(Function1, 0xFFFF_FFFF);
        f.Read(Comp1).Should().Be(0x2000_0004u);
        f.Read(Mask1).Should().Be(0x1Fu);
        f.Read(Function1).Should().Be(0x000F_FDAFu); // MATCHED (24) and LNK1ENA (9) are read-only
    }

    [Fact]
    public void Demcr_keeps_its_defined_bits()
    {
        var f = new ScsFixture();
        f.Write(Demcr, 0xFFFF_FFFF);
        f.Read(Demcr).Should().Be(0x010F_07F1u);
        f.Scs.MonitorEnabled.Should().BeTrue();
    }

    [Fact]
    public void Dhcsr_ignores_software_writes_without_a_debugger()
    {
        var f = new ScsFixture();
        f.Write(Dhcsr, 0xA05F_0003);           // C_DEBUGEN | C_HALT with the key
        f.Read(Dhcsr).Should().Be(1u << 16);   // only S_REGRDY
    }

    [Fact]
    public void Itm_stimulus_ports_always_report_ready()
    {
        var f = new ScsFixture();
        f.Read(ItmPort0).Should().Be(1u);
        f.Write(ItmPort0, 'x');
        f.Read(ItmPort0 + 4).Should().Be(1u);
    }
}
