using FluentAssertions;
using M7Sim.Tests.TestSupport;
using Xunit;
using static M7Sim.Tests.Execution.DataProcessingTests;

namespace M7Sim.Tests.Execution;

/// <summary>
/// 16-bit data processing (Armv7-M ARM A5.2.1-A5.2.3, ADR, ADD/SUB SP, REV*). Encodings from
/// arm-none-eabi-as; expected values computed by hand from the ARM ARM pseudocode. Flags "NZCV",
/// upper case = set. All run outside an IT block, so the OutsideIt encodings set flags.
/// </summary>
public class DataProcessing16Tests
{
    // r1 = op(r2) or op(r1, r2): (encoding, r1, r2, flags in, expected r1, flags out)
    [Theory]
    // A5.2.1 shift by immediate: carry is the last bit shifted out, V is kept
    [InlineData(0x0051u, 0u, 0x8000_0001u, "nzcV", 0x0000_0002u, "nzCV")] // lsls r1, r2, #1
    [InlineData(0x07D1u, 0u, 0x0000_0003u, "nzcv", 0x8000_0000u, "NzCv")] // lsls r1, r2, #31
    [InlineData(0x0851u, 0u, 0x0000_0001u, "nzcv", 0x0000_0000u, "nZCv")] // lsrs r1, r2, #1
    [InlineData(0x0811u, 0u, 0x8000_0000u, "nzcv", 0x0000_0000u, "nZCv")] // lsrs r1, r2, #32
    [InlineData(0x0811u, 0u, 0x7FFF_FFFFu, "nzCv", 0x0000_0000u, "nZcv")] // lsrs r1, r2, #32
    [InlineData(0x1011u, 0u, 0x8000_0000u, "nzcv", 0xFFFF_FFFFu, "NzCv")] // asrs r1, r2, #32
    [InlineData(0x1011u, 0u, 0x7FFF_FFFFu, "nzCv", 0x0000_0000u, "nZcv")] // asrs r1, r2, #32
    [InlineData(0x1111u, 0u, 0x8000_0018u, "nzcv", 0xF800_0001u, "NzCv")] // asrs r1, r2, #4
    // A5.2.2: logical ops keep C and V (no shift)
    [InlineData(0x4011u, 0xF0F0_F0F0u, 0x0FF0_0FF0u, "NzCV", 0x00F0_00F0u, "nzCV")] // ands r1, r2
    [InlineData(0x4011u, 0xF0F0_F0F0u, 0x0F0F_0F0Fu, "nzcv", 0x0000_0000u, "nZcv")] // ands r1, r2
    [InlineData(0x4051u, 0xFFFF_0000u, 0x0000_FFFFu, "nzcV", 0xFFFF_FFFFu, "NzcV")] // eors r1, r2
    [InlineData(0x4311u, 0x0000_00F0u, 0x0000_000Fu, "nZCv", 0x0000_00FFu, "nzCv")] // orrs r1, r2
    [InlineData(0x4391u, 0x0000_00FFu, 0x0000_000Fu, "nzcv", 0x0000_00F0u, "nzcv")] // bics r1, r2
    [InlineData(0x4391u, 0x8000_000Fu, 0x0000_000Fu, "nzCV", 0x8000_0000u, "NzCV")] // bics r1, r2
    [InlineData(0x43D1u, 0x1234_5678u, 0x0000_0000u, "nzCv", 0xFFFF_FFFFu, "NzCv")] // mvns r1, r2
    [InlineData(0x43D1u, 0x1234_5678u, 0xFFFF_FFFFu, "nzcV", 0x0000_0000u, "nZcV")] // mvns r1, r2
    // A5.2.2 shifts by register: bottom byte of Rm, amounts of 32 and more
    [InlineData(0x4091u, 0x0000_0001u, 31u, "nzCv", 0x8000_0000u, "Nzcv")] // lsls r1, r2
    [InlineData(0x4091u, 0x0000_0001u, 32u, "nzcv", 0x0000_0000u, "nZCv")] // lsls r1, r2
    [InlineData(0x4091u, 0xFFFF_FFFFu, 33u, "nzCv", 0x0000_0000u, "nZcv")] // lsls r1, r2
    [InlineData(0x4091u, 0x8000_0001u, 0x100u, "nzCV", 0x8000_0001u, "NzCV")] // lsls r1, r2 (bottom byte 0: C kept)
    [InlineData(0x4091u, 0x0000_0003u, 0xFFFF_FF01u, "nzcv", 0x0000_0006u, "nzcv")] // lsls r1, r2 (amount 1)
    [InlineData(0x40D1u, 0x8000_0000u, 32u, "nzcv", 0x0000_0000u, "nZCv")] // lsrs r1, r2
    [InlineData(0x40D1u, 0x8000_0000u, 0xFFu, "nzCv", 0x0000_0000u, "nZcv")] // lsrs r1, r2
    [InlineData(0x40D1u, 0x8000_0003u, 1u, "nzcv", 0x4000_0001u, "nzCv")] // lsrs r1, r2
    [InlineData(0x4111u, 0x8000_0000u, 40u, "nzcv", 0xFFFF_FFFFu, "NzCv")] // asrs r1, r2
    [InlineData(0x4111u, 0x4000_0000u, 200u, "nzCv", 0x0000_0000u, "nZcv")] // asrs r1, r2
    [InlineData(0x4111u, 0x8000_0001u, 2u, "nzCv", 0xE000_0000u, "Nzcv")] // asrs r1, r2 (last bit out, bit 1, is 0)
    [InlineData(0x41D1u, 0x8000_0001u, 1u, "nzcv", 0xC000_0000u, "NzCv")] // rors r1, r2
    [InlineData(0x41D1u, 0x8000_0001u, 32u, "nzcv", 0x8000_0001u, "NzCv")] // rors r1, r2 (by 32: C = bit 31)
    [InlineData(0x41D1u, 0x7000_0001u, 64u, "nzCv", 0x7000_0001u, "nzcv")] // rors r1, r2 (by 64)
    [InlineData(0x41D1u, 0x8000_0001u, 0x121u, "nzcv", 0xC000_0000u, "NzCv")] // rors r1, r2 (bottom byte 33)
    [InlineData(0x41D1u, 0x0000_0000u, 0u, "nzCV", 0x0000_0000u, "nZCV")] // rors r1, r2 (by 0: C kept)
    // A5.2.2 arithmetic: AddWithCarry edges
    [InlineData(0x4151u, 0xFFFF_FFFFu, 0u, "nzCv", 0x0000_0000u, "nZCv")] // adcs r1, r2
    [InlineData(0x4151u, 0x7FFF_FFFFu, 0u, "nzCv", 0x8000_0000u, "NzcV")] // adcs r1, r2
    [InlineData(0x4151u, 0x0000_0001u, 2u, "nzcv", 0x0000_0003u, "nzcv")] // adcs r1, r2
    [InlineData(0x4191u, 5u, 5u, "nzcv", 0xFFFF_FFFFu, "Nzcv")] // sbcs r1, r2 (borrow in)
    [InlineData(0x4191u, 5u, 5u, "nzCv", 0x0000_0000u, "nZCv")] // sbcs r1, r2
    [InlineData(0x4191u, 0x8000_0000u, 0u, "nzcv", 0x7FFF_FFFFu, "nzCV")] // sbcs r1, r2
    [InlineData(0x4251u, 0u, 1u, "nzCv", 0xFFFF_FFFFu, "Nzcv")] // rsbs r1, r2, #0
    [InlineData(0x4251u, 7u, 0u, "nzcv", 0x0000_0000u, "nZCv")] // rsbs r1, r2, #0
    [InlineData(0x4251u, 0u, 0x8000_0000u, "nzcv", 0x8000_0000u, "NzcV")] // rsbs r1, r2, #0
    // compares write no register
    [InlineData(0x4211u, 0xF0u, 0x0Fu, "nzCV", 0xF0u, "nZCV")] // tst r1, r2
    [InlineData(0x4211u, 0x8000_0000u, 0x8000_0000u, "nZcv", 0x8000_0000u, "Nzcv")] // tst r1, r2
    [InlineData(0x4291u, 1u, 2u, "nzCv", 1u, "Nzcv")] // cmp r1, r2
    [InlineData(0x4291u, 0x8000_0000u, 1u, "nzcv", 0x8000_0000u, "nzCV")] // cmp r1, r2
    [InlineData(0x42D1u, 0xFFFF_FFFFu, 1u, "nzcv", 0xFFFF_FFFFu, "nZCv")] // cmn r1, r2
    [InlineData(0x42D1u, 0x7FFF_FFFFu, 1u, "nzcv", 0x7FFF_FFFFu, "NzcV")] // cmn r1, r2
    public void Low_register_operation_gives_result_and_flags(uint encoding, uint r1, uint r2, string flagsIn, uint expected, string flagsOut)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(1, r1).Reg(2, r2), flagsIn));
        t[1].Should().Be(expected);
        t[2].Should().Be(r2);
        FlagsOf(t).Should().Be(flagsOut);
    }

    // r0 = r1 op r2 / r1 op imm (encoding, r1, r2, flags in, expected r0, flags out)
    [Theory]
    [InlineData(0x1888u, 0xFFFF_FFFFu, 1u, "nzcV", 0u, "nZCv")] // adds r0, r1, r2
    [InlineData(0x1888u, 0x7FFF_FFFFu, 1u, "nzcv", 0x8000_0000u, "NzcV")] // adds r0, r1, r2
    [InlineData(0x1888u, 0x8000_0000u, 0x8000_0000u, "nzcv", 0u, "nZCV")] // adds r0, r1, r2
    [InlineData(0x1A88u, 5u, 5u, "nzcv", 0u, "nZCv")] // subs r0, r1, r2
    [InlineData(0x1A88u, 0u, 1u, "nzCv", 0xFFFF_FFFFu, "Nzcv")] // subs r0, r1, r2
    [InlineData(0x1A88u, 0x8000_0000u, 1u, "nzcv", 0x7FFF_FFFFu, "nzCV")] // subs r0, r1, r2
    [InlineData(0x1DC8u, 0xFFFF_FFF9u, 0u, "nzcv", 0u, "nZCv")] // adds r0, r1, #7
    [InlineData(0x1E48u, 0u, 0u, "nzCv", 0xFFFF_FFFFu, "Nzcv")] // subs r0, r1, #1
    public void Three_operand_add_and_subtract_set_flags(uint encoding, uint r1, uint r2, string flagsIn, uint expected, string flagsOut)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(1, r1).Reg(2, r2), flagsIn));
        t[0].Should().Be(expected);
        FlagsOf(t).Should().Be(flagsOut);
    }

    [Theory]
    [InlineData(0x2500u, 5, 0x1234u, "NzCV", 0u, "nZCV")] // movs r5, #0 (C and V kept)
    [InlineData(0x25FFu, 5, 0u, "nZcv", 255u, "nzcv")] // movs r5, #255
    [InlineData(0x37C8u, 7, 0xFFFF_FF38u, "nzcv", 0u, "nZCv")] // adds r7, #200
    [InlineData(0x3F01u, 7, 0x8000_0000u, "nzcv", 0x7FFF_FFFFu, "nzCV")] // subs r7, #1
    public void Eight_bit_immediate_forms_update_their_register(uint encoding, int reg, uint before, string flagsIn, uint expected, string flagsOut)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(reg, before), flagsIn));
        t[reg].Should().Be(expected);
        FlagsOf(t).Should().Be(flagsOut);
    }

    [Theory]
    [InlineData(42u, "nZCv")]
    [InlineData(41u, "Nzcv")]
    [InlineData(0x8000_0000u, "nzCV")]
    public void Cmp_immediate_compares_with_the_constant(uint r6, string flagsOut)
    {
        var t = RunOne(TestCpu.WithCode(0x2E2A /* cmp r6, #42 */).Reg(6, r6));
        t[6].Should().Be(r6);
        FlagsOf(t).Should().Be(flagsOut);
    }

    [Fact]
    public void Movs_register_sets_N_and_Z_and_keeps_C_and_V()
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(0x0023 /* movs r3, r4 */).Reg(3, 9).Reg(4, 0), "NzCV"));
        t[3].Should().Be(0u);
        FlagsOf(t).Should().Be("nZCV");
    }

    [Fact]
    public void Movs_register_is_unpredictable_inside_an_IT_block()
    {
        var t = TestCpu.WithCode(0x0023 /* movs r3, r4 */).Reg(3, 9).Reg(4, 0);
        t.Cpu.ItState = ItAlOne;
        ShouldFault(t);
        t[3].Should().Be(9u);
    }

    // A5.2.3 high-register forms (never set flags)
    [Theory]
    [InlineData(0x4488u, 8, 1u, 1, 2u, 3u)] // add r8, r1
    [InlineData(0x4449u, 1, 0xFFFF_FFFFu, 9, 2u, 1u)] // add r1, r9
    [InlineData(0x4688u, 8, 0u, 1, 0xDEADu, 0xDEADu)] // mov r8, r1
    [InlineData(0x4641u, 1, 0u, 8, 0xBEEFu, 0xBEEFu)] // mov r1, r8
    [InlineData(0x4611u, 1, 5u, 2, 0u, 0u)] // mov r1, r2
    [InlineData(0x449Du, 13, 0x2000_0000u, 3, 0x100u, 0x2000_0100u)] // add sp, r3
    [InlineData(0x44C5u, 13, 0x2000_0000u, 8, 0x40u, 0x2000_0040u)] // add sp, r8
    public void High_register_add_and_move_leave_flags_alone(uint encoding, int rd, uint rdValue, int rm, uint rmValue, uint expected)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(rd, rdValue).Reg(rm, rmValue), "NZCV"));
        t[rd].Should().Be(expected);
        FlagsOf(t).Should().Be("NZCV");
    }

    [Fact]
    public void Add_sp_form_T1_adds_sp_to_a_register()
    {
        var t = RunOne(TestCpu.WithCode(0x446A /* add r2, sp, r2 */).Reg(13, 0x2010_0000).Reg(2, 0x10));
        t[2].Should().Be(0x2010_0010u);
        t[13].Should().Be(0x2010_0000u);
    }

    [Fact]
    public void Add_sp_sp_doubles_the_stack_pointer()
    {
        var t = RunOne(TestCpu.WithCode(0x44ED /* add sp, sp */).Reg(13, 0x1000_0010));
        t[13].Should().Be(0x2000_0020u);
    }

    [Fact]
    public void Reading_pc_in_a_high_register_form_gives_the_instruction_address_plus_4()
    {
        var t = RunOne(TestCpu.WithCode(0x4479 /* add r1, pc */).Reg(1, 0x10));
        t[1].Should().Be(TestCpu.CodeBase + 4 + 0x10);
        var m = RunOne(TestCpu.WithCode(0x4679 /* mov r1, pc */));
        m[1].Should().Be(TestCpu.CodeBase + 4);
    }

    [Theory]
    [InlineData(0x448Fu, 0x10u, TestCpu.CodeBase + 4 + 0x10)] // add pc, r1
    [InlineData(0x448Fu, 0x11u, TestCpu.CodeBase + 4 + 0x10)] // add pc, r1 (bit 0 ignored)
    [InlineData(0x468Fu, 0x2001u, 0x2000u)] // mov pc, r1
    public void Writing_pc_branches(uint encoding, uint r1, uint target)
    {
        var t = RunOne(TestCpu.WithCode(encoding).Reg(1, r1));
        t.Cpu.Pc.Should().Be(target);
    }

    [Theory]
    [InlineData(0x448Fu)] // add pc, r1
    [InlineData(0x468Fu)] // mov pc, r1
    public void Writing_pc_is_allowed_as_the_last_instruction_of_an_IT_block(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Reg(1, 0x3000);
        t.Cpu.ItState = ItAlOne;
        RunOne(t);
        t.Cpu.Pc.Should().Be(encoding == 0x448F ? TestCpu.CodeBase + 4 + 0x3000 : 0x3000u);
    }

    [Theory]
    [InlineData(0x448Fu)] // add pc, r1
    [InlineData(0x468Fu)] // mov pc, r1
    public void Writing_pc_inside_an_IT_block_but_not_last_is_unpredictable(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Reg(1, 0x3000);
        t.Cpu.ItState = ItAlFirstOfTwo;
        ShouldFault(t);
    }

    [Theory]
    [InlineData(0x4588u, 8, 5u, 1, 5u, "nZCv")] // cmp r8, r1
    [InlineData(0x4549u, 1, 5u, 9, 6u, "Nzcv")] // cmp r1, r9
    public void Cmp_high_registers_sets_flags(uint encoding, int rn, uint rnValue, int rm, uint rmValue, string flagsOut)
    {
        var t = RunOne(TestCpu.WithCode(encoding).Reg(rn, rnValue).Reg(rm, rmValue));
        FlagsOf(t).Should().Be(flagsOut);
    }

    [Theory]
    [InlineData(0x44FFu)] // add pc, pc
    [InlineData(0x4511u)] // cmp r1, r2 in the high-register encoding (both low)
    [InlineData(0x458Fu)] // cmp pc, r1
    [InlineData(0x4579u)] // cmp r1, pc
    public void Unpredictable_special_data_encodings_fault(uint encoding) => ShouldFault(TestCpu.WithCode(encoding));

    [Fact]
    public void Adr_adds_to_the_word_aligned_pc()
    {
        RunOne(TestCpu.WithCode(0xA301 /* adr r3, .+8 */))[3].Should().Be(TestCpu.CodeBase + 8);
        // At a halfword-aligned address Align(PC, 4) drops the 2.
        var t = TestCpu.WithCode(0x2000 /* movs r0, #0 */, 0xA301 /* add r3, pc, #4 */);
        t.Run(2);
        t[3].Should().Be(TestCpu.CodeBase + 8);
    }

    [Fact]
    public void Add_register_sp_immediate_scales_by_four()
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(0xABFF /* add r3, sp, #1020 */).Reg(13, 0x2000_0000), "nZcv"));
        t[3].Should().Be(0x2000_03FCu);
        FlagsOf(t).Should().Be("nZcv");
    }

    [Theory]
    [InlineData(0xB07Fu, 0x2000_0000u, 0x2000_01FCu)] // add sp, #508
    [InlineData(0xB081u, 0x2000_0000u, 0x1FFF_FFFCu)] // sub sp, #4
    public void Sp_adjustments_move_the_stack_pointer(uint encoding, uint sp, uint expected)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(13, sp), "nzcv"));
        t[13].Should().Be(expected);
        FlagsOf(t).Should().Be("nzcv");
    }

    [Theory]
    [InlineData(0xBA11u, 0x1234_5678u, 0x7856_3412u)] // rev r1, r2
    [InlineData(0xBA51u, 0x1234_5678u, 0x3412_7856u)] // rev16 r1, r2
    [InlineData(0xBAD1u, 0x1234_5680u, 0xFFFF_8056u)] // revsh r1, r2
    [InlineData(0xBAD1u, 0xFFFF_807Fu, 0x0000_7F80u)] // revsh r1, r2
    public void Byte_reversal(uint encoding, uint r2, uint expected)
    {
        var t = RunOne(WithFlags(TestCpu.WithCode(encoding).Reg(2, r2), "nzcv"));
        t[1].Should().Be(expected);
        FlagsOf(t).Should().Be("nzcv");
    }

    [Fact]
    public void The_reserved_reverse_encoding_is_undefined() => ShouldFault(TestCpu.WithCode(0xBA81));
}
