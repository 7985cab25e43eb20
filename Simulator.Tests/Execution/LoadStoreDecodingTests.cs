using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Load/store table rows: assembler encodings (arm-none-eabi-as -mcpu=cortex-m7) reach the intended row,
/// UNPREDICTABLE/UNDEFINED forms are rejected, and the timing facts (early address registers, masks) are set.
/// </summary>
public class LoadStoreDecodingTests
{
    private static DecodeStatus Decode(uint raw, out DecodedInst d, out Row? row) =>
        Decoder.Instance.Decode(raw, raw > 0xFFFF, out d, out row);

    private static ushort Mask(params int[] regs)
    {
        int m = 0;
        foreach (int r in regs) m |= 1 << r;
        return (ushort)m;
    }

    [Theory]
    [InlineData(0x6851u, "LdrImmT1", "ldr")] // ldr r1, [r2, #4]
    [InlineData(0x58D1u, "LdrRegT1", "ldr")] // ldr r1, [r2, r3]
    [InlineData(0x99FFu, "LdrImmT2", "ldr")] // ldr r1, [sp, #1020]
    [InlineData(0x4902u, "LdrLitT1", "ldr")] // ldr r1, [pc, #8]
    [InlineData(0xF852_1D04u, "LdrImmT4", "ldr")] // ldr.w r1, [r2, #-4]!
    [InlineData(0xF8D2_1FFFu, "LdrImmT3", "ldr")] // ldr.w r1, [r2, #4095]
    [InlineData(0xF852_1023u, "LdrRegT2", "ldr")] // ldr.w r1, [r2, r3, lsl #2]
    [InlineData(0xF8DF_1008u, "LdrLitT2", "ldr")] // ldr.w r1, [pc, #8]
    [InlineData(0xF85F_1004u, "LdrLitT2", "ldr")] // ldr.w r1, [pc, #-4]
    [InlineData(0xF852_1E04u, "LdrtT1", "ldrt")] // ldrt r1, [r2, #4]
    [InlineData(0xF802_1013u, "StrbRegT2", "strb")] // strb.w r1, [r2, r3, lsl #1]
    [InlineData(0xF89F_1005u, "LdrbLitT1", "ldrb")] // ldrb.w r1, [pc, #5]
    [InlineData(0xF93F_1006u, "LdrshLitT1", "ldrsh")] // ldrsh.w r1, [pc, #-6]
    [InlineData(0xF9B2_1002u, "LdrshImmT1", "ldrsh")] // ldrsh.w r1, [r2, #2]
    [InlineData(0xF912_1C01u, "LdrsbImmT2", "ldrsb")] // ldrsb r1, [r2, #-1]
    [InlineData(0xC00Eu, "StmT1", "stm")] // stmia r0!, {r1, r2, r3}
    [InlineData(0xC80Eu, "LdmT1", "ldm")] // ldmia r0!, {r1, r2, r3}
    [InlineData(0xB510u, "PushT1", "push")] // push {r4, lr}
    [InlineData(0xBD10u, "PopT1", "pop")] // pop {r4, pc}
    [InlineData(0xE8B0_000Eu, "LdmT2", "ldm")] // ldmia.w r0!, {r1, r2, r3}
    [InlineData(0xE920_000Eu, "StmdbT1", "stmdb")] // stmdb r0!, {r1, r2, r3}
    [InlineData(0xE92D_4070u, "PushT2", "push")] // push.w {r4, r5, r6, lr}
    [InlineData(0xE8BD_8070u, "PopT2", "pop")] // pop.w {r4, r5, r6, pc}
    [InlineData(0xF84D_ED04u, "PushT3", "push")] // str.w lr, [sp, #-4]! (push.w {lr})
    [InlineData(0xF85D_FB04u, "PopT3", "pop")] // ldr.w pc, [sp], #4 (pop.w {pc})
    [InlineData(0xE9F2_0102u, "LdrdImmT1", "ldrd")] // ldrd r0, r1, [r2, #8]!
    [InlineData(0xE9C2_0100u, "StrdImmT1", "strd")] // strd r0, r1, [r2]
    [InlineData(0xE9DF_0102u, "LdrdLitT1", "ldrd")] // ldrd r0, r1, [pc, #8]
    [InlineData(0xE852_1F00u, "LdrexT1", "ldrex")] // ldrex r1, [r2]
    [InlineData(0xE842_4300u, "StrexT1", "strex")] // strex r3, r4, [r2]
    [InlineData(0xE8D2_1F4Fu, "LdrexbT1", "ldrexb")] // ldrexb r1, [r2]
    [InlineData(0xE8C2_4F53u, "StrexhT1", "strexh")] // strexh r3, r4, [r2]
    [InlineData(0xE8DF_F000u, "TbbT1", "tbb")] // tbb [pc, r0]
    [InlineData(0xE8DF_F010u, "TbhT1", "tbh")] // tbh [pc, r0, lsl #1]
    [InlineData(0xF890_F000u, "PldImmT1", "pld")] // pld [r0]
    [InlineData(0xF810_FC04u, "PldImmT2", "pld")] // pld [r0, #-4]
    [InlineData(0xF89F_F004u, "PldLitT1", "pld")] // pld [pc, #4]
    [InlineData(0xF810_F021u, "PldRegT1", "pld")] // pld [r0, r1, lsl #2]
    [InlineData(0xF990_F004u, "PliImmT1", "pli")] // pli [r0, #4]
    public void Assembler_encoding_decodes_to_its_row(uint raw, string name, string mnemonic)
    {
        Decode(raw, out _, out var row).Should().Be(DecodeStatus.Ok);
        row!.Name.Should().Be(name);
        row.Mnemonic.Should().Be(mnemonic);
    }

    [Theory]
    [InlineData(0xF852_2D04u)] // ldr r2, [r2, #-4]! (writeback into Rt)
    [InlineData(0xF842_2D04u)] // str r2, [r2, #-4]!
    [InlineData(0xF8C2_F000u)] // str.w pc, [r2]
    [InlineData(0xF892_D000u)] // ldrb.w sp, [r2]
    [InlineData(0xF882_D000u)] // strb.w sp, [r2]
    [InlineData(0xF852_100Du)] // ldr.w r1, [r2, sp]
    [InlineData(0xF852_100Fu)] // ldr.w r1, [r2, pc]
    [InlineData(0xF852_DE04u)] // ldrt sp, [r2, #4]
    [InlineData(0xF812_FD01u)] // ldrb pc, [r2, #1]! (Rt = PC with writeback)
    [InlineData(0xE9D2_0000u)] // ldrd r0, r0, [r2]
    [InlineData(0xE9F2_2302u)] // ldrd r2, r3, [r2, #8]! (writeback into Rt)
    [InlineData(0xE9C2_D100u)] // strd sp, r1, [r2]
    [InlineData(0xE9CF_0100u)] // strd r0, r1, [pc]
    [InlineData(0xE9FF_0102u)] // ldrd r0, r1, [pc, #8]! (literal with W = 1)
    [InlineData(0xE852_DF00u)] // ldrex sp, [r2]
    [InlineData(0xE842_3300u)] // strex r3, r3, [r2] (Rd == Rt)
    [InlineData(0xE842_4200u)] // strex r2, r4, [r2] (Rd == Rn)
    [InlineData(0xE8DD_F000u)] // tbb [sp, r0]
    [InlineData(0xE8D0_F00Du)] // tbb [r0, sp]
    [InlineData(0xE890_0002u)] // ldm.w r0, {r1} (one register)
    [InlineData(0xE8BD_C000u)] // pop.w {lr, pc}
    [InlineData(0xE8B0_0003u)] // ldm.w r0!, {r0, r1} (writeback with Rn in the list)
    [InlineData(0xE8A0_0003u)] // stm.w r0!, {r0, r1}
    [InlineData(0xE89F_0003u)] // ldm.w pc, {r0, r1}
    [InlineData(0xC800u)] // ldmia r0!, {} (empty list)
    [InlineData(0xBC00u)] // pop {} (empty list)
    public void Unpredictable_load_store_forms_are_rejected(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Unpredictable);
    }

    [Theory]
    [InlineData(0xF8CF_1000u)] // str.w r1, [pc] (Rn = 1111 is UNDEFINED for stores)
    [InlineData(0xF84F_1D04u)] // str r1, [pc, #-4]!
    [InlineData(0xF852_1804u)] // ldr r1, [r2, #-4] with P = 0, W = 0
    [InlineData(0xE8B0_2003u)] // ldm.w r0!, {r0, r1, sp}: SP in the list breaks a (0) bit
    [InlineData(0xE990_0003u)] // A5.3.5 op = 11 (RFE in A/R profiles)
    [InlineData(0xE810_0003u)] // A5.3.5 op = 00 (RFE in A/R profiles)
    public void Undefined_load_store_forms_are_rejected(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Undefined);
    }

    [Fact]
    public void Loads_read_the_address_registers_early_and_write_the_destination()
    {
        Decode(0xF852_1023 /* ldr.w r1, [r2, r3, lsl #2] */, out var d, out _);
        d.Class.Should().Be(TimingClass.Load);
        d.EarlyMask.Should().Be(Mask(2, 3));
        d.SrcMask.Should().Be(Mask(2, 3));
        d.DstMask.Should().Be(Mask(1));
        d.Flags.Should().HaveFlag(InstFlags.EarlyOperand);
        d.Flags.Should().NotHaveFlag(InstFlags.WritesPc);
    }

    [Fact]
    public void Writeback_loads_also_write_the_base()
    {
        Decode(0xF852_1D04 /* ldr.w r1, [r2, #-4]! */, out var d, out _);
        d.DstMask.Should().Be(Mask(1, 2));
        d.Imm.Should().Be(unchecked((uint)-4));
    }

    [Fact]
    public void Stores_read_the_data_register_normally()
    {
        Decode(0x6051 /* str r1, [r2, #4] */, out var d, out _);
        d.Class.Should().Be(TimingClass.Store);
        d.EarlyMask.Should().Be(Mask(2));
        d.SrcMask.Should().Be(Mask(1, 2));
        d.DstMask.Should().Be(0);
    }

    [Fact]
    public void Sub_word_loads_have_their_own_class()
    {
        Decode(0xF9B2_1002 /* ldrsh.w r1, [r2, #2] */, out var d, out _);
        d.Class.Should().Be(TimingClass.LoadSub);
    }

    [Fact]
    public void Pop_with_pc_writes_the_list_sp_and_pc()
    {
        Decode(0xBD10 /* pop {r4, pc} */, out var d, out _);
        d.Class.Should().Be(TimingClass.LoadMultiple);
        d.Imm.Should().Be(0x8010u);
        d.DstMask.Should().Be(Mask(4, 13, 15));
        d.EarlyMask.Should().Be(Mask(13));
        d.Flags.Should().HaveFlag(InstFlags.WritesPc);
    }

    [Fact]
    public void Push_reads_the_list_and_writes_sp()
    {
        Decode(0xB510 /* push {r4, lr} */, out var d, out _);
        d.Class.Should().Be(TimingClass.StoreMultiple);
        d.Imm.Should().Be(0x4010u);
        d.SrcMask.Should().Be(Mask(4, 13, 14));
        d.DstMask.Should().Be(Mask(13));
    }

    [Fact]
    public void Ldr_pc_is_flagged_as_writing_pc()
    {
        Decode(0xF8D0_F000 /* ldr.w pc, [r0] */, out var d, out _);
        d.Flags.Should().HaveFlag(InstFlags.WritesPc);
        d.DstMask.Should().Be(Mask(15));
    }

    [Fact]
    public void Dual_and_exclusive_classes()
    {
        Decode(0xE9F2_0102 /* ldrd r0, r1, [r2, #8]! */, out var ld, out _);
        ld.Class.Should().Be(TimingClass.LoadDual);
        ld.DstMask.Should().Be(Mask(0, 1, 2));
        Decode(0xE9C2_0100 /* strd r0, r1, [r2] */, out var sd, out _);
        sd.Class.Should().Be(TimingClass.StoreDual);
        sd.SrcMask.Should().Be(Mask(0, 1, 2));
        Decode(0xE852_1F00 /* ldrex r1, [r2] */, out var lx, out _);
        lx.Class.Should().Be(TimingClass.LoadExclusive);
        Decode(0xE842_4300 /* strex r3, r4, [r2] */, out var sx, out _);
        sx.Class.Should().Be(TimingClass.StoreExclusive);
        sx.SrcMask.Should().Be(Mask(2, 4));
        sx.DstMask.Should().Be(Mask(3));
    }

    [Fact]
    public void Table_branch_reads_both_registers_early_and_writes_pc()
    {
        Decode(0xE8DF_F010 /* tbh [pc, r0, lsl #1] */, out var d, out _);
        d.Class.Should().Be(TimingClass.TableBranch);
        d.EarlyMask.Should().Be(Mask(0, 15));
        d.Flags.Should().HaveFlag(InstFlags.WritesPc);
    }
}
