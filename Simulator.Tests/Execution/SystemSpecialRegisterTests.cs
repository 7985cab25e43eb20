using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>MRS/MSR (B5.2.2, B5.2.3): APSR masks, xPSR views, stack pointers, masks, CONTROL and privilege.</summary>
public class SystemSpecialRegisterTests
{
    private const uint Data = TestCpu.DataBase;

    private const uint MrsApsr = 0xF3EF_8100;      // mrs r1, APSR
    private const uint MsrNzcvq = 0xF380_8800;     // msr APSR_nzcvq, r0
    private const uint MsrG = 0xF380_8400;         // msr APSR_g, r0
    private const uint MsrNzcvqg = 0xF380_8C00;    // msr APSR_nzcvqg, r0

    [Fact]
    public void Msr_apsr_nzcvq_then_mrs_round_trips_the_flags_only()
    {
        var t = TestCpu.WithCode(MsrNzcvq, MrsApsr).Reg(0, 0xFFFF_FFFF).Run();
        t[1].Should().Be(0xF800_0000u, "GE is untouched by the nzcvq mask and every other bit reads as zero");
        t.Cpu.N.Should().BeTrue();
        t.Cpu.Q.Should().BeTrue();
        t.Cpu.GE.Should().Be(0u);
    }

    [Fact]
    public void Msr_apsr_g_writes_only_GE()
    {
        var t = TestCpu.WithCode(MsrG, MrsApsr).Reg(0, 0xFFFF_FFFF).Run();
        t[1].Should().Be(0x000F_0000u);
        t.Cpu.N.Should().BeFalse();
    }

    [Fact]
    public void Msr_apsr_nzcvqg_writes_both()
    {
        var t = TestCpu.WithCode(MsrNzcvqg, MrsApsr).Reg(0, 0x5805_0000).Run();
        t[1].Should().Be(0x5805_0000u);
        t.Cpu.Z.Should().BeTrue();
        t.Cpu.V.Should().BeTrue();
        t.Cpu.Q.Should().BeTrue();
        t.Cpu.GE.Should().Be(0x5u);
    }

    [Fact]
    public void Mrs_xpsr_includes_IPSR_but_reads_EPSR_as_zero()
    {
        var t = TestCpu.WithCode(0xF3EF_8103 /* mrs r1, xPSR */).Flags(n: true, c: true);
        t.Cpu.Ipsr = 0x13;
        t.Cpu.ItState = 0; // the T bit (24) would be set in a real EPSR; MRS never shows it
        t.Run();
        t[1].Should().Be(0xA000_0013u);
    }

    [Theory]
    [InlineData(0xF3EF_8101u /* mrs r1, IAPSR */, 0x8000_0013u)]
    [InlineData(0xF3EF_8102u /* mrs r1, EAPSR */, 0x8000_0000u)]
    [InlineData(0xF3EF_8105u /* mrs r1, IPSR */, 0x0000_0013u)]
    [InlineData(0xF3EF_8106u /* mrs r1, EPSR */, 0x0000_0000u)]
    [InlineData(0xF3EF_8107u /* mrs r1, IEPSR */, 0x0000_0013u)]
    public void Mrs_psr_views_select_their_parts(uint encoding, uint expected)
    {
        var t = TestCpu.WithCode(encoding).Flags(n: true);
        t.Cpu.Ipsr = 0x13;
        t.Run();
        t[1].Should().Be(expected);
    }

    [Fact]
    public void Msp_reads_the_active_stack_and_psp_the_banked_one_in_thread_mode()
    {
        var t = TestCpu.WithCode(0xF3EF_8108 /* mrs r1, MSP */, 0xF3EF_8209 /* mrs r2, PSP */).Reg(13, Data + 0x800);
        t.Cpu.Psp = Data + 0x400;
        t.Run();
        t[1].Should().Be(Data + 0x800);
        t[2].Should().Be(Data + 0x400);
    }

    [Fact]
    public void Msr_msp_writes_the_active_stack_and_clears_the_low_bits()
    {
        var t = TestCpu.WithCode(0xF380_8808 /* msr MSP, r0 */, 0xF381_8809 /* msr PSP, r1 */)
            .Reg(0, Data + 0x103).Reg(1, Data + 0x207).Run();
        t[13].Should().Be(Data + 0x100);
        t.Cpu.Psp.Should().Be(Data + 0x204);
    }

    [Fact]
    public void Control_spsel_switches_thread_mode_to_the_process_stack_and_back()
    {
        var t = TestCpu.WithCode(
                0xF380_8814 /* msr CONTROL, r0 */,
                0xF3EF_8108 /* mrs r1, MSP */,
                0xF3EF_8214 /* mrs r2, CONTROL */,
                0xF38A_8814 /* msr CONTROL, r10 */)
            .Reg(13, Data + 0x800).Reg(0, 2).Reg(10, 0);
        t.Cpu.Psp = Data + 0x400;
        t.Run(3);
        t[13].Should().Be(Data + 0x400, "SP is now the process stack");
        t[1].Should().Be(Data + 0x800, "MSP is still readable by name");
        t[2].Should().Be(2u);
        t.Run(1);
        t[13].Should().Be(Data + 0x800);
        t.Cpu.Psp.Should().Be(Data + 0x400);
        t.Cpu.Control.Should().Be(0u);
    }

    [Fact]
    public void Control_spsel_is_not_writable_in_handler_mode()
    {
        var t = TestCpu.WithCode(0xF380_8814 /* msr CONTROL, r0 */).Reg(13, Data + 0x800).Reg(0, 3);
        t.Cpu.Ipsr = 3;
        t.Run();
        t.Cpu.Control.Should().Be(1u, "nPRIV is written, SPSEL is not");
        t[13].Should().Be(Data + 0x800);
    }

    [Fact]
    public void Unprivileged_code_cannot_change_masks_or_control_but_can_write_APSR()
    {
        var t = TestCpu.WithCode(
                0xF380_8810 /* msr PRIMASK, r0 */,
                0xF380_8811 /* msr BASEPRI, r0 */,
                0xF380_8814 /* msr CONTROL, r0 */,
                MsrNzcvq,
                0xF3EF_8110 /* mrs r1, PRIMASK */)
            .Reg(0, 0xFFFF_FFFF).Reg(1, 0x1234);
        t.Cpu.Control = 1;
        t.Cpu.Primask = 1;
        t.Run();
        t.Cpu.Primask.Should().Be(1u);
        t.Cpu.Basepri.Should().Be(0u);
        t.Cpu.Control.Should().Be(1u);
        t.Cpu.N.Should().BeTrue();
        t[1].Should().Be(0u, "PRIMASK reads as zero when unprivileged");
    }

    [Fact]
    public void Primask_round_trips_bit0_and_requests_an_interrupt_check()
    {
        var t = TestCpu.WithCode(0xF380_8810 /* msr PRIMASK, r0 */, 0xF3EF_8110 /* mrs r1, PRIMASK */).Reg(0, 0xFF).Run();
        t[1].Should().Be(1u);
        t.Cpu.Primask.Should().Be(1u);
    }

    [Theory]
    [InlineData(0x00u, 0x40u, 0x40u)] // BASEPRI 0: any non-zero value is taken
    [InlineData(0x80u, 0x40u, 0x40u)] // a higher priority (lower value) is taken
    [InlineData(0x40u, 0x80u, 0x40u)] // a lower priority is ignored
    [InlineData(0x40u, 0x00u, 0x40u)] // zero is ignored
    public void Basepri_max_only_raises_the_boost(uint before, uint write, uint after)
    {
        var t = TestCpu.WithCode(0xF380_8812 /* msr BASEPRI_MAX, r0 */).Reg(0, write);
        t.Cpu.Basepri = before;
        t.Run();
        t.Cpu.Basepri.Should().Be(after);
    }

    [Fact]
    public void Basepri_keeps_eight_bits_and_reads_back()
    {
        var t = TestCpu.WithCode(0xF380_8811 /* msr BASEPRI, r0 */, 0xF3EF_8111 /* mrs r1, BASEPRI */).Reg(0, 0x1A0).Run();
        t[1].Should().Be(0xA0u);
    }

    [Fact]
    public void Faultmask_can_be_set_in_thread_mode_and_cleared_in_hardfault()
    {
        var t = TestCpu.WithCode(0xF380_8813 /* msr FAULTMASK, r0 */, 0xF3EF_8113 /* mrs r1, FAULTMASK */).Reg(0, 1).Run();
        t[1].Should().Be(1u);

        var h = TestCpu.WithCode(0xF380_8813 /* msr FAULTMASK, r0 */).Reg(0, 1);
        h.Cpu.Ipsr = 3;
        h.Run();
        h.Cpu.Faultmask.Should().Be(0u, "FAULTMASK cannot be set at execution priority -1");

        var c = TestCpu.WithCode(0xF380_8813 /* msr FAULTMASK, r0 */).Reg(0, 0);
        c.Cpu.Ipsr = 3;
        c.Cpu.Faultmask = 1;
        c.Run();
        c.Cpu.Faultmask.Should().Be(0u);
    }

    [Theory]
    [InlineData(0xF3EF_8104u /* mrs r1, SYSm=4 (reserved) */)]
    [InlineData(0xF3EF_8D00u /* mrs sp, APSR */)]
    [InlineData(0xF380_8014u /* msr CONTROL with mask 00 */)]
    [InlineData(0xF380_8414u /* msr CONTROL with mask 01 (only APSR takes g) */)]
    public void Invalid_special_register_accesses_are_UNPREDICTABLE(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Run();
        t.Result.Reason.Should().Be(M7Sim.Simulation.StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }
}
