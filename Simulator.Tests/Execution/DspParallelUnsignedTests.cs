using FluentAssertions;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Unsigned parallel add/subtract (A5.3.14; A7.7.157 UADD16 ... A7.7.186 USUB8). Plain forms wrap each lane and
/// set GE per lane: for a sum when it carries out of the lane (&gt;= 2^16 or 2^8), for a difference when it does
/// not borrow (&gt;= 0). UQ forms clamp each lane to 0..2^n - 1; UH forms keep bits 16:1 (8:1) of the exact result.
/// Vectors: uadd16 r1, r2, r3 (Rn = r2, Rm = r3). ASX: lo = Rn.lo - Rm.hi, hi = Rn.hi + Rm.lo; SAX the reverse.
/// </summary>
public class DspParallelUnsignedTests
{
    private const uint Uadd16 = 0xFA92_F143, Uasx = 0xFAA2_F143, Usax = 0xFAE2_F143, Usub16 = 0xFAD2_F143, Uadd8 = 0xFA82_F143, Usub8 = 0xFAC2_F143;
    private const uint Uqadd16 = 0xFA92_F153, Uqasx = 0xFAA2_F153, Uqsax = 0xFAE2_F153, Uqsub16 = 0xFAD2_F153, Uqadd8 = 0xFA82_F153, Uqsub8 = 0xFAC2_F153;
    private const uint Uhadd16 = 0xFA92_F163, Uhasx = 0xFAA2_F163, Uhsax = 0xFAE2_F163, Uhsub16 = 0xFAD2_F163, Uhadd8 = 0xFA82_F163, Uhsub8 = 0xFAC2_F163;

    [Theory]
    [InlineData(Uadd16, 0xFFFF_8000u, 0x0001_8000u, 0x0000_0000u, 0b1111u)] // both lanes carry out exactly at 0x10000
    [InlineData(Uadd16, 0xFFFE_7FFFu, 0x0001_8000u, 0xFFFF_FFFFu, 0b0000u)] // 0xFFFF: one short of a carry
    [InlineData(Uadd16, 0x8000_1234u, 0x8000_0001u, 0x0000_1235u, 0b1100u)]
    [InlineData(Uasx, 0xFFFF_0005u, 0x0005_0001u, 0x0000_0000u, 0b1111u)]   // lo 5 - 5 no borrow, hi 0xFFFF + 1 carries
    [InlineData(Uasx, 0xFFFE_0004u, 0x0005_0001u, 0xFFFF_FFFFu, 0b0000u)]   // lo 4 - 5 borrows, hi 0xFFFE + 1 does not carry
    [InlineData(Uasx, 0x0001_0000u, 0x0001_FFFFu, 0x0000_FFFFu, 0b1100u)]   // lo 0 - 1 borrows, hi 1 + 0xFFFF carries
    [InlineData(Usax, 0x0005_FFFFu, 0x0001_0005u, 0x0000_0000u, 0b1111u)]   // lo 0xFFFF + 1 carries, hi 5 - 5
    [InlineData(Usax, 0x0004_FFFEu, 0x0001_0005u, 0xFFFF_FFFFu, 0b0000u)]
    [InlineData(Usax, 0x0000_FFFFu, 0x0001_0001u, 0xFFFF_0000u, 0b0011u)]   // lo carries, hi 0 - 1 borrows
    [InlineData(Usub16, 0x0000_8000u, 0x0001_8000u, 0xFFFF_0000u, 0b0011u)] // hi borrows, lo 0 does not
    [InlineData(Usub16, 0xFFFF_0000u, 0x0000_FFFFu, 0xFFFF_0001u, 0b1100u)] // lo 0 - 0xFFFF borrows
    [InlineData(Uadd8, 0xFF80_7F00u, 0x0180_8000u, 0x0000_FF00u, 0b1100u)]  // 0x100, 0x100, 0xFF, 0
    [InlineData(Uadd8, 0xFFFF_FFFFu, 0x0001_FF02u, 0xFF00_FE01u, 0b0111u)]
    [InlineData(Usub8, 0x0080_FF05u, 0x0180_0006u, 0xFF00_FFFFu, 0b0110u)]  // -1, 0, 0xFF, -1
    public void Unsigned_parallel_add_subtract_sets_ge_on_carry_for_sums_and_no_borrow_for_differences(uint encoding, uint rn, uint rm, uint expected, uint ge)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, ge: ~ge & 0xF);
        t[1].Should().Be(expected);
        t.Cpu.GE.Should().Be(ge);
        t.Cpu.Q.Should().BeFalse();
    }

    [Theory]
    [InlineData(Uqadd16, 0xFFFF_8000u, 0x0001_8000u, 0xFFFF_FFFFu)] // 0x10000 clamps to 0xFFFF
    [InlineData(Uqadd16, 0xFFFE_1234u, 0x0001_0001u, 0xFFFF_1235u)] // exactly 0xFFFF, no clamping needed
    [InlineData(Uqasx, 0xFFFF_0004u, 0x0005_0001u, 0xFFFF_0000u)]   // lo 4 - 5 clamps to 0, hi 0x10000 to 0xFFFF
    [InlineData(Uqasx, 0x0010_0010u, 0x0008_0004u, 0x0014_0008u)]   // lo 16 - 8, hi 16 + 4
    [InlineData(Uqsax, 0x0004_FFFFu, 0x0001_0005u, 0x0000_FFFFu)]   // lo 0x10000 clamps, hi 4 - 5 clamps to 0
    [InlineData(Uqsax, 0x0010_0010u, 0x0008_0004u, 0x000C_0018u)]   // lo 16 + 8, hi 16 - 4
    [InlineData(Uqsub16, 0x0000_8000u, 0x0001_7FFFu, 0x0000_0001u)]
    [InlineData(Uqsub16, 0x0000_0000u, 0xFFFF_FFFFu, 0x0000_0000u)]
    [InlineData(Uqadd8, 0xFF80_7F01u, 0x0180_8002u, 0xFFFF_FF03u)]  // 0x100 -> 0xFF twice, 0xFF exact, 3
    [InlineData(Uqsub8, 0x0080_FF05u, 0x017F_0006u, 0x0001_FF00u)]  // -1 -> 0, 1, 0xFF, -1 -> 0
    [InlineData(Uhadd16, 0xFFFF_8000u, 0xFFFF_8001u, 0xFFFF_8000u)] // 0x1FFFE >> 1, 0x10001 >> 1: the carry is kept
    [InlineData(Uhadd16, 0x0001_0003u, 0x0000_0000u, 0x0000_0001u)]
    [InlineData(Uhasx, 0xFFFF_0000u, 0x0001_FFFFu, 0xFFFF_FFFFu)]   // lo (0 - 1) >> 1 = -1, hi 0x1FFFE >> 1
    [InlineData(Uhasx, 0x0000_0000u, 0xFFFF_0000u, 0x0000_8000u)]   // lo -65535 >> 1 = -32768 -> 0x8000
    [InlineData(Uhsax, 0x0000_FFFFu, 0xFFFF_FFFFu, 0x8000_FFFFu)]   // lo 0x1FFFE >> 1, hi -65535 >> 1
    [InlineData(Uhsub16, 0x0000_FFFFu, 0xFFFF_0000u, 0x8000_7FFFu)] // hi -65535 >> 1, lo 0xFFFF >> 1
    [InlineData(Uhsub16, 0x0000_0000u, 0x0001_0001u, 0xFFFF_FFFFu)] // -1 >> 1 = -1 in both lanes
    [InlineData(Uhadd8, 0xFF80_01FFu, 0xFF81_0001u, 0xFF80_0080u)]  // 0x1FE, 0x101, 1, 0x100 halved
    [InlineData(Uhsub8, 0x00FF_0005u, 0xFF00_0102u, 0x807F_FF01u)]  // -255 >> 1, 255 >> 1, -1 >> 1, 3 >> 1
    public void Saturating_and_halving_unsigned_lanes_leave_ge_and_q_alone(uint encoding, uint rn, uint rm, uint expected)
    {
        var t = DspTestCase.Run(encoding, r2: rn, r3: rm, ge: 0b0101);
        t[1].Should().Be(expected);
        t.Cpu.GE.Should().Be(0b0101u);
        t.Cpu.Q.Should().BeFalse();
    }
}
