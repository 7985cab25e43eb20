using FluentAssertions;
using M7Sim.Simulation;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>
/// VADD/VSUB/VMUL/VDIV (and the rest of the data-processing group) through the decoder and the run loop.
/// Expected values are worked out by hand from IEEE 754 / the ARM ARM FP pseudocode: FPSCR bits
/// IOC=0x01 DZC=0x02 OFC=0x04 UFC=0x08 IXC=0x10 IDC=0x80; RMode RP=0x00400000 RM=0x00800000 RZ=0x00C00000;
/// FZ=0x01000000, DN=0x02000000.
/// </summary>
public class VfpArithmeticTests
{
    private const uint VaddS0S1S2 = 0xEE30_0A81;  // vadd.f32 s0, s1, s2
    private const uint VsubS0S1S2 = 0xEE30_0AC1;  // vsub.f32 s0, s1, s2
    private const uint VmulS0S1S2 = 0xEE20_0A81;  // vmul.f32 s0, s1, s2
    private const uint VdivS0S1S2 = 0xEE80_0A81;  // vdiv.f32 s0, s1, s2
    private const uint VaddD0D1D2 = 0xEE31_0B02;  // vadd.f64 d0, d1, d2
    private const uint VdivD0D1D2 = 0xEE81_0B02;  // vdiv.f64 d0, d1, d2

    private static (uint Result, uint Flags) RunS(uint code, uint a, uint b, uint fpscr = 0)
    {
        var t = Fp(code).S(1, a).S(2, b).Fpscr(fpscr).Run();
        t.Result.Reason.Should().Be(StopReason.InstructionLimit, t.Result.Message);
        return (t.GetS(0), t.FpFlags());
    }

    [Theory]
    // 1 + 2 = 3 exactly.
    [InlineData(0x3F80_0000u, 0x4000_0000u, 0x0000_0000u, 0x4040_0000u, 0x00u)]
    // 1 + 2^-24 is exactly half an ulp of 1.0: ties to even keeps 1.0 (RN), RP goes up, RM/RZ truncate.
    [InlineData(0x3F80_0000u, 0x3380_0000u, 0x0000_0000u, 0x3F80_0000u, 0x10u)]
    [InlineData(0x3F80_0000u, 0x3380_0000u, 0x0040_0000u, 0x3F80_0001u, 0x10u)]
    [InlineData(0x3F80_0000u, 0x3380_0000u, 0x0080_0000u, 0x3F80_0000u, 0x10u)]
    [InlineData(0x3F80_0000u, 0x3380_0000u, 0x00C0_0000u, 0x3F80_0000u, 0x10u)]
    // 1 + 1.5·2^-24 is above the half-way point: RN rounds up.
    [InlineData(0x3F80_0000u, 0x33C0_0000u, 0x0000_0000u, 0x3F80_0001u, 0x10u)]
    // (1 + 2^-23) + 2^-24: tie with an odd last bit rounds up to the even neighbour 1 + 2^-22.
    [InlineData(0x3F80_0001u, 0x3380_0000u, 0x0000_0000u, 0x3F80_0002u, 0x10u)]
    // −1 + (−2^-24) in RM rounds away from zero (towards −∞), in RP towards zero.
    [InlineData(0xBF80_0000u, 0xB380_0000u, 0x0080_0000u, 0xBF80_0001u, 0x10u)]
    [InlineData(0xBF80_0000u, 0xB380_0000u, 0x0040_0000u, 0xBF80_0000u, 0x10u)]
    // +∞ + −∞ is Invalid Operation: default NaN.
    [InlineData(0x7F80_0000u, 0xFF80_0000u, 0x0000_0000u, 0x7FC0_0000u, 0x01u)]
    // ∞ + finite = ∞, no flags.
    [InlineData(0xFF80_0000u, 0x3F80_0000u, 0x0000_0000u, 0xFF80_0000u, 0x00u)]
    // Largest normal + one ulp (2^104) = 2^128 exactly: overflow to +∞ (with IXC, as FPRound forces).
    [InlineData(0x7F7F_FFFFu, 0x7380_0000u, 0x0000_0000u, 0x7F80_0000u, 0x14u)]
    // Same sum in RZ saturates at the largest normal (overflow and inexact still signalled).
    [InlineData(0x7F7F_FFFFu, 0x7380_0000u, 0x00C0_0000u, 0x7F7F_FFFFu, 0x14u)]
    // Two denormals add exactly (no underflow flag without inexact).
    [InlineData(0x0000_0001u, 0x0000_0001u, 0x0000_0000u, 0x0000_0002u, 0x00u)]
    // Flush-to-zero: the denormal input counts as zero (IDC), 1 + 0 = 1 with no inexact.
    [InlineData(0x3F80_0000u, 0x0000_0001u, 0x0100_0000u, 0x3F80_0000u, 0x80u)]
    // Flush-to-zero: smallest normal + (−smallest normal + 1 ulp) = 2^-149 result is flushed: +0, UFC only.
    [InlineData(0x0080_0001u, 0x8080_0000u, 0x0100_0000u, 0x0000_0000u, 0x08u)]
    // Without FZ the same difference is an exact denormal.
    [InlineData(0x0080_0001u, 0x8080_0000u, 0x0000_0000u, 0x0000_0001u, 0x00u)]
    // −0 + −0 = −0; +0 + −0 = +0 (RN) but −0 when rounding towards −∞.
    [InlineData(0x8000_0000u, 0x8000_0000u, 0x0000_0000u, 0x8000_0000u, 0x00u)]
    [InlineData(0x0000_0000u, 0x8000_0000u, 0x0000_0000u, 0x0000_0000u, 0x00u)]
    [InlineData(0x0000_0000u, 0x8000_0000u, 0x0080_0000u, 0x8000_0000u, 0x00u)]
    public void Vadd_f32_rounds_per_FPSCR_and_sets_cumulative_flags(uint a, uint b, uint fpscr, uint expected, uint flags)
    {
        var (r, f) = RunS(VaddS0S1S2, a, b, fpscr);
        r.Should().Be(expected);
        f.Should().Be(flags);
    }

    [Theory]
    // x − x = +0 in every mode but RM, where it is −0.
    [InlineData(0x3FC0_0000u, 0x3FC0_0000u, 0x0000_0000u, 0x0000_0000u)]
    [InlineData(0x3FC0_0000u, 0x3FC0_0000u, 0x0080_0000u, 0x8000_0000u)]
    [InlineData(0x3FC0_0000u, 0x3FC0_0000u, 0x00C0_0000u, 0x0000_0000u)]
    // 1 − 3 = −2; 0 − 1 = −1 (the zero operand path negates op2).
    [InlineData(0x3F80_0000u, 0x4040_0000u, 0x0000_0000u, 0xC000_0000u)]
    [InlineData(0x0000_0000u, 0x3F80_0000u, 0x0000_0000u, 0xBF80_0000u)]
    // ∞ − ∞ is invalid; −∞ − +∞ is −∞.
    [InlineData(0x7F80_0000u, 0x7F80_0000u, 0x0000_0000u, 0x7FC0_0000u)]
    [InlineData(0xFF80_0000u, 0x7F80_0000u, 0x0000_0000u, 0xFF80_0000u)]
    public void Vsub_f32_subtracts(uint a, uint b, uint fpscr, uint expected)
    {
        RunS(VsubS0S1S2, a, b, fpscr).Result.Should().Be(expected);
    }

    [Theory]
    // A signalling NaN wins over a quiet one even as the second operand; it is quietened and IOC is set.
    [InlineData(0x7FC0_0001u, 0x7F80_0002u, 0x0000_0000u, 0x7FC0_0002u, 0x01u)]
    // Two quiet NaNs: the first operand's payload and sign propagate, no flag.
    [InlineData(0xFFC0_0005u, 0x7FC0_0007u, 0x0000_0000u, 0xFFC0_0005u, 0x00u)]
    // A quiet NaN second operand propagates unchanged.
    [InlineData(0x3F80_0000u, 0x7FD0_0000u, 0x0000_0000u, 0x7FD0_0000u, 0x00u)]
    // Signalling first operand: quietened payload.
    [InlineData(0xFF80_0001u, 0x3F80_0000u, 0x0000_0000u, 0xFFC0_0001u, 0x01u)]
    // Default NaN mode replaces any NaN result with 0x7FC00000 (the flag still follows the input).
    [InlineData(0xFFC0_0005u, 0x3F80_0000u, 0x0200_0000u, 0x7FC0_0000u, 0x00u)]
    [InlineData(0x7F80_0001u, 0x3F80_0000u, 0x0200_0000u, 0x7FC0_0000u, 0x01u)]
    public void Vadd_f32_propagates_NaNs_as_the_ARM_ARM_prescribes(uint a, uint b, uint fpscr, uint expected, uint flags)
    {
        var (r, f) = RunS(VaddS0S1S2, a, b, fpscr);
        r.Should().Be(expected);
        f.Should().Be(flags);
    }

    [Theory]
    // 1.5 × 2.5 = 3.75 exactly.
    [InlineData(0x3FC0_0000u, 0x4020_0000u, 0x0000_0000u, 0x4070_0000u, 0x00u)]
    // 2^127 × 2 overflows: RN → +∞, RZ and RM → largest normal, RP → +∞.
    [InlineData(0x7F00_0000u, 0x4000_0000u, 0x0000_0000u, 0x7F80_0000u, 0x14u)]
    [InlineData(0x7F00_0000u, 0x4000_0000u, 0x00C0_0000u, 0x7F7F_FFFFu, 0x14u)]
    [InlineData(0x7F00_0000u, 0x4000_0000u, 0x0080_0000u, 0x7F7F_FFFFu, 0x14u)]
    [InlineData(0x7F00_0000u, 0x4000_0000u, 0x0040_0000u, 0x7F80_0000u, 0x14u)]
    // −2^127 × 2: RM → −∞, RP → −largest normal.
    [InlineData(0xFF00_0000u, 0x4000_0000u, 0x0080_0000u, 0xFF80_0000u, 0x14u)]
    [InlineData(0xFF00_0000u, 0x4000_0000u, 0x0040_0000u, 0xFF7F_FFFFu, 0x14u)]
    // 2^-126 × 0.5 = 2^-127: an exact denormal, so no underflow flag.
    [InlineData(0x0080_0000u, 0x3F00_0000u, 0x0000_0000u, 0x0040_0000u, 0x00u)]
    // (1 + 2^-23)·2^-126 × 0.5 = 2^-127 + 2^-150: tiny and inexact (a tie, to even) → UFC + IXC.
    [InlineData(0x0080_0001u, 0x3F00_0000u, 0x0000_0000u, 0x0040_0000u, 0x18u)]
    // Same with FZ: the tiny result is flushed to +0 with UFC only.
    [InlineData(0x0080_0001u, 0x3F00_0000u, 0x0100_0000u, 0x0000_0000u, 0x08u)]
    // Tininess is detected before rounding: (2 − 2^-23)·2^-127 × 1 ... = 0x007FFFFF.8 rounds up to 2^-126 (normal) but still underflows.
    [InlineData(0x00FF_FFFFu, 0x3F00_0000u, 0x0000_0000u, 0x0080_0000u, 0x18u)]
    // and FZ flushes it (the unrounded value is below 2^-126).
    [InlineData(0x00FF_FFFFu, 0x3F00_0000u, 0x0100_0000u, 0x0000_0000u, 0x08u)]
    // 0 × ∞ is invalid; −0 × 5 = −0; ∞ × −2 = −∞.
    [InlineData(0x0000_0000u, 0x7F80_0000u, 0x0000_0000u, 0x7FC0_0000u, 0x01u)]
    [InlineData(0x8000_0000u, 0x40A0_0000u, 0x0000_0000u, 0x8000_0000u, 0x00u)]
    [InlineData(0x7F80_0000u, 0xC000_0000u, 0x0000_0000u, 0xFF80_0000u, 0x00u)]
    // Smallest denormal squared underflows to +0 (RN), to the smallest denormal in RP.
    [InlineData(0x0000_0001u, 0x0000_0001u, 0x0000_0000u, 0x0000_0000u, 0x18u)]
    [InlineData(0x0000_0001u, 0x0000_0001u, 0x0040_0000u, 0x0000_0001u, 0x18u)]
    public void Vmul_f32_handles_overflow_underflow_and_specials(uint a, uint b, uint fpscr, uint expected, uint flags)
    {
        var (r, f) = RunS(VmulS0S1S2, a, b, fpscr);
        r.Should().Be(expected);
        f.Should().Be(flags);
    }

    [Theory]
    // 1/3 = 0x3EAAAAAA.AA...: RN and RP round up, RZ and RM truncate.
    [InlineData(0x3F80_0000u, 0x4040_0000u, 0x0000_0000u, 0x3EAA_AAABu, 0x10u)]
    [InlineData(0x3F80_0000u, 0x4040_0000u, 0x0040_0000u, 0x3EAA_AAABu, 0x10u)]
    [InlineData(0x3F80_0000u, 0x4040_0000u, 0x00C0_0000u, 0x3EAA_AAAAu, 0x10u)]
    [InlineData(0x3F80_0000u, 0x4040_0000u, 0x0080_0000u, 0x3EAA_AAAAu, 0x10u)]
    // 1/0 = +∞ with DZC; −1/+0 = −∞; 0/0 and ∞/∞ are invalid; ∞/0 = ∞ with no DZC; 5/∞ = +0.
    [InlineData(0x3F80_0000u, 0x0000_0000u, 0x0000_0000u, 0x7F80_0000u, 0x02u)]
    [InlineData(0xBF80_0000u, 0x0000_0000u, 0x0000_0000u, 0xFF80_0000u, 0x02u)]
    [InlineData(0x0000_0000u, 0x0000_0000u, 0x0000_0000u, 0x7FC0_0000u, 0x01u)]
    [InlineData(0x7F80_0000u, 0xFF80_0000u, 0x0000_0000u, 0x7FC0_0000u, 0x01u)]
    [InlineData(0x7F80_0000u, 0x0000_0000u, 0x0000_0000u, 0x7F80_0000u, 0x00u)]
    [InlineData(0x40A0_0000u, 0x7F80_0000u, 0x0000_0000u, 0x0000_0000u, 0x00u)]
    // 6/3 = 2 exactly.
    [InlineData(0x40C0_0000u, 0x4040_0000u, 0x0000_0000u, 0x4000_0000u, 0x00u)]
    // FZ: a denormal divisor is zero → division by zero.
    [InlineData(0x3F80_0000u, 0x0000_0001u, 0x0100_0000u, 0x7F80_0000u, 0x82u)]
    public void Vdiv_f32_divides(uint a, uint b, uint fpscr, uint expected, uint flags)
    {
        var (r, f) = RunS(VdivS0S1S2, a, b, fpscr);
        r.Should().Be(expected);
        f.Should().Be(flags);
    }

    [Fact]
    public void Vadd_f64_of_one_tenth_and_two_tenths_is_the_familiar_0_30000000000000004()
    {
        var t = Fp(VaddD0D1D2).D(1, 0x3FB9_9999_9999_999A).D(2, 0x3FC9_9999_9999_999A).Run();
        t.GetD(0).Should().Be(0x3FD3_3333_3333_3334);
        t.FpFlags().Should().Be(0x10);
    }

    [Theory]
    // 1/3 = 1.0101…b × 2^-2: the bits after the 52nd are 0101… (below half), so RN truncates and RP adds an ulp.
    [InlineData(0x3FF0_0000_0000_0000ul, 0x4008_0000_0000_0000ul, 0x0000_0000u, 0x3FD5_5555_5555_5555ul)]
    [InlineData(0x3FF0_0000_0000_0000ul, 0x4008_0000_0000_0000ul, 0x0040_0000u, 0x3FD5_5555_5555_5556ul)]
    // 2/3 = 1.0101…b × 2^-1: the same fraction, RN truncates.
    [InlineData(0x4000_0000_0000_0000ul, 0x4008_0000_0000_0000ul, 0x0000_0000u, 0x3FE5_5555_5555_5555ul)]
    public void Vdiv_f64_rounds_per_mode(ulong a, ulong b, uint fpscr, ulong expected)
    {
        var t = Fp(VdivD0D1D2).D(1, a).D(2, b).Fpscr(fpscr).Run();
        t.GetD(0).Should().Be(expected);
        t.FpFlags().Should().Be(0x10);
    }

    [Fact]
    public void High_register_numbers_decode_from_the_D_N_M_bits()
    {
        var t = Fp(0xEE7F_FA2E /* vadd.f32 s31, s30, s29 */).S(30, 0x3F80_0000).S(29, 0x4000_0000).Run();
        t.GetS(31).Should().Be(0x4040_0000);   // 1 + 2
        var u = Fp(0xEE3E_FB0D /* vadd.f64 d15, d14, d13 */).D(14, 0x4000_0000_0000_0000).D(13, 0x4010_0000_0000_0000).Run();
        u.GetD(15).Should().Be(0x4018_0000_0000_0000); // 2 + 4 = 6
    }

    [Fact]
    public void Fp_instructions_fault_NOCP_when_CPACR_denies_access()
    {
        var t = Fp(VaddS0S1S2).S(1, 0x3F80_0000).S(2, 0x3F80_0000);
        t.Cpu.FpEnabled = false;
        t.Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("NOCP");
        t.GetS(0).Should().Be(0);
    }

    [Fact]
    public void An_fp_instruction_marks_the_context_as_using_FP_state()
    {
        var t = Fp(VaddS0S1S2).Run();
        (t.Cpu.Control & 4).Should().Be(4);   // CONTROL.FPCA
    }

    [Fact]
    public void Double_register_numbers_above_15_are_undefined_on_FPv5_D16()
    {
        var t = Fp(0xEE71_0B02).Run();   // vadd.f64 d16, d1, d2 (D bit set)
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }
}
