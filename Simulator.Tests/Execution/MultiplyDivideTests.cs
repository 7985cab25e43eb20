using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>SDIV/UDIV (A7.7.127, A7.7.156): rounding towards zero, division by zero, the one signed overflow.</summary>
public class MultiplyDivideTests
{
    private const uint Sdiv = 0xFB92_F1F3; // sdiv r1, r2, r3
    private const uint Udiv = 0xFBB2_F1F3; // udiv r1, r2, r3

    [Theory]
    [InlineData(7u, 2u, 3u)]
    [InlineData(0xFFFF_FFF9u, 2u, 0xFFFF_FFFDu)]            // -7 / 2 = -3 (towards zero, not -4)
    [InlineData(7u, 0xFFFF_FFFEu, 0xFFFF_FFFDu)]            // 7 / -2 = -3
    [InlineData(0xFFFF_FFF9u, 0xFFFF_FFFEu, 3u)]            // -7 / -2 = 3
    [InlineData(0x8000_0000u, 0xFFFF_FFFFu, 0x8000_0000u)]  // INT_MIN / -1: +2^31 truncated to 32 bits
    [InlineData(0x8000_0000u, 1u, 0x8000_0000u)]
    [InlineData(0x7FFF_FFFFu, 0xFFFF_FFFFu, 0x8000_0001u)]  // INT_MAX / -1
    [InlineData(5u, 0xFFFF_FFFFu, 0xFFFF_FFFBu)]
    [InlineData(1u, 2u, 0u)]
    public void Sdiv_rounds_the_signed_quotient_towards_zero(uint rn, uint rm, uint expected)
    {
        var t = DspTestCase.Run(Sdiv, r2: rn, r3: rm);
        t[1].Should().Be(expected);
        t.Cpu.V.Should().BeFalse();
    }

    [Theory]
    [InlineData(7u, 2u, 3u)]
    [InlineData(0xFFFF_FFF9u, 2u, 0x7FFF_FFFCu)]            // 4294967289 / 2
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFFu, 1u)]
    [InlineData(0x8000_0000u, 0xFFFF_FFFFu, 0u)]
    [InlineData(0xFFFF_FFFFu, 1u, 0xFFFF_FFFFu)]
    public void Udiv_divides_as_unsigned(uint rn, uint rm, uint expected)
    {
        var t = DspTestCase.Run(Udiv, r2: rn, r3: rm);
        t[1].Should().Be(expected);
    }

    [Theory]
    [InlineData(Sdiv, 0x8000_0000u)]
    [InlineData(Udiv, 0xFFFF_FFFFu)]
    [InlineData(Sdiv, 0u)]
    public void Division_by_zero_gives_zero_when_div_0_trp_is_clear(uint encoding, uint rn)
    {
        var t = DspTestCase.Run(encoding, r1: 0x1234_5678, r2: rn, r3: 0);
        t[1].Should().Be(0u);
        t.Result.Reason.Should().Be(StopReason.InstructionLimit);
    }

    [Theory]
    [InlineData(Sdiv)]
    [InlineData(Udiv)]
    public void Division_by_zero_raises_divbyzero_when_div_0_trp_is_set_and_leaves_rd_alone(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Reg(1, 0x1234_5678).Reg(2, 10).Reg(3, 0);
        t.Cpu.DivZeroTrap = true;
        t.Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t[1].Should().Be(0x1234_5678u);
        (t.Machine.Scs.Cfsr & (1u << 25)).Should().NotBe(0u, "CFSR.DIVBYZERO records the cause");
    }

    [Fact]
    public void Division_by_a_non_zero_divisor_does_not_trap_with_div_0_trp_set()
    {
        var t = TestCpu.WithCode(Sdiv).Reg(2, 10).Reg(3, 0xFFFF_FFFF);
        t.Cpu.DivZeroTrap = true;
        t.Run();
        t.Result.Reason.Should().Be(StopReason.InstructionLimit);
        t[1].Should().Be(0xFFFF_FFF6u);
    }
}
