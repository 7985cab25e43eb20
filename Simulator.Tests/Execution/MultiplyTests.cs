using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>MUL (T1/T2), MLA, MLS: 32-bit results are the low word of the product (A7.7.84, A7.7.74, A7.7.75).</summary>
public class MultiplyTests
{
    [Theory]
    [InlineData(6u, 7u, 42u, false, false)]
    [InlineData(0x0001_0000u, 0x0001_0000u, 0u, false, true)]            // 2^32 wraps to 0: Z
    [InlineData(0xFFFF_FFFFu, 5u, 0xFFFF_FFFBu, true, false)]            // -1 * 5 = -5: N
    [InlineData(0x8000_0000u, 3u, 0x8000_0000u, true, false)]            // low word of 0x1_8000_0000
    public void Muls_t1_sets_n_and_z_from_the_low_word_and_keeps_c_and_v(uint rdm, uint rn, uint expected, bool n, bool z)
    {
        var t = TestCpu.WithCode(0x4351 /* muls r1, r2, r1 */).Reg(1, rdm).Reg(2, rn).Flags(n: !n, z: !z, c: true, v: true).Run();
        t[1].Should().Be(expected);
        t.Cpu.N.Should().Be(n);
        t.Cpu.Z.Should().Be(z);
        t.Cpu.C.Should().BeTrue("Armv7-M MUL leaves C unchanged");
        t.Cpu.V.Should().BeTrue("Armv7-M MUL leaves V unchanged");
    }

    [Fact]
    public void Mul_t1_inside_an_it_block_leaves_the_flags_alone()
    {
        var t = TestCpu.WithCode(0x4351 /* mul r1, r2, r1 (in IT AL) */).Reg(1, 0).Reg(2, 5).Flags(n: true);
        t.Cpu.ItState = 0xE8; // IT AL, this is the last instruction of the block
        t.Run();
        t[1].Should().Be(0u);
        t.Cpu.Z.Should().BeFalse();
        t.Cpu.N.Should().BeTrue();
    }

    [Theory]
    [InlineData(0x1234_5678u, 0x9ABC_DEF0u, 0x242D_2080u)]
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFFu, 1u)]
    [InlineData(0x8000_0000u, 0x8000_0000u, 0u)]
    public void Mul_t2_writes_the_low_word_and_never_sets_flags(uint rn, uint rm, uint expected)
    {
        var t = TestCpu.WithCode(0xFB02_F103 /* mul.w r1, r2, r3 */).Reg(2, rn).Reg(3, rm).Flags(n: true, c: true).Run();
        t[1].Should().Be(expected);
        t.Cpu.N.Should().BeTrue();
        t.Cpu.Z.Should().BeFalse();
        t.Cpu.C.Should().BeTrue();
    }

    [Theory]
    [InlineData(0x1234_5678u, 0x9ABC_DEF0u, 0x1111_1111u, 0x353E_3191u)]
    [InlineData(0xFFFF_FFFFu, 2u, 2u, 0u)]                                 // -2 + 2
    [InlineData(0x7FFF_FFFFu, 1u, 1u, 0x8000_0000u)]                       // wraps, no flags, no Q
    public void Mla_adds_the_accumulator_to_the_low_word_of_the_product(uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(0xFB02_4103 /* mla r1, r2, r3, r4 */, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
        t.Cpu.Q.Should().BeFalse();
        t.Cpu.V.Should().BeFalse();
    }

    [Theory]
    [InlineData(0x1234_5678u, 0x9ABC_DEF0u, 0x1111_1111u, 0xECE3_F091u)]
    [InlineData(3u, 4u, 20u, 8u)]
    [InlineData(3u, 4u, 0u, 0xFFFF_FFF4u)]                                 // 0 - 12
    public void Mls_subtracts_the_low_word_of_the_product_from_the_accumulator(uint rn, uint rm, uint ra, uint expected)
    {
        var t = DspTestCase.Run(0xFB02_4113 /* mls r1, r2, r3, r4 */, r2: rn, r3: rm, r4: ra);
        t[1].Should().Be(expected);
    }

    [Fact]
    public void Mul_with_the_same_register_for_all_operands_squares_it()
    {
        var t = TestCpu.WithCode(0xFB05_F505 /* mul.w r5, r5, r5 */).Reg(5, 0x0001_0001).Run();
        t[5].Should().Be(0x0002_0001u); // (2^16 + 1)^2 = 2^32 + 2^17 + 1
    }
}
