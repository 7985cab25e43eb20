using FluentAssertions;
using M7Sim.Execution;
using Xunit;

namespace M7Sim.Tests.Memory;

/// <summary>
/// SysTick (Armv7-M ARM B3.3). Expected values by hand: from a counter of 0 the first tick loads RVR,
/// each further tick decrements, reaching 0 after RVR+1 ticks from the CVR write (COUNTFLAG, and the
/// exception with TICKINT), then the next tick reloads. One instruction = one cycle here.
/// </summary>
public class SysTickTests
{
    private const uint Csr = 0xE000_E010, Rvr = 0xE000_E014, Cvr = 0xE000_E018, Calib = 0xE000_E01C;
    private const uint Enable = 1, TickInt = 2, ProcessorClock = 4;

    [Fact]
    public void Counter_loads_the_reload_value_on_the_first_tick_then_counts_down_per_cycle()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 99);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable | ProcessorClock);
        f.Read(Cvr).Should().Be(0u);
        f.Advance(1);
        f.Read(Cvr).Should().Be(99u);
        f.Advance(10);
        f.Read(Cvr).Should().Be(89u);
        f.Advance(89);                 // cycle 100: reaches 0
        f.Read(Cvr).Should().Be(0u);
        f.Advance(1);                  // reload
        f.Read(Cvr).Should().Be(99u);
    }

    [Fact]
    public void Countflag_is_set_by_reaching_zero_and_cleared_by_reading_csr()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 9);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable | ProcessorClock);
        f.Advance(9);
        (f.Read(Csr) & 0x10000).Should().Be(0u);
        f.Advance(1);                  // tick 10: the counter reaches 0
        f.Read(Csr).Should().Be(0x10000u | Enable | ProcessorClock);
        f.Read(Csr).Should().Be(Enable | ProcessorClock);
        f.Advance(25);                 // ticks 20 and 30 wrap again
        (f.Read(Csr) & 0x10000).Should().Be(0x10000u);
    }

    [Fact]
    public void Writing_cvr_clears_the_counter_and_countflag()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 4);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable | ProcessorClock);
        f.Advance(7);                  // wrapped at tick 5, now 4 - (7-6) = 3
        f.Read(Cvr).Should().Be(3u);
        f.Write(Cvr, 1234);
        f.Read(Cvr).Should().Be(0u);
        (f.Read(Csr) & 0x10000).Should().Be(0u);
        f.Advance(1);
        f.Read(Cvr).Should().Be(4u);
    }

    [Fact]
    public void External_reference_clock_ticks_every_eighth_cycle()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 9);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable);          // CLKSOURCE = 0: HCLK/8
        f.Advance(7);
        f.Read(Cvr).Should().Be(0u);
        f.Advance(1);                  // cycle 8: first reference tick
        f.Read(Cvr).Should().Be(9u);
        f.Advance(16);                 // cycle 24: tick 3
        f.Read(Cvr).Should().Be(7u);
    }

    [Fact]
    public void A_disabled_counter_holds_its_value()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 50);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable | ProcessorClock);
        f.Advance(6);                  // 50 - 5 = 45
        f.Write(Csr, ProcessorClock);
        f.Advance(20);
        f.Read(Cvr).Should().Be(45u);
        f.Write(Csr, Enable | ProcessorClock);
        f.Advance(5);
        f.Read(Cvr).Should().Be(40u);
    }

    [Fact]
    public void A_new_reload_value_applies_at_the_next_reload()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 9);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable | ProcessorClock);
        f.Advance(3);                  // 9 - 2 = 7
        f.Write(Rvr, 19);
        f.Advance(7);                  // tick 10: 0
        f.Read(Cvr).Should().Be(0u);
        f.Advance(1);
        f.Read(Cvr).Should().Be(19u);
    }

    [Fact]
    public void A_zero_reload_stops_the_counter_at_the_next_wrap()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 3);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable | ProcessorClock);
        f.Advance(2);                  // 2
        f.Write(Rvr, 0);
        f.Advance(10);
        f.Read(Cvr).Should().Be(0u);
        f.Read(Csr);                   // clear COUNTFLAG from the wrap at tick 4
        f.Advance(10);
        (f.Read(Csr) & 0x10000).Should().Be(0u);
    }

    [Fact]
    public void Tickint_pends_the_systick_exception_exactly_when_the_counter_reaches_zero()
    {
        var f = new ScsFixture();
        f.Cpu.Primask = 1;             // keep it pending instead of taking it
        f.Write(Rvr, 49);
        f.Write(Cvr, 0);
        f.Write(Csr, Enable | TickInt | ProcessorClock);
        f.Machine.NextTimerEvent.Should().Be(50UL);
        f.Advance(49);
        f.Scs.IsPending(Exceptions.SysTick).Should().BeFalse();
        f.Advance(1);
        f.Scs.IsPending(Exceptions.SysTick).Should().BeTrue();
        f.Machine.NextTimerEvent.Should().Be(100UL);
    }

    [Fact]
    public void Without_tickint_no_timer_event_is_scheduled()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 49);
        f.Write(Csr, Enable | ProcessorClock);
        f.Machine.NextTimerEvent.Should().Be(ulong.MaxValue);
        f.Advance(60);
        f.Scs.IsPending(Exceptions.SysTick).Should().BeFalse();
    }

    [Fact]
    public void Rvr_keeps_24_bits_and_calib_reports_no_calibration_value()
    {
        var f = new ScsFixture();
        f.Write(Rvr, 0xFFFF_FFFF);
        f.Read(Rvr).Should().Be(0x00FF_FFFFu);
        f.Read(Calib).Should().Be(0x4000_0000u);
    }
}
