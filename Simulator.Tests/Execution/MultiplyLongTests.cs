using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// 32x32 -> 64 multiplies (A7.7.138 SMULL, A7.7.182 UMULL, A7.7.117 SMLAL, A7.7.181 UMLAL, A7.7.180 UMAAL).
/// Vectors: RdLo = r1, RdHi = r2, Rn = r3, Rm = r4. None of them touches the flags.
/// </summary>
public class MultiplyLongTests
{
    private const uint Smull = 0xFB83_1204; // smull r1, r2, r3, r4
    private const uint Umull = 0xFBA3_1204; // umull r1, r2, r3, r4
    private const uint Smlal = 0xFBC3_1204; // smlal r1, r2, r3, r4
    private const uint Umlal = 0xFBE3_1204; // umlal r1, r2, r3, r4
    private const uint Umaal = 0xFBE3_1264; // umaal r1, r2, r3, r4

    [Theory]
    [InlineData(Smull, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 1u, 0u)]                   // -1 * -1
    [InlineData(Smull, 0x8000_0000u, 0x8000_0000u, 0u, 0x4000_0000u)]         // INT_MIN^2 = 2^62
    [InlineData(Smull, 0x8000_0000u, 0x7FFF_FFFFu, 0x8000_0000u, 0xC000_0000u)] // -2^62 + 2^31
    [InlineData(Smull, 2u, 0xFFFF_FFFDu, 0xFFFF_FFFAu, 0xFFFF_FFFFu)]         // 2 * -3 = -6
    [InlineData(Umull, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 1u, 0xFFFF_FFFEu)]         // (2^32 - 1)^2
    [InlineData(Umull, 0x8000_0000u, 2u, 0u, 1u)]                             // 2^32
    [InlineData(Umull, 0x1234_5678u, 0x9ABC_DEF0u, 0x242D_2080u, 0x0B00_EA4Eu)]
    public void Long_multiply_writes_the_64_bit_product_to_rdhi_rdlo(uint encoding, uint rn, uint rm, uint lo, uint hi)
    {
        var t = DspTestCase.Run(encoding, r1: 0xDEAD_BEEF, r2: 0xDEAD_BEEF, r3: rn, r4: rm);
        t[1].Should().Be(lo);
        t[2].Should().Be(hi);
    }

    [Theory]
    [InlineData(Smlal, 0xFFFF_FFFFu, 0u, 1u, 1u, 0u, 1u)]                                // carry out of RdLo
    [InlineData(Smlal, 0u, 0u, 0xFFFF_FFFFu, 1u, 0xFFFF_FFFFu, 0xFFFF_FFFFu)]            // -1 sign-extends to 64 bits
    [InlineData(Smlal, 0u, 1u, 0xFFFF_FFFFu, 1u, 0xFFFF_FFFFu, 0u)]                      // 2^32 - 1 borrows from RdHi
    [InlineData(Smlal, 0xFFFF_FFFFu, 0x7FFF_FFFFu, 0x8000_0000u, 0x8000_0000u, 0xFFFF_FFFFu, 0xBFFF_FFFFu)] // INT64_MAX + 2^62 wraps
    [InlineData(Umlal, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 1u, 1u, 0u, 0u)]                      // 2^64 - 1 + 1 wraps to 0
    [InlineData(Umlal, 0xFFFF_FFFFu, 0u, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0u, 0xFFFF_FFFFu)]  // 0xFFFFFFFE00000001 + 0xFFFFFFFF
    [InlineData(Umaal, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu)] // largest: exactly 2^64 - 1
    [InlineData(Umaal, 1u, 2u, 3u, 4u, 15u, 0u)]                                         // 12 + 1 + 2
    [InlineData(Umaal, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0u, 0u, 0xFFFF_FFFEu, 1u)]            // the two addends alone carry
    public void Long_multiply_accumulate_adds_to_rdhi_rdlo_modulo_2_to_the_64(uint encoding, uint lo, uint hi, uint rn, uint rm, uint expectedLo, uint expectedHi)
    {
        var t = DspTestCase.Run(encoding, r1: lo, r2: hi, r3: rn, r4: rm, q: false);
        t[1].Should().Be(expectedLo);
        t[2].Should().Be(expectedHi);
        t.Cpu.Q.Should().BeFalse();
        t.Cpu.Z.Should().BeFalse();
    }

    [Fact]
    public void Smull_reads_its_sources_before_overwriting_them()
    {
        var t = TestCpu.WithCode(0xFB83_3404 /* smull r3, r4, r3, r4 */).Reg(3, 0x0001_0000).Reg(4, 0x0001_0000).Run();
        t[3].Should().Be(0u);
        t[4].Should().Be(1u);
    }

    [Fact]
    public void Umaal_with_sources_equal_to_destinations_uses_the_old_values()
    {
        var t = TestCpu.WithCode(0xFBE3_3464 /* umaal r3, r4, r3, r4 */).Reg(3, 0xFFFF_FFFF).Reg(4, 0xFFFF_FFFF).Run();
        t[3].Should().Be(0xFFFF_FFFFu);
        t[4].Should().Be(0xFFFF_FFFFu);
    }
}
