using FluentAssertions;
using M7Sim.Execution;
using Xunit;
using P = M7Sim.Tests.Execution.ExceptionTestProgram;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Interworking branches to an even address on a Thumb-only core (ARM ARM A2.3.1 BXWritePC and
/// LoadWritePC, B1.4.2 EPSR.T): the branch completes with EPSR.T = 0 and the UsageFault INVSTATE is
/// taken on the next instruction, so the frame holds the branch target as return address and xPSR.T
/// clear. An exception return whose stacked xPSR has T clear faults the same way at the return
/// address. QEMU mps2-an500 agrees (kernels-elf/tests-fpx/exc_interwork.c).
/// </summary>
public class InterworkingStateTests
{
    private const uint Shcsr = 0xE000_ED24, Cfsr = 0xE000_ED28, InvState = 1u << 17, UsgFaultEna = 1u << 18;
    private const uint Target = 0x3000, UsageHandler = 0x2000;

    private static P Program()
    {
        var p = new P();
        p.Poke(Shcsr, UsgFaultEna);
        p.Code(Target, T.Of(T.Nop, T.Self));
        // A NOP first: the fault is taken at the fetch of the target, without retiring an instruction,
        // so a one-instruction step that takes it also runs the handler's first instruction.
        p.Handler(Exceptions.UsageFault, UsageHandler, T.Of(T.Nop, T.Self));
        return p;
    }

    private static void ExpectInvStateAt(P p, uint returnAddress)
    {
        p.RunUntil(UsageHandler + 2);
        p.Cpu.Ipsr.Should().Be(6u);
        p.Peek(Cfsr).Should().Be(InvState);
        uint[] frame = p.Frame(p.Cpu.R[13]);
        frame[6].Should().Be(returnAddress, "the faulting instruction is the one at the branch target");
        (frame[7] & (1u << 24)).Should().Be(0u, "the stacked xPSR keeps EPSR.T = 0");
    }

    [Fact]
    public void Bx_to_an_even_address_completes_and_the_next_instruction_takes_invstate()
    {
        var p = Program();
        p.Code(P.Main, T.Mov32(0, Target), T.Of(T.Bx(0)));   // bx r0
        ExpectInvStateAt(p, Target);
    }

    [Fact]
    public void Blx_to_an_even_address_writes_lr_before_the_fault()
    {
        var p = Program();
        uint after = p.Code(P.Main, T.Mov32(0, Target), T.Of(0x4780));   // blx r0
        ExpectInvStateAt(p, Target);
        p.Frame(p.Cpu.R[13])[5].Should().Be(after | 1, "BLX linked the return address");
    }

    [Fact]
    public void Pop_pc_with_an_even_value_completes_the_pop_before_the_fault()
    {
        var p = Program();
        p.Code(P.Main, T.Mov32(0, Target), T.Of(0xB401, 0xBD00));   // push {r0}; pop {pc}
        ExpectInvStateAt(p, Target);
        p.Cpu.R[13].Should().Be(P.StackTop - 0x20, "the pop restored SP before the basic frame was stacked");
    }

    [Fact]
    public void An_exception_return_with_the_stacked_t_bit_clear_takes_invstate_at_the_return_address()
    {
        var p = Program();
        p.Code(P.Main, T.Of(T.Svc(0), T.Nop, T.Self));
        // SVC handler: clear T in its own stacked xPSR and return.
        p.Handler(Exceptions.SvCall, 0x2100, T.Of(0x4668, 0x69C1, 0xF021_7180, 0x61C1, T.BxLr)); // mov r0, sp; ldr r1, [r0, #28]; bic.w r1, r1, #0x1000000; str r1, [r0, #28]; bx lr
        ExpectInvStateAt(p, P.Main + 2);
        p.Cpu.R[13].Should().Be(P.StackTop - 0x20, "the return unstacked the SVC frame before the fault stacked its own");
    }

    [Fact]
    public void The_usagefault_handler_runs_in_thumb_state()
    {
        var p = Program();
        p.Code(P.Main, T.Mov32(0, Target), T.Of(T.Bx(0)));
        p.RunUntil(UsageHandler + 2);
        (p.Cpu.Epsr & (1u << 24)).Should().Be(1u << 24, "exception entry sets EPSR.T from the vector");
        p.Cpu.Pc.Should().Be(UsageHandler + 2, "the handler runs from an even address, bit 0 no longer marks T = 0");
    }
}
