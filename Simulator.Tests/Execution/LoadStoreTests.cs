using FluentAssertions;
using M7Sim.Simulation;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Single loads and stores (A5.2.4, A5.3.7-A5.3.10): every addressing mode, widths, sign extension,
/// unaligned MemU accesses and precise faults. Encodings from arm-none-eabi-as -mcpu=cortex-m7;
/// expected values worked out by hand from the ARM ARM pseudocode.
/// </summary>
public class LoadStoreTests
{
    private const uint Data = TestCpu.DataBase;      // 0x2000_0000
    private const uint Unmapped = 0x4000_0000;       // no region on mps2-an500: bus error

    // Memory at Data+0x100: bytes F3 F2 81 80 | 7F 7F 00 00
    private static TestCpu WithPattern(params uint[] code) =>
        TestCpu.WithCode(code).Word(Data + 0x100, 0x8081_F2F3).Word(Data + 0x104, 0x0000_7F7F);

    [Theory]
    [InlineData(0x58D1u /* ldr r1, [r2, r3] */, 0x100u, 0x8081_F2F3u)]
    [InlineData(0x5CD1u /* ldrb r1, [r2, r3] */, 0x100u, 0x0000_00F3u)]
    [InlineData(0x5CD1u /* ldrb r1, [r2, r3] */, 0x101u, 0x0000_00F2u)]
    [InlineData(0x5AD1u /* ldrh r1, [r2, r3] */, 0x100u, 0x0000_F2F3u)]
    [InlineData(0x5AD1u /* ldrh r1, [r2, r3] */, 0x102u, 0x0000_8081u)]
    [InlineData(0x56D1u /* ldrsb r1, [r2, r3] */, 0x100u, 0xFFFF_FFF3u)]
    [InlineData(0x56D1u /* ldrsb r1, [r2, r3] */, 0x103u, 0xFFFF_FF80u)]
    [InlineData(0x56D1u /* ldrsb r1, [r2, r3] */, 0x104u, 0x0000_007Fu)]
    [InlineData(0x5ED1u /* ldrsh r1, [r2, r3] */, 0x100u, 0xFFFF_F2F3u)]
    [InlineData(0x5ED1u /* ldrsh r1, [r2, r3] */, 0x102u, 0xFFFF_8081u)]
    [InlineData(0x5ED1u /* ldrsh r1, [r2, r3] */, 0x104u, 0x0000_7F7Fu)]
    public void Register_offset_loads_zero_or_sign_extend_by_width(uint encoding, uint offset, uint expected)
    {
        var t = WithPattern(encoding).Reg(2, Data).Reg(3, offset).Reg(1, 0xDEAD_BEEF).Run();
        t[1].Should().Be(expected);
        t[2].Should().Be(Data, "register offset addressing never writes back");
    }

    [Theory]
    [InlineData(0x50D1u /* str r1, [r2, r3] */, 0xAABB_CCDDu)]
    [InlineData(0x52D1u /* strh r1, [r2, r3] */, 0x1122_CCDDu)]
    [InlineData(0x54D1u /* strb r1, [r2, r3] */, 0x1122_33DDu)]
    public void Register_offset_stores_write_only_their_width(uint encoding, uint expectedWord)
    {
        var t = TestCpu.WithCode(encoding).Word(Data + 0x40, 0x1122_3344)
            .Reg(1, 0xAABB_CCDD).Reg(2, Data).Reg(3, 0x40).Run();
        t.ReadWord(Data + 0x40).Should().Be(expectedWord);
    }

    [Fact]
    public void Ldr_immediate_T1_scales_imm5_by_four()
    {
        var t = TestCpu.WithCode(0x6FD1 /* ldr r1, [r2, #124] */).Word(Data + 124, 0x1234_5678).Reg(2, Data).Run();
        t[1].Should().Be(0x1234_5678u);
    }

    [Fact]
    public void Strb_and_strh_immediate_T1_scale_by_their_size()
    {
        var t = TestCpu.WithCode(
                0x77D1 /* strb r1, [r2, #31] */,
                0x87D1 /* strh r1, [r2, #62] */)
            .Word(Data + 28, 0).Word(Data + 60, 0).Reg(1, 0xCAFE_BABE).Reg(2, Data).Run();
        t.ReadWord(Data + 28).Should().Be(0xBE00_0000u);  // byte 31 = 0xBE
        t.ReadWord(Data + 60).Should().Be(0xBABE_0000u);  // halfword at 62
    }

    [Fact]
    public void Ldrb_and_ldrh_immediate_T1_read_their_width()
    {
        var t = TestCpu.WithCode(
                0x7FD1 /* ldrb r1, [r2, #31] */,
                0x8FD3 /* ldrh r3, [r2, #62] */)
            .Word(Data + 28, 0x9988_7766).Word(Data + 60, 0x5544_3322).Reg(2, Data).Run();
        t[1].Should().Be(0x99u);
        t[3].Should().Be(0x5544u);
    }

    [Fact]
    public void Sp_relative_store_and_load_use_imm8_times_four()
    {
        var t = TestCpu.WithCode(
                0x91FF /* str r1, [sp, #1020] */,
                0x99FA /* ldr r1, [sp, #1000] */)
            .Reg(13, Data).Reg(1, 0x0BAD_F00D).Word(Data + 1000, 0x7777_8888).Run();
        t.ReadWord(Data + 1020).Should().Be(0x0BAD_F00Du);
        t[1].Should().Be(0x7777_8888u);
        t[13].Should().Be(Data);
    }

    [Fact]
    public void Ldr_literal_T1_is_relative_to_the_word_aligned_pc()
    {
        // At 0x1002 the PC reads 0x1006; Align(PC, 4) = 0x1004; + 8 = 0x100C.
        var t = TestCpu.WithCode(0xBF00 /* nop */, 0x4902 /* ldr r1, [pc, #8] */)
            .Word(TestCpu.CodeBase + 0xC, 0x600D_CAFE).Run();
        t[1].Should().Be(0x600D_CAFEu);
    }

    [Theory]
    [InlineData(0xF8D2_1FFFu /* ldr.w r1, [r2, #4095] */, 4095u, 0u)]
    [InlineData(0xF852_1CFFu /* ldr.w r1, [r2, #-255] */, unchecked((uint)-255), 0u)]
    [InlineData(0xF852_1C04u /* ldr.w r1, [r2, #-4] */, unchecked((uint)-4), 0u)]
    [InlineData(0xF852_1D04u /* ldr.w r1, [r2, #-4]! */, unchecked((uint)-4), unchecked((uint)-4))]
    [InlineData(0xF852_1B04u /* ldr.w r1, [r2], #4 */, 0u, 4u)]
    [InlineData(0xF852_1904u /* ldr.w r1, [r2], #-4 */, 0u, unchecked((uint)-4))]
    [InlineData(0xF852_1E04u /* ldrt r1, [r2, #4] */, 4u, 0u)]
    public void Ldr_immediate_T3_T4_addressing_modes(uint encoding, uint accessOffset, uint baseChange)
    {
        uint b = Data + 0x1000;
        var t = TestCpu.WithCode(encoding).Word(b + accessOffset, 0xA5A5_0001).Reg(2, b).Run();
        t[1].Should().Be(0xA5A5_0001u);
        t[2].Should().Be(b + baseChange);
    }

    [Fact]
    public void Str_pre_indexed_negative_writes_back_the_offset_address()
    {
        var t = TestCpu.WithCode(0xF842_1D08 /* str.w r1, [r2, #-8]! */).Reg(1, 0x1357_9BDF).Reg(2, Data + 0x20).Run();
        t.ReadWord(Data + 0x18).Should().Be(0x1357_9BDFu);
        t[2].Should().Be(Data + 0x18);
    }

    [Fact]
    public void Strb_post_indexed_stores_at_the_base_then_adds()
    {
        var t = TestCpu.WithCode(0xF802_1B01 /* strb.w r1, [r2], #1 */).Word(Data, 0xFFFF_FFFF)
            .Reg(1, 0x0000_0042).Reg(2, Data).Run();
        t.ReadWord(Data).Should().Be(0xFFFF_FF42u);
        t[2].Should().Be(Data + 1);
    }

    [Fact]
    public void Strh_and_ldrsh_imm12_round_trip_a_negative_halfword()
    {
        var t = TestCpu.WithCode(
                0xF8A2_1002 /* strh.w r1, [r2, #2] */,
                0xF9B2_3002 /* ldrsh.w r3, [r2, #2] */)
            .Word(Data, 0).Reg(1, 0x1234_8001).Reg(2, Data).Run();
        t.ReadWord(Data).Should().Be(0x8001_0000u);
        t[3].Should().Be(0xFFFF_8001u);
    }

    [Fact]
    public void Ldrsb_negative_imm8_sign_extends()
    {
        var t = TestCpu.WithCode(0xF912_1C01 /* ldrsb r1, [r2, #-1] */).Word(Data, 0x9000_0000).Reg(2, Data + 4).Run();
        t[1].Should().Be(0xFFFF_FF90u);
    }

    [Fact]
    public void Ldrb_imm12_reaches_offset_4095()
    {
        var t = TestCpu.WithCode(0xF892_1FFF /* ldrb.w r1, [r2, #4095] */).Word(Data + 4092, 0xC300_0000).Reg(2, Data).Run();
        t[1].Should().Be(0xC3u);
    }

    [Theory]
    [InlineData(0xF852_1023u /* ldr.w r1, [r2, r3, lsl #2] */, 0x0102_0304u, 2)]
    [InlineData(0xF832_1013u /* ldrh.w r1, [r2, r3, lsl #1] */, 0x0000_0304u, 1)]
    [InlineData(0xF912_1033u /* ldrsb.w r1, [r2, r3, lsl #3] */, 0x0000_0004u, 3)]
    public void Register_offset_T2_shifts_the_index_left(uint encoding, uint expected, int shift)
    {
        uint index = 5;
        var t = TestCpu.WithCode(encoding).Word(Data + (index << shift), 0x0102_0304).Reg(2, Data).Reg(3, index).Run();
        t[1].Should().Be(expected);
    }

    [Fact]
    public void Str_register_T2_with_lsl3_and_strb_register()
    {
        var t = TestCpu.WithCode(
                0xF842_1033 /* str.w r1, [r2, r3, lsl #3] */,
                0xF802_1003 /* strb.w r1, [r2, r3] */)
            .Reg(1, 0x8765_4321).Reg(2, Data).Reg(3, 2).Word(Data, 0).Run();
        t.ReadWord(Data + 16).Should().Be(0x8765_4321u);
        t.ReadWord(Data).Should().Be(0x0021_0000u); // byte at Data+2
    }

    [Fact]
    public void Strt_stores_like_str_at_the_offset()
    {
        var t = TestCpu.WithCode(0xF842_1E04 /* strt r1, [r2, #4] */).Reg(1, 0x4444_5555).Reg(2, Data).Run();
        t.ReadWord(Data + 4).Should().Be(0x4444_5555u);
        t[2].Should().Be(Data);
    }

    [Fact]
    public void Ldr_literal_T2_subtracts_with_U_clear()
    {
        // At 0x1004 (after a 32-bit nop.w... here two 16-bit nops): PC = 0x1008, Align = 0x1008, -4 = 0x1004 (the ldr itself).
        var t = TestCpu.WithCode(0xBF00, 0xBF00, 0xF85F_1004 /* ldr.w r1, [pc, #-4] */).Run();
        t[1].Should().Be(0x1004_F85Fu, "the word at 0x1004 holds the instruction halfwords F85F then 1004");
    }

    [Fact]
    public void Ldrb_and_ldrsh_literal_T1()
    {
        // ldrb.w at 0x1000: Align(0x1004,4)+5 = 0x1009. ldrsh.w at 0x1004: Align(0x1008,4)-6 = 0x1002.
        var t = TestCpu.WithCode(0xF89F_1005 /* ldrb.w r1, [pc, #5] */, 0xF93F_3006 /* ldrsh.w r3, [pc, #-6] */, 0xBF00, 0xBF00)
            .Word(TestCpu.CodeBase + 8, 0x0000_9A00).Run(2);
        t[1].Should().Be(0x9Au);
        t[3].Should().Be(0x0000_1005u, "halfword at 0x1002 is the second halfword of the ldrb.w: 0x1005");
    }

    [Fact]
    public void Unaligned_ldr_reads_the_four_bytes_little_endian()
    {
        var t = TestCpu.WithCode(0x6811 /* ldr r1, [r2] */).Word(Data, 0x4433_2211).Word(Data + 4, 0x8877_6655).Reg(2, Data + 1).Run();
        t.Result.Reason.Should().Be(StopReason.InstructionLimit);
        t[1].Should().Be(0x5544_3322u);
    }

    [Fact]
    public void Unaligned_strh_writes_across_the_word_boundary()
    {
        var t = TestCpu.WithCode(0x8011 /* strh r1, [r2] */).Word(Data, 0).Word(Data + 4, 0).Reg(1, 0xBBAA).Reg(2, Data + 3).Run();
        t.ReadWord(Data).Should().Be(0xAA00_0000u);
        t.ReadWord(Data + 4).Should().Be(0x0000_00BBu);
    }

    [Fact]
    public void Unaligned_ldr_faults_when_CCR_UNALIGN_TRP_is_set()
    {
        var t = TestCpu.WithCode(0x6811 /* ldr r1, [r2] */).Reg(2, Data + 2).Reg(1, 7);
        t.Cpu.UnalignTrap = true;
        t.Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNALIGNED");
        t[1].Should().Be(7u);
    }

    [Fact]
    public void A_bus_error_leaves_the_destination_and_the_base_unchanged()
    {
        var t = TestCpu.WithCode(0xF852_1B04 /* ldr.w r1, [r2], #4 */).Reg(1, 11).Reg(2, Unmapped).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("PRECISERR");
        t[1].Should().Be(11u);
        t[2].Should().Be(Unmapped);
    }

    [Fact]
    public void A_faulting_store_does_not_write_back()
    {
        var t = TestCpu.WithCode(0xF842_1D08 /* str.w r1, [r2, #-8]! */).Reg(2, Unmapped + 8).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t[2].Should().Be(Unmapped + 8);
    }

    [Fact]
    public void Ldr_pc_is_an_interworking_branch()
    {
        var t = TestCpu.WithCode(0xF8D0_F004 /* ldr.w pc, [r0, #4] */).Word(Data + 4, 0x0000_2001).Reg(0, Data).Run();
        t.Result.Reason.Should().Be(StopReason.InstructionLimit);
        t.Cpu.Pc.Should().Be(0x2000u);
    }

    [Fact]
    public void Ldr_pc_with_bit0_clear_faults_INVSTATE()
    {
        // The load completes (EPSR.T = 0); INVSTATE comes with the next instruction (A2.3.1 LoadWritePC).
        var t = TestCpu.WithCode(0xF8D0_F004 /* ldr.w pc, [r0, #4] */).Word(Data + 4, 0x0000_2000).Reg(0, Data).Run(2);
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("INVSTATE");
    }

    [Fact]
    public void Push_T3_and_pop_T3_pc_are_single_register_stack_ops()
    {
        var t = TestCpu.WithCode(
                0xF84D_ED04 /* str.w lr, [sp, #-4]! */,
                0xF85D_FB04 /* ldr.w pc, [sp], #4 */)
            .Reg(13, Data + 0x100).Reg(14, 0x0000_3001).Run();
        t.ReadWord(Data + 0xFC).Should().Be(0x3001u);
        t[13].Should().Be(Data + 0x100);
        t.Cpu.Pc.Should().Be(0x3000u);
    }

    [Theory]
    [InlineData(0xF890_F004u /* pld [r0, #4] */)]
    [InlineData(0xF810_FC04u /* pld [r0, #-4] */)]
    [InlineData(0xF990_F004u /* pli [r0, #4] */)]
    [InlineData(0xF810_F021u /* pld [r0, r1, lsl #2] */)]
    public void Preload_hints_never_fault_even_on_unmapped_addresses(uint encoding)
    {
        var t = TestCpu.WithCode(encoding).Reg(0, Unmapped).Reg(1, 3).Run();
        t.Result.Reason.Should().Be(StopReason.InstructionLimit);
        t.Cpu.Pc.Should().Be(TestCpu.CodeBase + 4);
        t[0].Should().Be(Unmapped);
    }

    [Fact]
    public void Writeback_into_the_loaded_register_is_UNPREDICTABLE()
    {
        var t = TestCpu.WithCode(0xF852_2D04 /* ldr.w r2, [r2, #-4]! (n == t with writeback) */).Reg(2, Data + 8).Run();
        t.Result.Reason.Should().Be(StopReason.Fault);
        t.Result.Message.Should().Contain("UNDEFINSTR");
        t[2].Should().Be(Data + 8);
    }
}
