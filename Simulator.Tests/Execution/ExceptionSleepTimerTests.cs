using FluentAssertions;
using M7Sim.Execution;
using M7Sim.Simulation;
using Xunit;
using P = M7Sim.Tests.Execution.ExceptionTestProgram;

namespace M7Sim.Tests.Execution;

/// <summary>
/// SysTick interrupts through the run loop and WFI sleeping (B1.5.19, B3.3). Cycle counts by hand:
/// functional timing retires one instruction per cycle; each T.Store is 5 instructions, so the third
/// store (SYST_CSR, instruction 14) executes at cycle 14 and, with RVR = 99 after a CVR write, the
/// counter reaches 0 at cycle 14 + 100 = 114 and every 100 cycles after.
/// </summary>
public class ExceptionSleepTimerTests
{
    private const uint Csr = 0xE000_E010, Rvr = 0xE000_E014, Cvr = 0xE000_E018;

    private static uint[] StartSysTick(uint csr = 7) => [.. T.Store(Rvr, 99), .. T.Store(Cvr, 0), .. T.Store(Csr, csr)];

    [Fact]
    public void Systick_interrupts_every_reload_plus_one_cycles()
    {
        var p = new P();
        p.Code(P.Main, StartSysTick(), T.Of(T.Self));
        p.Handler(Exceptions.SysTick, 0x2000, T.Log(15), T.Of(T.BxLr));

        p.RunUntil(0x2000);
        p.Machine.Cycles.Should().Be(114UL);
        p.Cpu.Ipsr.Should().Be(15u);
        p.Machine.Run(1);
        p.RunUntil(0x2000);
        p.Machine.Cycles.Should().Be(214UL);
        p.Log.Should().Equal(15); // the first handler ran to completion; the second is just entered
    }

    [Fact]
    public void Wfi_sleeps_until_the_systick_interrupt_and_resumes_after_it()
    {
        var p = new P();
        uint wfi = p.Code(P.Main, StartSysTick());
        uint after = p.Code(wfi, T.Of(T.Wfi));
        p.Code(after, T.Of(T.Movs(5, 1), T.Self));
        p.Handler(Exceptions.SysTick, 0x2000, T.Log(15), T.Of(T.BxLr));

        p.RunUntil(0x2000);
        p.Machine.Cycles.Should().Be(114UL, "sleeping advanced time to the SysTick wrap");
        p.Frame(p.Cpu.R[13])[6].Should().Be(after);
        p.RunUntil(after + 2);
        p.Cpu.R[5].Should().Be(1u);
    }

    [Fact]
    public void Wfi_with_nothing_to_wake_the_core_stops_the_run()
    {
        var p = new P();
        p.Code(P.Main, T.Of(T.Nop, T.Wfi, T.Self));
        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.SleepForever);
        r.Message.Should().Contain("nothing to wake it").And.Contain("0x00001002");
    }

    [Fact]
    public void Wfi_with_a_systick_that_has_no_tickint_sleeps_forever()
    {
        var p = new P();
        p.Code(P.Main, StartSysTick(csr: 5), T.Of(T.Wfi, T.Self));
        p.RunToStop().Reason.Should().Be(StopReason.SleepForever);
    }

    [Fact]
    public void Wfi_wakes_for_an_interrupt_masked_by_primask_without_taking_it()
    {
        var p = new P();
        uint wfi = p.Code(P.Main, T.Of(T.CpsidI), StartSysTick());
        uint after = p.Code(wfi, T.Of(T.Wfi));
        p.Code(after, T.Of(T.Movs(5, 1), T.Self));
        p.Handler(Exceptions.SysTick, 0x2000, T.Log(15), T.Of(T.BxLr));

        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.Hang, "b . with the only interrupt masked");
        p.Cpu.R[5].Should().Be(1u);
        p.Log.Should().BeEmpty();
        p.Scs.IsPending(Exceptions.SysTick).Should().BeTrue();
        p.Machine.Cycles.Should().BeGreaterOrEqualTo(115UL);
    }

    [Fact]
    public void A_spin_loop_waiting_for_systick_is_not_reported_as_a_hang()
    {
        var p = new P();
        p.Code(P.Main, StartSysTick(), T.Of(T.Self));
        p.Handler(Exceptions.SysTick, 0x2000, T.Log(15), T.Of(T.BxLr));
        var r = p.RunToStop(1000);
        r.Reason.Should().Be(StopReason.InstructionLimit);
        p.Log.Length.Should().BeGreaterThan(5);
    }

    [Fact]
    public void A_spin_loop_with_systick_masked_by_basepri_is_a_hang()
    {
        var p = new P();
        p.Poke(0xE000_ED20, 0x8000_0000); // SysTick priority 0x80
        p.Code(P.Main, T.Of(T.Movs(1, 0x40), T.MsrBasepri(1)), StartSysTick(), T.Of(T.Self));
        p.RunToStop(1000).Reason.Should().Be(StopReason.Hang);
    }

    [Fact]
    public void Systick_also_fires_under_the_cortex_m7_timing_model()
    {
        var m = new Machine(new MachineOptions { Board = "mps2-an500", Timing = M7Sim.Timing.TimingMode.CortexM7 });
        var p = new P(m);
        p.Code(P.Main, StartSysTick(), T.Of(T.Self));
        p.Handler(Exceptions.SysTick, 0x2000, T.Log(15), T.Of(T.BxLr));
        const uint csrStore = P.Main + 2 * 18 + 16;     // two T.Store blocks, then movw/movt x2 before the str
        p.RunUntil(csrStore);
        ulong enabledAt = p.Machine.Cycles;
        p.RunUntil(0x2000, limit: 5000);
        // Taken at the first instruction boundary at or after the wrap (the cycle model may also charge entry).
        p.Machine.Cycles.Should().BeInRange(enabledAt + 100, enabledAt + 130);
    }
}
