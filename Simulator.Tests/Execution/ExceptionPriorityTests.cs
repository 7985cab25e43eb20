using FluentAssertions;
using M7Sim.Execution;
using M7Sim.Simulation;
using Xunit;
using P = M7Sim.Tests.Execution.ExceptionTestProgram;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Priorities, preemption, masking and tail-chaining (Armv7-M ARM B1.5.4, B1.5.12) with handlers that
/// append their number to a log. The expected logs follow the rule: a pending exception is taken
/// when its group priority is higher (lower value) than the execution priority.
/// </summary>
public class ExceptionPriorityTests
{
    private const uint Iser0 = 0xE000_E100, Ispr0 = 0xE000_E200, Ipr0 = 0xE000_E400, Aircr = 0xE000_ED0C, Icsr = 0xE000_ED04;
    private const int Irq0 = 16, Irq1 = 17, Irq2 = 18;

    /// <summary>IRQ0 0x80, IRQ1 0x40, IRQ2 0xC0, all enabled; IRQ0 logs 0, pends IRQ1 and IRQ2, logs 3.</summary>
    private static P ThreeInterrupts()
    {
        var p = new P();
        p.Poke(Ipr0, 0x00C0_4080);
        p.Poke(Iser0, 0b111);
        uint end = p.Code(P.Main, T.Store(Ispr0, 0b001));
        p.Code(end, T.Of(T.Self));
        p.Handler(Irq0, 0x2000, T.Log(0), T.Store(Ispr0, 0b110), T.Log(3), T.Of(T.BxLr));
        p.Handler(Irq1, 0x2100, T.Log(1), T.Of(T.BxLr));
        p.Handler(Irq2, 0x2200, T.Log(2), T.Of(T.BxLr));
        return p;
    }

    [Fact]
    public void A_higher_priority_interrupt_preempts_and_a_lower_one_is_tail_chained()
    {
        var p = ThreeInterrupts();
        var r = p.RunToStop(500);
        // IRQ1 (0x40) preempts IRQ0 (0x80) at once; IRQ2 (0xC0) waits and is tail-chained when IRQ0 returns.
        p.Log.Should().Equal(0, 1, 3, 2);
        p.Scs.TailChains.Should().Be(1);
        p.Scs.ExceptionEntries.Should().Be(3);
        r.Reason.Should().Be(StopReason.Hang); // back in Thread mode spinning on b . with nothing left to fire
        p.Cpu.Ipsr.Should().Be(0u);
        p.Cpu.R[13].Should().Be(P.StackTop);
        p.Scs.ActiveCount().Should().Be(0);
    }

    [Fact]
    public void The_tail_chained_handler_returns_with_the_original_exc_return()
    {
        var p = ThreeInterrupts();
        p.RunUntil(0x2200);
        p.Cpu.R[14].Should().Be(0xFFFF_FFF9u);
        p.Cpu.R[13].Should().Be(P.StackTop - 32, "the thread frame stays on the stack");
        p.Cpu.Ipsr.Should().Be((uint)Irq2);
    }

    [Fact]
    public void A_nested_handler_returns_to_handler_mode()
    {
        var p = ThreeInterrupts();
        p.RunUntil(0x2100);
        p.Cpu.R[14].Should().Be(0xFFFF_FFF1u);
        p.Scs.IsActive(Irq0).Should().BeTrue();
        p.Cpu.R[13].Should().Be(P.StackTop - 64);
    }

    [Fact]
    public void Subpriority_does_not_preempt()
    {
        var p = ThreeInterrupts();
        p.Poke(Aircr, 0x05FA_0700); // PRIGROUP 7: every priority bit is subpriority, one group
        p.RunToStop(500);
        // IRQ1 waits for IRQ0 although its priority value is lower; then IRQ1 before IRQ2 by priority.
        p.Log.Should().Equal(0, 3, 1, 2);
        p.Scs.TailChains.Should().Be(2);
    }

    [Fact]
    public void Basepri_holds_back_lower_priority_interrupts_until_it_is_lowered()
    {
        var p = new P();
        p.Poke(Ipr0, 0x80);
        p.Poke(Iser0, 1);
        uint a = p.Code(P.Main, T.Of(T.Movs(1, 0x40), T.MsrBasepri(1)), T.Store(Ispr0, 1));
        uint end = p.Code(a, T.Of(T.Movs(5, 1), T.Movs(1, 0), T.MsrBasepri(1), T.Movs(6, 1), T.Self));
        p.Handler(Irq0, 0x2000, T.StoreReg(P.Scratch, 5), T.StoreReg(P.Scratch + 4, 6), T.Of(T.BxLr));
        p.Word(P.Scratch, 0xEEEE);
        p.Word(P.Scratch + 4, 0xEEEE);

        p.RunUntil(end - 2);
        p.ReadWord(P.Scratch).Should().Be(1u, "not taken while BASEPRI = 0x40 masked it");
        p.ReadWord(P.Scratch + 4).Should().Be(0u, "taken right after MSR BASEPRI lowered the mask");
    }

    [Fact]
    public void Primask_holds_back_interrupts_until_cpsie()
    {
        var p = new P();
        p.Poke(Iser0, 1);
        uint a = p.Code(P.Main, T.Of(T.CpsidI), T.Store(Ispr0, 1));
        uint end = p.Code(a, T.Of(T.Movs(5, 1), T.CpsieI, T.Movs(6, 1), T.Self));
        p.Handler(Irq0, 0x2000, T.StoreReg(P.Scratch, 5), T.StoreReg(P.Scratch + 4, 6), T.Of(T.BxLr));
        p.Word(P.Scratch + 4, 0xEEEE);

        p.RunUntil(end - 2);
        p.ReadWord(P.Scratch).Should().Be(1u);
        p.ReadWord(P.Scratch + 4).Should().Be(0u);
    }

    [Fact]
    public void Nmi_is_taken_even_with_primask_set()
    {
        var p = new P();
        uint end = p.Code(P.Main, T.Of(T.CpsidI), T.Store(Icsr, 1u << 31), T.Of(T.Self));
        p.Handler(Exceptions.Nmi, 0x2000, T.Log(2), T.Of(T.BxLr));
        p.RunUntil(0x2000);
        p.Cpu.Ipsr.Should().Be(2u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(end - 2);
    }

    [Fact]
    public void A_pending_but_disabled_interrupt_is_not_taken()
    {
        var p = new P();
        uint end = p.Code(P.Main, T.Store(Ispr0, 1), T.Of(T.Self));
        p.Handler(Irq0, 0x2000, T.Log(0), T.Of(T.BxLr));
        var r = p.RunToStop(200);
        r.Reason.Should().Be(StopReason.Hang);
        p.Log.Should().BeEmpty();
        p.Scs.IsPending(Irq0).Should().BeTrue();
        p.Cpu.Pc.Should().Be(end - 2);
    }

    [Fact]
    public void An_svc_that_cannot_preempt_escalates_to_hardfault()
    {
        var p = new P();
        p.Code(P.Main, T.Of(T.CpsidI, T.Svc(1), T.Self));
        p.Handler(Exceptions.HardFault, 0x2000, T.Of(T.Self));
        p.RunUntil(0x2000);
        p.Cpu.Ipsr.Should().Be(3u);
        p.Peek(0xE000_ED2C).Should().Be(0x4000_0000u); // HFSR.FORCED
        p.Frame(p.Cpu.R[13])[6].Should().Be(P.Main + 4);
    }
}
