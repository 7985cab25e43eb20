using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// SP bits [1:0] stay zero whatever an instruction writes to SP (ARM ARM B1.4.1; the Cortex-M7 and QEMU's
/// M-profile model both drop them). Expected values are the written value with bits [1:0] cleared.
/// </summary>
public sealed class StackPointerAlignmentTests
{
    [Fact]
    public void Mov_sp_register_with_a_misaligned_value_clears_bits_1_0()
    {
        // mov sp, r0 (MOV (register) T1, D:Rd = SP)
        var t = TestCpu.WithCode(0x4685u).Reg(0, 0x2000_1003).Reg(13, 0x2000_2000).Run(1);
        t[13].Should().Be(0x2000_1000);
    }

    [Fact]
    public void Ldr_into_sp_of_a_misaligned_value_clears_bits_1_0()
    {
        // ldr.w sp, [r0] (LDR (immediate) T3, Rt = SP) loading 0x2000_3002
        var t = TestCpu.WithCode(0xF8D0_D000u).Reg(0, TestCpu.DataBase).Word(TestCpu.DataBase, 0x2000_3002).Reg(13, 0x2000_2000).Run(1);
        t[13].Should().Be(0x2000_3000);
    }

    [Fact]
    public void Add_sp_sp_register_with_an_odd_offset_keeps_sp_word_aligned()
    {
        // add sp, r1 (ADD (register) T2, Rdn = SP): 0x2000_2000 + 6 = 0x2000_2006 -> 0x2000_2004
        var t = TestCpu.WithCode(0x448Du).Reg(1, 6).Reg(13, 0x2000_2000).Run(1);
        t[13].Should().Be(0x2000_2004);
    }

    [Fact]
    public void Sub_w_sp_sp_with_an_immediate_not_multiple_of_4_keeps_sp_word_aligned()
    {
        // sub.w sp, sp, #3 (SUB (SP minus immediate) T2): 0x2000_2000 - 3 = 0x2000_1FFD -> 0x2000_1FFC
        var t = TestCpu.WithCode(0xF1AD_0D03u).Reg(13, 0x2000_2000).Run(1);
        t[13].Should().Be(0x2000_1FFC);
    }

    [Fact]
    public void Aligned_sp_arithmetic_is_unchanged()
    {
        // sub sp, #16 ; add sp, #8 (16-bit SP immediate forms): 0x2000_2000 - 16 + 8
        var t = TestCpu.WithCode(0xB084u, 0xB002u).Reg(13, 0x2000_2000).Run(2);
        t[13].Should().Be(0x2000_1FF8);
    }

    [Fact]
    public void An_instruction_skipped_by_its_it_condition_leaves_sp_alone()
    {
        // it eq ; moveq sp, r0  with Z clear: SP keeps its value
        var t = TestCpu.WithCode(0xBF08u, 0x4685u).Reg(0, 0x2000_1003).Reg(13, 0x2000_2000).Flags(z: false).Run(2);
        t[13].Should().Be(0x2000_2000);
    }
}
