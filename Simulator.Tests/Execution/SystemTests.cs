using System.Text;
using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>BKPT, SVC, UDF, hints, barriers, WFI/WFE and CPS (A5.2.5, A5.3.4, B5.2.1).</summary>
public class SystemTests
{
    private const uint Code = TestCpu.CodeBase;
    private const uint Data = TestCpu.DataBase;

    [Fact]
    public void Bkpt_other_than_0xAB_stops_as_a_breakpoint_with_its_immediate()
    {
        var t = TestCpu.WithCode(0xBE01 /* bkpt #1 */).Run();
        t.Result.Reason.Should().Be(StopReason.Breakpoint);
        t.Cpu.FaultImm.Should().Be(1u);
        t.Result.Message.Should().Contain("BKPT #1");
    }

    [Fact]
    public void Bkpt_0xAB_is_a_semihosting_call_that_can_exit()
    {
        var t = TestCpu.WithCode(0xBEAB /* bkpt #0xab */).Reg(0, 0x18 /* SYS_EXIT */).Reg(1, 0x20026 /* ApplicationExit */).Run();
        t.Result.Reason.Should().Be(StopReason.Exited);
        t.Result.ExitCode.Should().Be(0);
    }

    [Fact]
    public void Bkpt_0xAB_semihosting_continues_after_the_call()
    {
        var t = TestCpu.WithCode(0xBEAB /* bkpt #0xab */, 0x6811 /* ldr r1, [r2] */)
            .Word(Data, 0x41 /* 'A' */).Reg(0, 0x03 /* SYS_WRITEC */).Reg(1, Data).Reg(2, Data).Run();
        Encoding.ASCII.GetString(t.Output.ToArray()).Should().Be("A");
        t[1].Should().Be(0x41u);
        t.Cpu.Pc.Should().Be(Code + 4);
    }

    [Fact]
    public void Svc_takes_the_SVCall_exception_with_the_next_instruction_as_return_address()
    {
        var t = TestCpu.WithCode(0xDF05 /* svc #5 */).Word(11 * 4, 0x0000_1101).Reg(13, Data + 0x100).Run();
        t.Cpu.FaultImm.Should().Be(5u);
        t.Cpu.Ipsr.Should().Be(11u);
        t.Cpu.Pc.Should().Be(0x1100u);
        t[14].Should().Be(0xFFFF_FFF9u);
        t.ReadWord(Data + 0x100 - 32 + 24).Should().Be(Code + 2, "the stacked return address");
    }

    [Theory]
    [InlineData(0xDE07u /* udf #7 */)]
    [InlineData(0xF7F1_A234u /* udf.w #0x1234 */)]
    public void Udf_raises_UNDEFINSTR(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
        t.Cpu.Pc.Should().Be(Code);
    }

    [Theory]
    [InlineData(0xBF00u /* nop */, 2u)]
    [InlineData(0xBF10u /* yield */, 2u)]
    [InlineData(0xBF40u /* sev */, 2u)]
    [InlineData(0xBF50u /* unallocated hint 5 */, 2u)]
    [InlineData(0xF3AF_8000u /* nop.w */, 4u)]
    [InlineData(0xF3AF_80F3u /* dbg #3 */, 4u)]
    [InlineData(0xF3BF_8F5Fu /* dmb sy */, 4u)]
    [InlineData(0xF3BF_8F4Fu /* dsb sy */, 4u)]
    [InlineData(0xF3BF_8F6Fu /* isb sy */, 4u)]
    public void Hints_and_barriers_only_advance_the_pc(uint encoding, uint size)
    {
        var t = TestCpu.WithCode(encoding).Reg(0, 0x1234).Flags(n: true, c: true).Run();
        t.Result.Reason.Should().Be(StopReason.InstructionLimit);
        t.Cpu.Pc.Should().Be(Code + size);
        t[0].Should().Be(0x1234u);
        t.Cpu.N.Should().BeTrue();
        t.Cpu.C.Should().BeTrue();
    }

    [Theory]
    [InlineData(0xBF30u /* wfi */)]
    [InlineData(0xBF20u /* wfe */)]
    [InlineData(0xF3AF_8003u /* wfi.w */)]
    public void Wait_for_interrupt_with_nothing_enabled_sleeps_forever(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Run();
        t.Result.Reason.Should().Be(StopReason.SleepForever);
    }

    [Fact]
    public void Cpsid_i_and_cpsie_i_set_and_clear_PRIMASK()
    {
        var t = TestCpu.WithCode(0xB672 /* cpsid i */).Run();
        t.Cpu.Primask.Should().Be(1u);

        var e = TestCpu.WithCode(0xB662 /* cpsie i */);
        e.Cpu.Primask = 1;
        e.Run();
        e.Cpu.Primask.Should().Be(0u);
    }

    [Fact]
    public void Cpsid_f_sets_FAULTMASK_but_not_in_HardFault()
    {
        var t = TestCpu.WithCode(0xB671 /* cpsid f */).Run();
        t.Cpu.Faultmask.Should().Be(1u);

        var h = TestCpu.WithCode(0xB671 /* cpsid f */);
        h.Cpu.Ipsr = 3; // HardFault: execution priority -1
        h.Run();
        h.Cpu.Faultmask.Should().Be(0u);
    }

    [Fact]
    public void Cpsie_f_clears_FAULTMASK()
    {
        var t = TestCpu.WithCode(0xB661 /* cpsie f */);
        t.Cpu.Faultmask = 1;
        t.Run();
        t.Cpu.Faultmask.Should().Be(0u);
    }

    [Fact]
    public void Cps_is_ignored_when_unprivileged()
    {
        var t = TestCpu.WithCode(0xB672 /* cpsid i */);
        t.Cpu.Control = 1; // nPRIV in Thread mode
        t.Run();
        t.Result.Reason.Should().Be(StopReason.InstructionLimit);
        t.Cpu.Primask.Should().Be(0u);
    }
}
