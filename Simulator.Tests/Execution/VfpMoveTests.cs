using FluentAssertions;
using M7Sim.Simulation;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>VMOV (all forms), VMRS and VMSR. Encodings from arm-none-eabi-as -mcpu=cortex-m7 -mfpu=fpv5-d16.</summary>
public class VfpMoveTests
{
    [Theory]
    [InlineData(0xEEB7_0A00u, 0x3F80_0000u)]   // vmov.f32 s0, #1.0
    [InlineData(0xEEF8_1A04u, 0xC020_0000u)]   // vmov.f32 s3, #-2.5 (written to s3)
    public void Vmov_immediate_f32_expands_imm8(uint code, uint expected)
    {
        var t = Fp(code).Run();
        int reg = code == 0xEEB7_0A00u ? 0 : 3;
        t.GetS(reg).Should().Be(expected);
    }

    [Theory]
    [InlineData(0xEEB7_0B00u, 0, 0x3FF0_0000_0000_0000ul)]   // vmov.f64 d0, #1.0
    [InlineData(0xEEB4_3B00u, 3, 0x3FC0_0000_0000_0000ul)]   // vmov.f64 d3, #0.125
    public void Vmov_immediate_f64_expands_imm8(uint code, int reg, ulong expected)
    {
        Fp(code).Run().GetD(reg).Should().Be(expected);
    }

    [Fact]
    public void Vmov_register_copies_bits_including_signalling_NaNs_without_flags()
    {
        // vmov.f32 s0, s1 ; vmov.f64 d0, d1 would overwrite s0 — use s0 first then d2 ← d1 separately
        var t = Fp(0xEEB0_0A60 /* vmov.f32 s0, s1 */).S(1, 0x7F80_0001).Run();
        t.GetS(0).Should().Be(0x7F80_0001);
        t.FpFlags().Should().Be(0);
        var u = Fp(0xEEB0_0B41 /* vmov.f64 d0, d1 */).D(1, 0xFFF0_0000_0000_0001).Run();
        u.GetD(0).Should().Be(0xFFF0_0000_0000_0001);
    }

    [Fact]
    public void Vmov_between_a_core_register_and_a_single_moves_32_bits_each_way()
    {
        // vmov s31, ip ; vmov r0, s31
        var t = Fp(0xEE0F_CA90, 0xEE1F_0A90).Reg(12, 0xDEAD_BEEF).Run();
        t.GetS(31).Should().Be(0xDEAD_BEEF);
        t[0].Should().Be(0xDEAD_BEEF);
    }

    [Fact]
    public void Vmov_two_core_registers_to_two_singles_and_back()
    {
        // vmov s1, s2, r3, r4 ; vmov r0, r1, s30, s31
        var t = Fp(0xEC44_3A30, 0xEC51_0A1F).Reg(3, 0x1111_1111).Reg(4, 0x2222_2222).S(30, 0xAAAA_AAAA).S(31, 0xBBBB_BBBB).Run();
        t.GetS(1).Should().Be(0x1111_1111);
        t.GetS(2).Should().Be(0x2222_2222);
        t[0].Should().Be(0xAAAA_AAAA);
        t[1].Should().Be(0xBBBB_BBBB);
    }

    [Fact]
    public void Vmov_two_core_registers_to_a_double_puts_the_first_in_the_low_word()
    {
        // vmov d1, r3, r4 ; vmov r0, r1, d15
        var t = Fp(0xEC44_3B11, 0xEC51_0B1F).Reg(3, 0x0000_0001).Reg(4, 0x3FF0_0000).D(15, 0x4000_0000_1234_5678).Run();
        t.GetD(1).Should().Be(0x3FF0_0000_0000_0001);
        t[0].Should().Be(0x1234_5678);
        t[1].Should().Be(0x4000_0000);
    }

    [Fact]
    public void Vmov_scalar_forms_address_one_half_of_a_double()
    {
        // vmov.32 d15[0], r1 ; vmov.32 d1[1], r3 ; vmov.32 r1, d15[1]
        var t = Fp(0xEE0F_1B10, 0xEE21_3B10, 0xEE3F_1B10).Reg(1, 0x5555_5555).Reg(3, 0x7777_7777).S(31, 0x9999_9999).Run();
        t.GetS(30).Should().Be(0x5555_5555);
        t.GetS(3).Should().Be(0x7777_7777);
        t[1].Should().Be(0x9999_9999);
    }

    [Fact]
    public void Vmsr_writes_only_the_implemented_FPSCR_bits_and_vmrs_reads_them_back()
    {
        // vmsr fpscr, r3 ; vmrs r2, fpscr  (vmrs r2 = 0xEEF1_2A10)
        var t = Fp(0xEEE1_3A10, 0xEEF1_2A10).Reg(3, 0xFFFF_FFFF).Run();
        t.Cpu.Fpscr.Should().Be(0xF7C0_009F);   // N Z C V, AHP DN FZ RMode, IDC, IXC UFC OFC DZC IOC
        t[2].Should().Be(0xF7C0_009F);
    }

    [Fact]
    public void Vmrs_APSR_nzcv_copies_the_FPSCR_condition_flags()
    {
        var t = Fp(0xEEF1_FA10 /* vmrs APSR_nzcv, fpscr */).Fpscr(0xA000_0000).Flags(n: false, z: true, c: false, v: true).Run();
        t.Cpu.N.Should().BeTrue();
        t.Cpu.Z.Should().BeFalse();
        t.Cpu.C.Should().BeTrue();
        t.Cpu.V.Should().BeFalse();
    }

    [Fact]
    public void Vmov_to_a_core_register_with_sp_is_unpredictable()
    {
        var t = Fp(0xEE10_DA10 /* vmov sp, s0 */).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }
}
