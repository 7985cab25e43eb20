using FluentAssertions;
using M7Sim.Execution;
using M7Sim.Simulation;
using Xunit;
using P = M7Sim.Tests.Execution.ExceptionTestProgram;

namespace M7Sim.Tests.Execution;

/// <summary>Faults, escalation, lockup and exception-return integrity checks (Armv7-M ARM B1.5.8, B1.5.14-B1.5.15).</summary>
public class ExceptionFaultTests
{
    private const uint Shcsr = 0xE000_ED24, Cfsr = 0xE000_ED28, Hfsr = 0xE000_ED2C, Ispr0 = 0xE000_E200, Iser0 = 0xE000_E100;
    private const uint UndefInstr = 1u << 16, InvPc = 1u << 18, Forced = 1u << 30;

    [Fact]
    public void An_undefined_instruction_takes_the_usagefault_handler_when_it_is_enabled()
    {
        var p = new P();
        p.Poke(Shcsr, 1u << 18); // USGFAULTENA
        p.Code(P.Main, T.Of(T.Nop, T.Udf));
        p.Handler(Exceptions.UsageFault, 0x2000, T.Of(T.Self));
        p.RunUntil(0x2000);
        p.Cpu.Ipsr.Should().Be(6u);
        p.Peek(Cfsr).Should().Be(UndefInstr);
        p.Peek(Hfsr).Should().Be(0u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(P.Main + 2, "a fault returns to the faulting instruction");
    }

    [Fact]
    public void A_disabled_usagefault_escalates_to_hardfault_with_forced()
    {
        var p = new P();
        p.Code(P.Main, T.Of(T.Udf));
        p.Handler(Exceptions.UsageFault, 0x2000, T.Of(T.Self));
        p.Handler(Exceptions.HardFault, 0x2100, T.Of(T.Self));
        p.RunUntil(0x2100);
        p.Cpu.Ipsr.Should().Be(3u);
        p.Peek(Cfsr).Should().Be(UndefInstr);
        p.Peek(Hfsr).Should().Be(Forced);
    }

    [Fact]
    public void A_fault_that_cannot_preempt_the_running_handler_escalates()
    {
        var p = new P();
        p.Poke(Shcsr, 1u << 18);
        p.Poke(0xE000_ED18, 0x00C0_0000); // UsageFault priority 0xC0, below the SVCall handler's 0
        p.Code(P.Main, T.Of(T.Svc(0), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, T.Of(T.Udf));
        p.Handler(Exceptions.HardFault, 0x2100, T.Of(T.Self));
        p.RunUntil(0x2100);
        p.Peek(Hfsr).Should().Be(Forced);
    }

    [Fact]
    public void A_fault_in_the_hardfault_handler_is_a_lockup()
    {
        var p = new P();
        p.Code(P.Main, T.Of(T.Udf));
        p.Handler(Exceptions.HardFault, 0x2100, T.Of(T.Nop, T.Udf));
        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.Fault);
        r.Message.Should().StartWith("lockup").And.Contain("HardFault handler").And.Contain("UNDEFINSTR");
        p.Cpu.Pc.Should().Be(0x2102u);
    }

    [Fact]
    public void A_fault_with_faultmask_set_is_a_lockup()
    {
        var p = new P();
        p.Cpu.Faultmask = 1;
        p.Code(P.Main, T.Of(T.Udf));
        p.Handler(Exceptions.HardFault, 0x2100, T.Of(T.Self));
        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.Fault);
        r.Message.Should().StartWith("lockup");
    }

    [Fact]
    public void An_invalid_exc_return_takes_invpc_without_stacking_again()
    {
        var p = new P();
        p.Code(P.Main, T.Of(T.Svc(0), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, T.Mov32(0, 0xFFFF_FFF5), T.Of(T.Bx(0)));
        p.Handler(Exceptions.HardFault, 0x2100, T.Of(T.Self));
        p.RunUntil(0x2100);
        p.Peek(Cfsr).Should().Be(InvPc);
        p.Peek(Hfsr).Should().Be(Forced);                 // UsageFault disabled
        p.Cpu.R[14].Should().Be(0xFFFF_FFF5u);            // LR holds the bad EXC_RETURN
        p.Cpu.R[13].Should().Be(P.StackTop - 32, "the thread frame is still the only one on the stack");
        p.Scs.IsActive(Exceptions.SvCall).Should().BeFalse();
    }

    [Fact]
    public void Returning_to_thread_mode_with_another_exception_active_is_invpc()
    {
        var p = new P();
        p.Poke(Iser0, 1);
        p.Poke(0xE000_E400, 0x80);
        p.Code(P.Main, T.Store(Ispr0, 1), T.Of(T.Self));
        p.Handler(16, 0x2000, T.Of(T.Svc(0), T.Self));                                   // IRQ0 calls SVC (priority 0 preempts)
        p.Handler(Exceptions.SvCall, 0x2100, T.Mov32(0, 0xFFFF_FFF9), T.Of(T.Bx(0)));   // claims to return to Thread mode
        p.Handler(Exceptions.HardFault, 0x2200, T.Of(T.Self));
        p.RunUntil(0x2200);
        p.Peek(Cfsr).Should().Be(InvPc);
        p.Scs.IsActive(16).Should().BeTrue();
    }

    [Fact]
    public void An_unusable_vector_stops_the_run_with_a_message()
    {
        var p = new P();
        p.Poke(Iser0, 1);
        p.Code(P.Main, T.Store(Ispr0, 1), T.Of(T.Self));
        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.Fault);
        r.Message.Should().Contain("unhandled IRQ 0").And.Contain("0x00000000");
        p.Cpu.Pc.Should().Be(P.Main + 18, "the PC is left at the instruction that was about to run (after movw/movt x2, str)");
    }

    /// <summary>A bus error while stacking (B1.5.6) is a derived BusFault, here disabled and so a HardFault
    /// (FORCED); the SVCall being entered stays pending, and SP points at the frame that could not be written.</summary>
    [Fact]
    public void Stacking_into_unmapped_memory_takes_a_derived_busfault_escalated_to_hardfault()
    {
        var p = new P();
        p.Machine.SetRegister(13, 0x1000_0010);
        p.Cpu.Msp = 0x1000_0010;
        p.Code(P.Main, T.Of(T.Svc(0), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, T.Of(T.BxLr));
        var r = RunToDerivedHardFault(p, cfsrBit: 1u << 12); // STKERR
        p.Scs.IsPending(Exceptions.SvCall).Should().BeTrue();
        p.Cpu.R[13].Should().Be(0x0FFF_FFF0u);
        p.Cpu.R[14].Should().Be(0xFFFF_FFF9u, "the return to the Thread-mode code that called SVC");
        r.Message.Should().Contain("stacking for SVCall failed").And.Contain("STKERR");
    }

    /// <summary>A bus error while unstacking (B1.5.8) tail-chains the derived BusFault, here disabled and so a
    /// HardFault (FORCED), in place of the return: the frame pointer and the EXC_RETURN in LR stay.</summary>
    [Fact]
    public void Unstacking_from_unmapped_memory_tail_chains_a_derived_busfault_escalated_to_hardfault()
    {
        var p = new P();
        // Thread mode on PSP (CONTROL.SPSEL = 1), then SVC; the handler points PSP at unmapped memory and returns.
        p.Code(P.Main, T.Mov32(0, 0x2008_0000), T.Of(T.MsrPsp(0), T.Movs(0, 2), T.MsrControl(0), T.Svc(0), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, T.Mov32(0, 0x1000_0010), T.Of(T.MsrPsp(0), T.BxLr));
        var r = RunToDerivedHardFault(p, cfsrBit: 1u << 11); // UNSTKERR
        p.Cpu.Psp.Should().Be(0x1000_0010u);
        p.Cpu.R[14].Should().Be(0xFFFF_FFFDu, "the EXC_RETURN of the failed return");
        r.Message.Should().Contain("unstacking on exception return failed at 0x10000010").And.Contain("UNSTKERR");
    }

    /// <summary>Runs until the HardFault handler (a branch to itself) spins, then checks the CFSR bit and HFSR.FORCED.</summary>
    private static RunResult RunToDerivedHardFault(P p, uint cfsrBit)
    {
        p.Handler(Exceptions.HardFault, 0x2100, T.Of(T.Self));
        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.Fault, "the HardFault handler spins, after a fault: " + r.Message);
        p.Cpu.Ipsr.Should().Be((uint)Exceptions.HardFault);
        (p.Peek(Cfsr) & cfsrBit).Should().Be(cfsrBit);
        p.Peek(Hfsr).Should().Be(Forced);
        return r;
    }

    [Fact]
    public void Sysresetreq_stops_the_run()
    {
        var p = new P();
        p.Code(P.Main, T.Store(0xE000_ED0C, 0x05FA_0004), T.Of(T.Self));
        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.Exited);
        r.ExitCode.Should().Be(0);
        r.Message.Should().Contain("SYSRESETREQ");
    }

    [Fact]
    public void A_bus_error_records_bfar_and_escalates_to_hardfault()
    {
        var p = new P();
        p.Code(P.Main, T.Mov32(0, 0x1000_0000), T.Of(T.Ldr(1, 0), T.Self));
        p.Handler(Exceptions.HardFault, 0x2100, T.Of(T.Self));
        p.RunUntil(0x2100);
        p.Peek(Cfsr).Should().Be((1u << 15) | (1u << 9)); // BFARVALID | PRECISERR
        p.Peek(0xE000_ED38).Should().Be(0x1000_0000u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(P.Main + 8);
    }
}
