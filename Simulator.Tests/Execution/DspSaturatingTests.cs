using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// QADD/QSUB/QDADD/QDSUB (A7.7.87-A7.7.95) and SSAT16/USAT16 (A7.7.126, A7.7.179). Q is set when any
/// saturation happens and is sticky. Operand order: qadd r1, r2, r3 is Rm = r2, Rn = r3 (Rn is in the first
/// halfword) and computes r2 + r3; qsub computes r2 - r3; QDADD/QDSUB double (and saturate) r3 first.
/// </summary>
public class DspSaturatingTests
{
    private const uint Qadd = 0xFA83_F182;  // qadd r1, r2, r3
    private const uint Qdadd = 0xFA83_F192; // qdadd r1, r2, r3
    private const uint Qsub = 0xFA83_F1A2;  // qsub r1, r2, r3
    private const uint Qdsub = 0xFA83_F1B2; // qdsub r1, r2, r3

    [Theory]
    [InlineData(Qadd, 0x7FFF_FFFFu, 1u, 0x7FFF_FFFFu, true)]
    [InlineData(Qadd, 0x8000_0000u, 0xFFFF_FFFFu, 0x8000_0000u, true)]
    [InlineData(Qadd, 0x7FFF_FFFEu, 1u, 0x7FFF_FFFFu, false)]              // reaches INT_MAX exactly
    [InlineData(Qadd, 5u, 0xFFFF_FFFDu, 2u, false)]
    [InlineData(Qsub, 0x8000_0000u, 1u, 0x8000_0000u, true)]
    [InlineData(Qsub, 0x7FFF_FFFFu, 0xFFFF_FFFFu, 0x7FFF_FFFFu, true)]
    [InlineData(Qsub, 0u, 0x8000_0000u, 0x7FFF_FFFFu, true)]               // 0 - INT_MIN = +2^31
    [InlineData(Qsub, 10u, 3u, 7u, false)]                                 // Rm - Rn, not Rn - Rm
    [InlineData(Qsub, 5u, 7u, 0xFFFF_FFFEu, false)]
    [InlineData(Qdadd, 10u, 3u, 16u, false)]                               // 10 + 2 * 3
    [InlineData(Qdadd, 1u, 0x4000_0000u, 0x7FFF_FFFFu, true)]              // doubling saturates, then the sum does too
    [InlineData(Qdadd, 0xFFFF_FFFFu, 0x4000_0000u, 0x7FFF_FFFEu, true)]    // only the doubling saturates: Q still set
    [InlineData(Qdadd, 0x8000_0000u, 0xC000_0000u, 0x8000_0000u, true)]    // 2 * -2^30 = INT_MIN exactly, the sum saturates
    [InlineData(Qdadd, 0x7FFF_FFFFu, 0xC000_0000u, 0xFFFF_FFFFu, false)]   // INT_MAX + INT_MIN
    [InlineData(Qdsub, 10u, 3u, 4u, false)]                                // 10 - 2 * 3
    [InlineData(Qdsub, 0u, 0xC000_0000u, 0x7FFF_FFFFu, true)]              // 0 - INT_MIN saturates
    [InlineData(Qdsub, 0xFFFF_FFFFu, 0xC000_0000u, 0x7FFF_FFFFu, false)]   // -1 - INT_MIN = INT_MAX exactly
    [InlineData(Qdsub, 0u, 0x4000_0000u, 0x8000_0001u, true)]              // doubling saturates to INT_MAX, 0 - INT_MAX fits
    public void Saturating_word_arithmetic_clamps_to_int32_and_sets_q(uint encoding, uint rm, uint rn, uint expected, bool q)
    {
        var t = DspTestCase.Run(encoding, r2: rm, r3: rn, ge: 0b0110);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().Be(q);
        t.Cpu.GE.Should().Be(0b0110u);
        t.Cpu.V.Should().BeFalse();
    }

    [Theory]
    [InlineData(Qadd)]
    [InlineData(Qsub)]
    [InlineData(Qdadd)]
    [InlineData(Qdsub)]
    public void Saturating_word_arithmetic_never_clears_a_set_q_flag(uint encoding)
    {
        var t = DspTestCase.Run(encoding, r2: 1, r3: 1, q: true);
        t.Cpu.Q.Should().BeTrue();
    }

    [Theory]
    [InlineData(0xF322_010Fu, 0x8000_7FFFu, 0x8000_7FFFu, false)] // ssat16 r1, #16, r2: the full int16 range passes through
    [InlineData(0xF322_0107u, 0x0080_FF7Fu, 0x007F_FF80u, true)]  // ssat16 r1, #8, r2: 128 -> 127, -129 -> -128
    [InlineData(0xF322_0107u, 0x007F_FF80u, 0x007F_FF80u, false)] // ssat16 r1, #8, r2: the limits themselves
    [InlineData(0xF322_0107u, 0x0100_0005u, 0x007F_0005u, true)]  // ssat16 r1, #8, r2: one lane saturating is enough for Q
    [InlineData(0xF322_0100u, 0x0001_FFFEu, 0x0000_FFFFu, true)]  // ssat16 r1, #1, r2: range -1..0
    [InlineData(0xF322_0100u, 0xFFFF_0000u, 0xFFFF_0000u, false)] // ssat16 r1, #1, r2
    [InlineData(0xF3A2_0100u, 0x0005_FFFFu, 0x0000_0000u, true)]  // usat16 r1, #0, r2: range 0..0
    [InlineData(0xF3A2_0100u, 0x0000_0000u, 0x0000_0000u, false)] // usat16 r1, #0, r2
    [InlineData(0xF3A2_0108u, 0x0100_FFFFu, 0x00FF_0000u, true)]  // usat16 r1, #8, r2: 256 -> 255, -1 -> 0
    [InlineData(0xF3A2_0108u, 0x00FF_0000u, 0x00FF_0000u, false)] // usat16 r1, #8, r2: the limits themselves
    [InlineData(0xF3A2_010Fu, 0x7FFF_8000u, 0x7FFF_0000u, true)]  // usat16 r1, #15, r2: lanes are signed inputs
    public void Ssat16_and_usat16_saturate_each_signed_halfword(uint encoding, uint rn, uint expected, bool q)
    {
        var t = DspTestCase.Run(encoding, r2: rn);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().Be(q);
    }

    [Fact]
    public void Ssat16_never_clears_a_set_q_flag()
    {
        var t = DspTestCase.Run(0xF322_010F /* ssat16 r1, #16, r2 */, r2: 0x1234_5678, q: true);
        t[1].Should().Be(0x1234_5678u);
        t.Cpu.Q.Should().BeTrue();
    }
}
