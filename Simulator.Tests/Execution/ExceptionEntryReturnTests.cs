using FluentAssertions;
using M7Sim.Execution;
using M7Sim.Simulation;
using Xunit;
using P = M7Sim.Tests.Execution.ExceptionTestProgram;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Exception entry and return (Armv7-M ARM B1.5.6-B1.5.8): frames, EXC_RETURN, stacks, IT state.
/// Expected frames are written out from PushStack: R0-R3, R12, LR, return address, xPSR.
/// </summary>
public class ExceptionEntryReturnTests
{
    private const uint Icsr = 0xE000_ED04, PendSvSet = 1u << 28;

    [Fact]
    public void Svc_stacks_the_basic_frame_and_enters_handler_mode_on_the_main_stack()
    {
        var p = new P();
        p.Code(P.Main, T.Of(T.Movs(0, 0x10), T.Movs(1, 0x11), T.Movs(2, 0x12), T.Movs(3, 0x13), T.Svc(5), T.Movs(5, 1), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, T.Of(T.Movs(4, 0x22), T.BxLr));
        p.Cpu.R[12] = 0x0C;
        p.Cpu.R[14] = 0x1235;

        p.RunUntil(0x2000);
        p.Cpu.Ipsr.Should().Be(11u);
        p.Cpu.R[14].Should().Be(0xFFFF_FFF9u);                // return to Thread, main stack, basic frame
        p.Cpu.R[13].Should().Be(P.StackTop - 32);
        p.Scs.IsActive(Exceptions.SvCall).Should().BeTrue();
        // movs r3, #0x13 left N = Z = 0; C and V were 0; EPSR.T = 1; Thread mode IPSR = 0.
        p.Frame(P.StackTop - 32).Should().Equal(0x10u, 0x11u, 0x12u, 0x13u, 0x0Cu, 0x1235u, P.Main + 10, 0x0100_0000u);

        p.RunUntil(P.Main + 12);
        p.Cpu.Ipsr.Should().Be(0u);
        p.Cpu.R[13].Should().Be(P.StackTop);
        p.Cpu.R[4].Should().Be(0x22u);
        p.Cpu.R[5].Should().Be(1u);
        p.Cpu.R[0].Should().Be(0x10u);
        p.Cpu.R[14].Should().Be(0x1235u);
        p.Scs.IsActive(Exceptions.SvCall).Should().BeFalse();
    }

    [Fact]
    public void A_stack_pointer_that_is_not_8_byte_aligned_is_realigned_and_restored()
    {
        var p = new P();
        p.Code(P.Main, T.Of(T.Svc(0), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, T.Of(T.BxLr));
        p.Machine.SetRegister(13, P.StackTop - 4);
        p.Cpu.Msp = P.StackTop - 4;

        p.RunUntil(0x2000);
        // (0x200FFFFC - 32) & ~7 = 0x200FFFD8, and xPSR bit 9 records the 4 padding bytes.
        p.Cpu.R[13].Should().Be(0x200F_FFD8u);
        (p.Frame(0x200F_FFD8)[7] & (1u << 9)).Should().Be(1u << 9);
        p.RunUntil(P.Main + 2);
        p.Cpu.R[13].Should().Be(P.StackTop - 4);
    }

    [Fact]
    public void Pendsv_pended_by_a_store_is_taken_before_the_next_instruction()
    {
        var p = new P();
        uint afterStore = p.Code(P.Main, T.Store(Icsr, PendSvSet));
        p.Code(afterStore, T.Of(T.Movs(5, 1), T.Self));
        p.Handler(Exceptions.PendSv, 0x2000, T.Of(T.BxLr));

        p.RunUntil(0x2000);
        p.Cpu.R[5].Should().Be(0u);
        p.Frame(p.Cpu.R[13])[6].Should().Be(afterStore);
        p.Scs.IsPending(Exceptions.PendSv).Should().BeFalse();
        p.RunUntil(afterStore + 2);
        p.Cpu.R[5].Should().Be(1u);
    }

    [Fact]
    public void Thread_mode_on_the_process_stack_stacks_there_and_returns_to_it()
    {
        var p = new P();
        const uint psp = 0x2008_0000;
        p.Code(P.Main, T.Mov32(0, psp), T.Of(T.MsrPsp(0), T.Movs(1, 2), T.MsrControl(1), T.Isb, T.Svc(0), T.Movs(5, 1), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, T.Of(T.MovR4Sp, T.BxLr));

        p.RunUntil(0x2000);
        p.Cpu.R[14].Should().Be(0xFFFF_FFFDu);               // return to Thread, process stack
        p.Cpu.Psp.Should().Be(psp - 32);
        p.Cpu.R[13].Should().Be(P.StackTop);                 // the handler runs on the main stack
        (p.Cpu.Control & 2).Should().Be(0u);
        p.Frame(psp - 32)[6].Should().Be(P.Main + 24); // movw/movt 8, msr 4, movs 2, msr 4, isb 4, svc 2

        p.RunUntil(P.Main + 26);
        p.Cpu.R[4].Should().Be(P.StackTop);                  // what the handler saw as SP
        (p.Cpu.Control & 2).Should().Be(2u);
        p.Cpu.R[13].Should().Be(psp);
        p.Cpu.Msp.Should().Be(P.StackTop);
    }

    [Fact]
    public void The_it_state_is_stacked_and_restored_so_the_rest_of_the_block_stays_conditional()
    {
        var p = new P();
        // movs r3, #0 sets Z; ite eq; streq pends PendSV (executes); movne r3, #1 must then be skipped.
        uint it = p.Code(P.Main, T.Mov32(1, Icsr), T.Mov32(2, PendSvSet), T.Of(T.Movs(3, 0)));
        uint end = p.Code(it, T.Of(0xBF0C /* ite eq */, 0x600A /* streq r2, [r1] */, 0x2301 /* movne r3, #1 */, T.Self));
        p.Handler(Exceptions.PendSv, 0x2000, T.Of(T.Movs(4, 1), T.BxLr)); // movs changes the flags: they come back from the frame

        p.RunUntil(0x2000);
        uint xpsr = p.Frame(p.Cpu.R[13])[7];
        (xpsr & 0x0600_FC00).Should().NotBe(0u, "ITSTATE for the movne is in the stacked xPSR");
        (xpsr & (1u << 30)).Should().Be(1u << 30, "Z was set");
        p.RunUntil(end - 2);
        p.Cpu.R[3].Should().Be(0u);
        p.Cpu.ItState.Should().Be(0u);
    }

    [Fact]
    public void Sleep_on_exit_sleeps_instead_of_returning_to_thread_mode()
    {
        var p = new P();
        p.Poke(0xE000_ED10, 2); // SCR.SLEEPONEXIT
        uint after = p.Code(P.Main, T.Store(Icsr, PendSvSet));
        p.Code(after, T.Of(T.Movs(5, 1), T.Self));
        p.Handler(Exceptions.PendSv, 0x2000, T.Log(14), T.Of(T.BxLr));

        var r = p.RunToStop();
        r.Reason.Should().Be(StopReason.SleepForever);
        p.Log.Should().Equal(14);
        p.Cpu.R[5].Should().Be(0u, "the core went to sleep on the way back to Thread mode");
        p.Cpu.Pc.Should().Be(after);
    }
}
