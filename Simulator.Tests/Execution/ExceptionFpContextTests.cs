using FluentAssertions;
using M7Sim.Execution;
using Xunit;
using P = M7Sim.Tests.Execution.ExceptionTestProgram;

namespace M7Sim.Tests.Execution;

/// <summary>
/// The extended frame (B1.5.7): with CONTROL.FPCA set, entry reserves S0-S15 and FPSCR (0x68 bytes)
/// and EXC_RETURN bit 4 is 0; with FPCCR.LSPEN the registers are saved only when needed (lazy).
/// </summary>
public class ExceptionFpContextTests
{
    private const uint Cpacr = 0xE000_ED88, Fpccr = 0xE000_EF34, Fpcar = 0xE000_EF38, Fpdscr = 0xE000_EF3C;
    private const uint One = 0x3F80_0000, Two = 0x4000_0000;

    private static P WithFpContext(params uint[][] svcHandler)
    {
        var p = new P();
        p.Poke(Cpacr, 0x00F0_0000);
        p.Code(P.Main, T.Mov32(1, One), T.Of(T.VmovSR(0, 1), T.Svc(0), T.Self));
        p.Handler(Exceptions.SvCall, 0x2000, svcHandler);
        return p;
    }

    [Fact]
    public void An_active_fp_context_gets_the_extended_frame_with_lazy_state_preservation()
    {
        var p = WithFpContext(T.Of(T.BxLr));
        p.RunUntil(0x2000);
        const uint frame = P.StackTop - 0x68;
        p.Cpu.R[14].Should().Be(0xFFFF_FFE9u);              // bit 4 clear: extended frame
        p.Cpu.R[13].Should().Be(frame);
        (p.Cpu.Control & 4).Should().Be(0u, "the handler starts without an FP context");
        // LSPACT, THREAD, HFRDY with ASPEN|LSPEN; FPCAR points at the S0 slot.
        p.Peek(Fpccr).Should().Be(0xC000_0019u);
        p.Peek(Fpcar).Should().Be(frame + 0x20);
        p.ReadWord(frame + 0x20).Should().NotBe(One, "nothing was written yet");

        p.RunUntil(P.Main + 14);
        p.Cpu.R[13].Should().Be(P.StackTop);
        (p.Cpu.Control & 4).Should().Be(4u, "FPCA comes back from EXC_RETURN bit 4");
        (p.Peek(Fpccr) & 1).Should().Be(0u, "LSPACT cleared: the registers still hold the state");
        p.Cpu.S[0].Should().Be(One);
    }

    [Fact]
    public void Without_lspen_the_fp_registers_are_stacked_at_entry_and_restored_at_return()
    {
        var p = WithFpContext(T.Mov32(2, Two), T.Of(T.VmovSR(0, 2), T.BxLr));
        p.Poke(Fpccr, 0x8000_0000); // ASPEN only
        p.Cpu.Fpscr = 0x0000_0010;  // IXC set: comes back from the frame
        p.RunUntil(0x2000);
        const uint frame = P.StackTop - 0x68;
        p.ReadWord(frame + 0x20).Should().Be(One);
        p.ReadWord(frame + 0x60).Should().Be(0x10u);
        p.RunUntil(P.Main + 14);
        p.Cpu.S[0].Should().Be(One, "restored over the handler's vmov s0");
        p.Cpu.Fpscr.Should().Be(0x10u);
    }

    [Fact]
    public void The_first_fp_instruction_of_a_handler_saves_the_lazily_preserved_state()
    {
        var p = WithFpContext(T.Of(T.BxLr));
        p.RunUntil(0x2000);
        const uint frame = P.StackTop - 0x68;
        // What the FP instructions call before executing (ExecuteFPCheck):
        Exceptions.FpContextCheck(p.Cpu);
        p.ReadWord(frame + 0x20).Should().Be(One);
        (p.Cpu.Fpccr & 1).Should().Be(0u);
        (p.Cpu.Control & 4).Should().Be(4u, "ASPEN starts a new FP context in the handler");
        p.Cpu.S[0] = Two;                       // the handler's own FP work
        p.RunUntil(P.Main + 14);
        p.Cpu.S[0].Should().Be(One, "unstacked from the frame since LSPACT was clear");
    }

    [Fact]
    public void A_new_fp_context_takes_its_fpscr_modes_from_fpdscr()
    {
        var p = new P();
        p.Poke(Fpdscr, 0x0340_0000);            // DN, FZ, RMode = round towards plus infinity
        p.Cpu.Fpscr = 0xF000_0000;
        Exceptions.FpContextCheck(p.Cpu);
        p.Cpu.Fpscr.Should().Be(0xF340_0000u);
        (p.Cpu.Control & 4).Should().Be(4u);
    }

    [Fact]
    public void Without_aspen_fp_instructions_do_not_start_a_context()
    {
        var p = new P();
        p.Poke(Fpccr, 0);
        Exceptions.FpContextCheck(p.Cpu);
        (p.Cpu.Control & 4).Should().Be(0u);
    }
}
