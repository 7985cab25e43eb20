using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Signed parallel add/subtract (A5.3.13; A7.7.99 SADD16 ... A7.7.150 SSUB8). Plain forms wrap each lane and
/// set GE per lane when the exact lane result is &gt;= 0 (GE[1:0] low halfword, GE[3:2] high halfword; GE[i] byte i).
/// Q forms saturate each lane; SH forms keep bits 16:1 (8:1) of the exact result. Neither touches GE or Q.
/// Vectors: sadd16 r1, r2, r3 (Rn = r2, Rm = r3). ASX: lo = Rn.lo - Rm.hi, hi = Rn.hi + Rm.lo; SAX the reverse.
/// </summary>
public class DspParallelSignedTests
{
    private const uint Sadd16 = 0xFA92_F103, Sasx = 0xFAA2_F103, Ssax = 0xFAE2_F103, Ssub16 = 0xFAD2_F103, Sadd8 = 0xFA82_F103, Ssub8 = 0xFAC2_F103;
    private const uint Qadd16 = 0xFA92_F113, Qasx = 0xFAA2_F113, Qsax = 0xFAE2_F113, Qsub16 = 0xFAD2_F113, Qadd8 = 0xFA82_F113, Qsub8 = 0xFAC2_F113;
    private const uint Shadd16 = 0xFA92_F123, Shasx = 0xFAA2_F123, Shsax = 0xFAE2_F123, Shsub16 = 0xFAD2_F123, Shadd8 = 0xFA82_F123, Shsub8 = 0xFAC2_F123;

    [Theory]
    [InlineData(Sadd16, 0x7FFF_8000u, 0x0001_FFFFu, 0x8000_7FFFu, 0b1100u)] // hi 0x7FFF + 1 = +32768 wraps but is >= 0; lo -32769 wraps
    [InlineData(Sadd16, 0x0001_FFFFu, 0xFFFF_0001u, 0x0000_0000u, 0b1111u)] // 0 counts as >= 0 in both lanes
    [InlineData(Sadd16, 0xFFFF_0000u, 0x0000_FFFFu, 0xFFFF_FFFFu, 0b0000u)] // -1 in both lanes
    [InlineData(Sadd16, 0x8000_7FFFu, 0x8000_0001u, 0x0000_8000u, 0b0011u)] // hi -65536 wraps to 0 but is negative
    [InlineData(Sasx, 0x7FFF_8000u, 0x0001_0001u, 0x8000_7FFFu, 0b1100u)]   // lo -32768 - 1, hi 32767 + 1
    [InlineData(Sasx, 0x0005_0003u, 0x0003_0002u, 0x0007_0000u, 0b1111u)]   // lo 3 - 3 = 0, hi 5 + 2
    [InlineData(Sasx, 0xFFFE_0001u, 0x0002_0001u, 0xFFFF_FFFFu, 0b0000u)]   // lo 1 - 2, hi -2 + 1
    [InlineData(Ssax, 0x8000_7FFFu, 0x0001_0001u, 0x7FFF_8000u, 0b0011u)]   // lo 32767 + 1, hi -32768 - 1
    [InlineData(Ssax, 0x0003_0005u, 0xFFFB_0003u, 0x0000_0000u, 0b1111u)]   // lo 5 + -5, hi 3 - 3
    [InlineData(Ssax, 0x0001_FFFFu, 0x0000_0002u, 0xFFFF_FFFFu, 0b0000u)]   // lo -1 + 0, hi 1 - 2
    [InlineData(Ssub16, 0x8000_7FFFu, 0x0001_FFFFu, 0x7FFF_8000u, 0b0011u)] // hi -32769, lo +32768
    [InlineData(Ssub16, 0x1234_5678u, 0x1234_5678u, 0x0000_0000u, 0b1111u)]
    [InlineData(Ssub16, 0x0000_0000u, 0x0001_0001u, 0xFFFF_FFFFu, 0b0000u)]
    [InlineData(Sadd8, 0x7F80_01FFu, 0x01FF_FF01u, 0x807F_0000u, 0b1011u)]  // 127+1, -128-1, 1-1, -1+1
    [InlineData(Sadd8, 0x807F_FE02u, 0x8080_01FDu, 0x00FF_FFFFu, 0b0000u)]  // -256 wraps to 0 but is negative
    [InlineData(Ssub8, 0x7F80_0005u, 0xFF01_0105u, 0x807F_FF00u, 0b1001u)]  // 127+1, -128-1, 0-1, 5-5
    [InlineData(Ssub8, 0x0000_0000u, 0x807F_01FFu, 0x8081_FF01u, 0b1001u)]  // 0 - -128 = +128
    public void Signed_parallel_add_subtract_wraps_each_lane_and_sets_ge_for_non_negative_lanes(uint encoding, uint rn, uint rm, uint expected, uint ge)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, ge: ~ge & 0xF);
        t[1].Should().Be(expected);
        t.Cpu.GE.Should().Be(ge);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(Qadd16, 0x7FFF_8000u, 0x0001_FFFFu, 0x7FFF_8000u)] // +32768 and -32769 clamp
    [InlineData(Qadd16, 0x7FFE_8001u, 0x0001_FFFFu, 0x7FFF_8000u)] // exactly the limits, no clamping needed
    [InlineData(Qadd16, 0x1234_FFFFu, 0x0001_0002u, 0x1235_0001u)]
    [InlineData(Qasx, 0x7FFF_8000u, 0x0001_0001u, 0x7FFF_8000u)]   // lo -32768 - 1 clamps low, hi 32767 + 1 clamps high
    [InlineData(Qasx, 0x0005_0003u, 0x0003_0002u, 0x0007_0000u)]
    [InlineData(Qsax, 0x8000_7FFFu, 0x0001_0001u, 0x8000_7FFFu)]   // lo 32767 + 1, hi -32768 - 1
    [InlineData(Qsax, 0x0003_0005u, 0xFFFB_0003u, 0x0000_0000u)]
    [InlineData(Qsub16, 0x8000_7FFFu, 0x0001_FFFFu, 0x8000_7FFFu)] // -32769 and +32768 clamp
    [InlineData(Qsub16, 0x8000_7FFFu, 0x7FFF_8000u, 0x8000_7FFFu)] // -65535 and +65535 clamp
    [InlineData(Qsub16, 0x0000_0000u, 0x0001_0001u, 0xFFFF_FFFFu)]
    [InlineData(Qadd8, 0x7F80_01FFu, 0x01FF_FF01u, 0x7F80_0000u)]  // 128 -> 127, -129 -> -128
    [InlineData(Qadd8, 0x7E81_40C0u, 0x01FF_40C0u, 0x7F80_7F80u)]  // 127 exact, -128 exact, 128 and -128
    [InlineData(Qsub8, 0x7F80_0005u, 0xFF01_0105u, 0x7F80_FF00u)]
    [InlineData(Qsub8, 0x0000_0000u, 0x807F_01FFu, 0x7F81_FF01u)]  // 0 - -128 clamps to 127
    [InlineData(Shadd16, 0x7FFF_8000u, 0x7FFF_8000u, 0x7FFF_8000u)] // 65534 / 2, -65536 / 2: no overflow
    [InlineData(Shadd16, 0x0003_FFFFu, 0x0000_FFFEu, 0x0001_FFFEu)] // 3 >> 1 = 1, -3 >> 1 = -2 (rounds down)
    [InlineData(Shadd16, 0x7FFF_0001u, 0x0001_0000u, 0x4000_0000u)] // 32768 >> 1, 1 >> 1
    [InlineData(Shasx, 0x7FFF_8000u, 0x7FFF_7FFFu, 0x7FFF_8000u)]   // lo -65535 >> 1 = -32768, hi 65534 >> 1
    [InlineData(Shasx, 0x0001_0000u, 0x0001_0000u, 0x0000_FFFFu)]   // lo -1 >> 1 = -1, hi 1 >> 1 = 0
    [InlineData(Shsax, 0x8000_7FFFu, 0x7FFF_7FFFu, 0x8000_7FFFu)]   // lo 65534 >> 1, hi -65535 >> 1
    [InlineData(Shsax, 0x0000_0001u, 0x0000_0001u, 0xFFFF_0000u)]   // lo 1 >> 1 = 0, hi -1 >> 1 = -1
    [InlineData(Shsub16, 0x8000_7FFFu, 0x7FFF_8000u, 0x8000_7FFFu)] // -65535 >> 1, 65535 >> 1
    [InlineData(Shsub16, 0x0000_0000u, 0x0001_0003u, 0xFFFF_FFFEu)] // -1 >> 1 = -1, -3 >> 1 = -2
    [InlineData(Shadd8, 0x7F80_FF01u, 0x7F80_FE00u, 0x7F80_FE00u)]  // 254/2, -256/2, -3 >> 1 = -2, 1 >> 1 = 0
    [InlineData(Shsub8, 0x7F80_0000u, 0x807F_0103u, 0x7F80_FFFEu)]  // 255 >> 1, -255 >> 1, -1 >> 1, -3 >> 1
    public void Saturating_and_halving_signed_lanes_leave_ge_and_q_alone(uint encoding, uint rn, uint rm, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, ge: 0b1010);
        t[1].Should().Be(expected);
        t.Cpu.GE.Should().Be(0b1010u);
        t.Cpu.Q.Should().BeFalse("the parallel saturating instructions do not set Q");
    }
}
