using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Most-significant-word multiplies (A7.7.120 SMMLA, A7.7.121 SMMLS, A7.7.122 SMMUL): bits 63:32 of
/// (Ra &lt;&lt; 32) ± Rn * Rm, truncated (rounds towards minus infinity) or, for the R forms, with 0x80000000
/// added first (rounds to nearest, halves up). They never set Q.
/// </summary>
public class MultiplyMostSignificantTests
{
    [Theory]
    [InlineData(0xFB52_F103u, 0x4000_0000u, 0x4000_0000u, 0x1000_0000u)] // smmul: 2^60 >> 32
    [InlineData(0xFB52_F103u, 0x8000_0000u, 0x8000_0000u, 0x4000_0000u)] // smmul: 2^62 >> 32
    [InlineData(0xFB52_F103u, 0xFFFF_FFFFu, 0x0000_0001u, 0xFFFF_FFFFu)] // smmul: -1 truncates to -1
    [InlineData(0xFB52_F103u, 0x7FFF_FFFFu, 0x7FFF_FFFFu, 0x3FFF_FFFFu)] // smmul: (2^31 - 1)^2 = 0x3FFFFFFF_00000001
    [InlineData(0xFB52_F103u, 0x0000_8000u, 0x0001_0000u, 0u)]           // smmul: 0.5 truncates to 0
    [InlineData(0xFB52_F103u, 0xFFFF_8000u, 0x0001_0000u, 0xFFFF_FFFFu)] // smmul: -0.5 truncates to -1
    [InlineData(0xFB52_F113u, 0xFFFF_FFFFu, 0x0000_0001u, 0u)]           // smmulr: -1 + 2^31 rounds to 0
    [InlineData(0xFB52_F113u, 0x0000_8000u, 0x0001_0000u, 1u)]           // smmulr: exactly 0.5 rounds up
    [InlineData(0xFB52_F113u, 0x7FFF_FFFFu, 0x0000_0001u, 0u)]           // smmulr: just below 0.5 rounds down
    [InlineData(0xFB52_F113u, 0xFFFF_8000u, 0x0001_0000u, 0u)]           // smmulr: -0.5 rounds up to 0
    public void Smmul_returns_the_high_word_of_the_product(uint encoding, uint rn, uint rm, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, r4: 0x5555_5555);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(0xFB52_4103u, 0x4000_0000u, 0x4000_0000u, 5u, 0x1000_0005u)]           // smmla
    [InlineData(0xFB52_4103u, 0xFFFF_FFFFu, 0x0000_0001u, 0u, 0xFFFF_FFFFu)]           // smmla: borrow from Ra
    [InlineData(0xFB52_4103u, 0x8000_0000u, 0x8000_0000u, 0x7FFF_FFFFu, 0xBFFF_FFFFu)] // smmla: wraps, no Q
    [InlineData(0xFB52_4113u, 0x0000_8000u, 0x0001_0000u, 1u, 2u)]                      // smmlar: 1 + 0.5 rounds up
    [InlineData(0xFB62_4103u, 0x4000_0000u, 0x4000_0000u, 5u, 0xF000_0005u)]           // smmls: 5 - 2^28
    [InlineData(0xFB62_4103u, 0x0000_0001u, 0x0000_0001u, 0u, 0xFFFF_FFFFu)]           // smmls: 0 - 1 truncates to -1
    [InlineData(0xFB62_4103u, 0x0000_8000u, 0x0001_0000u, 1u, 0u)]                      // smmls: 1 - 0.5 truncates to 0
    [InlineData(0xFB62_4113u, 0x0000_0001u, 0x0000_0001u, 0u, 0u)]                      // smmlsr: -1 rounds to 0
    [InlineData(0xFB62_4113u, 0x0000_8000u, 0x0001_0000u, 1u, 1u)]                      // smmlsr: 1 - 0.5 rounds up to 1
    public void Smmla_and_smmls_accumulate_into_the_high_word(uint encoding, uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeFalse();
    }
}
