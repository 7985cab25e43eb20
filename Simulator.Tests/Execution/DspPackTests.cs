using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>PKHBT/PKHTB (A7.7.85), SEL (A7.7.125), USAD8/USADA8 (A7.7.177, A7.7.178).</summary>
public class DspPackTests
{
    [Theory]
    [InlineData(0xEAC2_0103u, 0x1111_2222u, 0x3333_4444u, 0x3333_2222u)] // pkhbt r1, r2, r3
    [InlineData(0xEAC2_4103u, 0x1111_2222u, 0x3333_4444u, 0x4444_2222u)] // pkhbt r1, r2, r3, lsl #16
    [InlineData(0xEAC2_1143u, 0x1111_2222u, 0x3333_4444u, 0x6668_2222u)] // pkhbt r1, r2, r3, lsl #5: 0x66688880
    [InlineData(0xEAC2_71C3u, 0x1111_2222u, 0x3333_4445u, 0x8000_2222u)] // pkhbt r1, r2, r3, lsl #31
    [InlineData(0xEAC2_0123u, 0x1111_2222u, 0x8000_0000u, 0x1111_FFFFu)] // pkhtb r1, r2, r3, asr #32 (imm 0): all sign bits
    [InlineData(0xEAC2_0123u, 0x1111_2222u, 0x7FFF_FFFFu, 0x1111_0000u)] // pkhtb r1, r2, r3, asr #32
    [InlineData(0xEAC2_4123u, 0x1111_2222u, 0x8765_4321u, 0x1111_8765u)] // pkhtb r1, r2, r3, asr #16
    [InlineData(0xEAC2_0163u, 0x1111_2222u, 0x0000_8001u, 0x1111_4000u)] // pkhtb r1, r2, r3, asr #1
    [InlineData(0xEAC2_71E3u, 0x1111_2222u, 0x8000_0000u, 0x1111_FFFFu)] // pkhtb r1, r2, r3, asr #31
    public void Pkh_packs_one_halfword_of_rn_with_one_of_the_shifted_rm(uint encoding, uint rn, uint rm, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm);
        t[1].Should().Be(expected);
        t.Cpu.C.Should().BeFalse("PKH never sets flags");
    }

    [Theory]
    [InlineData(0b0000u, 0xAABB_CCDDu)]
    [InlineData(0b1111u, 0x1122_3344u)]
    [InlineData(0b0101u, 0xAA22_CC44u)]
    [InlineData(0b1010u, 0x11BB_33DDu)]
    [InlineData(0b0001u, 0xAABB_CC44u)]
    [InlineData(0b1000u, 0x11BB_CCDDu)]
    public void Sel_takes_each_byte_from_rn_when_its_ge_bit_is_set_and_from_rm_otherwise(uint ge, uint expected)
    {
        var t = DspTestCase.Run(0xFAA2_F183 /* sel r1, r2, r3 */, r2: 0x1122_3344, r3: 0xAABB_CCDD, ge: ge);
        t[1].Should().Be(expected);
        t.Cpu.GE.Should().Be(ge);
    }

    [Fact]
    public void Usub8_then_sel_computes_the_unsigned_byte_maximum()
    {
        var t = TestCpu.WithCode(0xFAC2_F443 /* usub8 r4, r2, r3 */, 0xFAA2_F183 /* sel r1, r2, r3 */)
            .Reg(2, 0x1080_05FF).Reg(3, 0x207F_0500).Run();
        t.Cpu.GE.Should().Be(0b0111u);
        t[1].Should().Be(0x2080_05FFu);
    }

    [Theory]
    [InlineData(0xFB72_F103u, 0x00FF_1080u, 0xFF00_2070u, 0u, 0x0000_021Eu)]          // usad8: 255 + 255 + 16 + 16
    [InlineData(0xFB72_F103u, 0x1234_5678u, 0x1234_5678u, 0u, 0u)]
    [InlineData(0xFB72_F103u, 0xFFFF_FFFFu, 0x0000_0000u, 0u, 0x0000_03FCu)]          // largest: 4 * 255
    [InlineData(0xFB72_4103u, 0x00FF_1080u, 0xFF00_2070u, 1000u, 0x0000_0606u)]       // usada8: + 1000
    [InlineData(0xFB72_4103u, 0x0000_0001u, 0x0000_0000u, 0xFFFF_FFFFu, 0u)]          // usada8: wraps modulo 2^32
    public void Usad8_sums_absolute_byte_differences(uint encoding, uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
    }
}
