using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>LDRD/STRD (A7.7.50-A7.7.51, A7.7.163): addressing modes, literal form, word alignment (MemA).</summary>
public class LoadStoreDualTests
{
    private const uint Data = TestCpu.DataBase;

    [Theory]
    [InlineData(0xE9D2_0102u /* ldrd r0, r1, [r2, #8] */, 8u, 0u)]
    [InlineData(0xE952_0102u /* ldrd r0, r1, [r2, #-8] */, unchecked((uint)-8), 0u)]
    [InlineData(0xE972_0102u /* ldrd r0, r1, [r2, #-8]! */, unchecked((uint)-8), unchecked((uint)-8))]
    [InlineData(0xE8F2_0102u /* ldrd r0, r1, [r2], #8 */, 0u, 8u)]
    public void Ldrd_loads_the_low_word_into_Rt_and_the_high_word_into_Rt2(uint encoding, uint accessOffset, uint baseChange)
    {
        uint b = Data + 0x100;
        var t = TestCpu.WithCode(encoding).Word(b + accessOffset, 0x1111_2222).Word(b + accessOffset + 4, 0x3333_4444).Reg(2, b).Run();
        t[0].Should().Be(0x1111_2222u);
        t[1].Should().Be(0x3333_4444u);
        t[2].Should().Be(b + baseChange);
    }

    [Fact]
    public void Ldrd_reaches_offset_1020()
    {
        var t = TestCpu.WithCode(0xE9D2_45FF /* ldrd r4, r5, [r2, #1020] */).Word(Data + 1020, 4).Word(Data + 1024, 5).Reg(2, Data).Run();
        t[4].Should().Be(4u);
        t[5].Should().Be(5u);
    }

    [Fact]
    public void Strd_pre_indexed_negative_writes_back()
    {
        var t = TestCpu.WithCode(0xE962_4502 /* strd r4, r5, [r2, #-8]! */).Reg(4, 0xAAAA).Reg(5, 0xBBBB).Reg(2, Data + 0x20).Run();
        t.ReadWord(Data + 0x18).Should().Be(0xAAAAu);
        t.ReadWord(Data + 0x1C).Should().Be(0xBBBBu);
        t[2].Should().Be(Data + 0x18);
    }

    [Fact]
    public void Strd_post_indexed_stores_at_the_base()
    {
        var t = TestCpu.WithCode(0xE862_0102 /* strd r0, r1, [r2], #-8 */).Reg(0, 1).Reg(1, 2).Reg(2, Data + 0x20).Run();
        t.ReadWord(Data + 0x20).Should().Be(1u);
        t.ReadWord(Data + 0x24).Should().Be(2u);
        t[2].Should().Be(Data + 0x18);
    }

    [Fact]
    public void Ldrd_literal_is_relative_to_the_aligned_pc()
    {
        // At 0x1002: PC = 0x1006, Align = 0x1004, +8 = 0x100C.
        var t = TestCpu.WithCode(0xBF00, 0xE9DF_0102 /* ldrd r0, r1, [pc, #8] */)
            .Word(TestCpu.CodeBase + 0xC, 0xC0C0).Word(TestCpu.CodeBase + 0x10, 0xC1C1).Run();
        t[0].Should().Be(0xC0C0u);
        t[1].Should().Be(0xC1C1u);
    }

    [Fact]
    public void Ldrd_literal_subtracts_with_U_clear()
    {
        // At 0x1004: PC = 0x1008, -8 = 0x1000: the two nops then the ldrd's own halfwords.
        var t = TestCpu.WithCode(0xBF00, 0xBF00, 0xE95F_0102 /* ldrd r0, r1, [pc, #-8] */).Run();
        t[0].Should().Be(0xBF00_BF00u);
        t[1].Should().Be(0x0102_E95Fu);
    }

    [Fact]
    public void Ldrd_at_a_word_aligned_but_not_doubleword_aligned_address_is_fine()
    {
        var t = TestCpu.WithCode(0xE9D2_0102 /* ldrd r0, r1, [r2, #8] */).Word(Data + 12, 7).Word(Data + 16, 8).Reg(2, Data + 4).Run();
        t[0].Should().Be(7u);
        t[1].Should().Be(8u);
    }

    [Fact]
    public void Ldrd_unaligned_faults_UNALIGNED_even_when_LDR_would_not()
    {
        var t = TestCpu.WithCode(0xE9D2_0102 /* ldrd r0, r1, [r2, #8] */).Reg(2, Data + 2).Reg(0, 0xAB).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t[0].Should().Be(0xABu);
    }

    [Fact]
    public void Strd_unaligned_faults_and_does_not_write_back()
    {
        var t = TestCpu.WithCode(0xE962_4502 /* strd r4, r5, [r2, #-8]! */).Reg(2, Data + 0x21).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t[2].Should().Be(Data + 0x21);
    }

    [Fact]
    public void Ldrd_into_the_same_register_twice_is_UNPREDICTABLE()
    {
        var t = TestCpu.WithCode(0xE9D2_0000 /* ldrd r0, r0, [r2] */).Reg(2, Data).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
    }
}
