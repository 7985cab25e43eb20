using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Decode-time facts of the data-processing rows: timing class, register masks, early operands
/// (timing facts §1.4), flag reads/writes, and the hygiene of the rows themselves.
/// </summary>
public class DataProcessingDecodeTests
{
    private static readonly string[] GroupMethods =
        ["DataProcessing16Rows", "ModifiedImmediateRows", "PlainImmediateRows", "ShiftedRegisterRows", "RegisterShiftAndMiscRows"];

    /// <summary>The rows of this group: their decode lambdas are compiled inside the group's row methods.</summary>
    private static List<Row> GroupRows() =>
        InstTable.All.Where(r => GroupMethods.Any(m => r.Decode.Method.Name.Contains(m, StringComparison.Ordinal))).ToList();

    private static DecodedInst Decode(uint raw)
    {
        bool is32 = raw > 0xFFFF;
        Decoder.Instance.Decode(raw, is32, out var d, out _).Should().Be(DecodeStatus.Ok);
        return d;
    }

    private static ushort Mask(params int[] regs) => (ushort)regs.Sum(r => 1 << r);

    [Fact]
    public void The_group_has_one_row_per_encoding()
    {
        var rows = GroupRows();
        rows.Should().HaveCount(103); // 39 16-bit, 18 modified immediate, 14 plain immediate, 23 shifted register, 9 register shift and misc
        rows.Select(r => r.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_row_decodes_arbitrary_field_values_without_throwing()
    {
        var random = new Random(7);
        foreach (var row in GroupRows())
        {
            for (int i = 0; i < 200; i++)
            {
                uint raw = (row.Pattern.Value | ((uint)random.NextInt64() & ~row.Pattern.Mask)) & (row.Is32 ? 0xFFFF_FFFFu : 0xFFFFu);
                var act = () => Decoder.Instance.Decode(raw, row.Is32, out _, out _);
                act.Should().NotThrow($"{row} decoding 0x{raw:X8}");
            }
        }
    }

    [Fact]
    public void Rows_of_equal_specificity_overlap_only_where_the_ARM_ARM_says_so()
    {
        var rows = GroupRows();
        var overlaps = new List<string>();
        for (int i = 0; i < rows.Count; i++)
            for (int j = i + 1; j < rows.Count; j++)
            {
                var a = rows[i].Pattern; var b = rows[j].Pattern;
                if (rows[i].Is32 != rows[j].Is32 || a.FixedBits != b.FixedBits) continue;
                if (((a.Value ^ b.Value) & a.Mask & b.Mask) == 0) overlaps.Add($"{rows[i].Name}/{rows[j].Name}");
            }
        // ADD SP, SP is both ADD (SP plus register) T1 and T2; T2 says "if Rm == '1101' then SEE encoding T1".
        overlaps.Should().BeEquivalentTo(["AddSpRegT1/AddSpRegT2"]);
    }

    [Fact]
    public void Add_sp_sp_decodes_as_the_T1_form()
    {
        Decoder.Instance.Decode(0x44ED /* add sp, sp */, false, out _, out var row);
        row!.Name.Should().Be("AddSpRegT1");
    }

    [Fact]
    public void An_inline_shifted_operand_is_read_early()
    {
        var d = Decode(0xEB01_0082 /* add.w r0, r1, r2, lsl #2 */);
        d.Class.Should().Be(TimingClass.AluShiftedOp);
        d.SrcMask.Should().Be(Mask(1, 2));
        d.EarlyMask.Should().Be(Mask(2));
        d.DstMask.Should().Be(Mask(0));
        d.Flags.Should().HaveFlag(InstFlags.EarlyOperand);
    }

    [Fact]
    public void An_unshifted_register_operand_is_read_normally()
    {
        var d = Decode(0xEB01_0002 /* add.w r0, r1, r2 */);
        d.Class.Should().Be(TimingClass.Alu);
        d.SrcMask.Should().Be(Mask(1, 2));
        d.EarlyMask.Should().Be(0);
        d.Flags.Should().NotHaveFlag(InstFlags.WritesFlags);
    }

    [Fact]
    public void A_shifted_compare_reads_its_shifted_operand_early_and_writes_flags_only()
    {
        var d = Decode(0xEBB1_1F22 /* cmp.w r1, r2, asr #4 */);
        d.Class.Should().Be(TimingClass.AluShiftedOp);
        d.EarlyMask.Should().Be(Mask(2));
        d.DstMask.Should().Be(0);
        d.Flags.Should().HaveFlag(InstFlags.WritesFlags);
    }

    [Fact]
    public void A_pure_shift_by_immediate_reads_normally()
    {
        var d = Decode(0xEA4F_1002 /* lsl.w r0, r2, #4 */);
        d.Class.Should().Be(TimingClass.Shift);
        d.SrcMask.Should().Be(Mask(2));
        d.EarlyMask.Should().Be(0);
    }

    [Fact]
    public void Rrx_reads_early_and_consumes_the_carry()
    {
        var d = Decode(0xEA5F_0032 /* rrxs r0, r2 */);
        d.Class.Should().Be(TimingClass.Shift);
        d.EarlyMask.Should().Be(Mask(2));
        d.Flags.Should().HaveFlag(InstFlags.ReadsFlags).And.HaveFlag(InstFlags.WritesFlags);
    }

    [Theory]
    [InlineData(0xF301_0007u, TimingClass.Saturate)] // ssat r0, #8, r1
    [InlineData(0xF381_0008u, TimingClass.Saturate)] // usat r0, #8, r1
    [InlineData(0xF341_1007u, TimingClass.Bitfield)] // sbfx r0, r1, #4, #8
    [InlineData(0xF3C1_1007u, TimingClass.Bitfield)] // ubfx r0, r1, #4, #8
    [InlineData(0xFA91_F081u, TimingClass.Reverse)] // rev.w r0, r1
    [InlineData(0xFA91_F0A1u, TimingClass.Reverse)] // rbit r0, r1
    [InlineData(0xFA91_F0B1u, TimingClass.Reverse)] // revsh.w r0, r1
    [InlineData(0xBA08u, TimingClass.Reverse)] // rev r0, r1
    public void Saturate_extract_and_reverse_read_their_source_early(uint encoding, TimingClass timing)
    {
        var d = Decode(encoding);
        d.Class.Should().Be(timing);
        d.EarlyMask.Should().Be(Mask(1));
        d.DstMask.Should().Be(Mask(0));
    }

    [Fact]
    public void Bfi_reads_its_source_early_and_its_destination_normally()
    {
        var d = Decode(0xF361_200F /* bfi r0, r1, #8, #8 */);
        d.Class.Should().Be(TimingClass.Bitfield);
        d.SrcMask.Should().Be(Mask(0, 1));
        d.EarlyMask.Should().Be(Mask(1));
        d.DstMask.Should().Be(Mask(0));
    }

    [Fact]
    public void Clz_reads_normally()
    {
        var d = Decode(0xFAB1_F081 /* clz r0, r1 */);
        d.Class.Should().Be(TimingClass.Clz);
        d.SrcMask.Should().Be(Mask(1));
        d.EarlyMask.Should().Be(0);
    }

    [Theory]
    [InlineData(0x1888u)] // adds r0, r1, r2
    [InlineData(0x2000u)] // movs r0, #0
    [InlineData(0x4010u)] // ands r0, r2
    public void Sixteen_bit_forms_set_flags_outside_IT(uint encoding)
    {
        var d = Decode(encoding);
        d.SetFlags.Should().Be(FlagsMode.OutsideIt);
        d.Flags.Should().HaveFlag(InstFlags.WritesFlags);
        d.Size.Should().Be(2);
    }

    [Theory]
    [InlineData(0x4151u)] // adcs r1, r2
    [InlineData(0xEB41_0002u)] // adc.w r0, r1, r2
    [InlineData(0xF171_0000u)] // sbcs r0, r1, #0
    public void Carry_consumers_read_flags(uint encoding) => Decode(encoding).Flags.Should().HaveFlag(InstFlags.ReadsFlags);

    [Theory]
    [InlineData(0x468Fu)] // mov pc, r1
    [InlineData(0x448Fu)] // add pc, r1
    public void Pc_destinations_are_branches(uint encoding)
    {
        var d = Decode(encoding);
        d.Class.Should().Be(TimingClass.Branch);
        d.Flags.Should().HaveFlag(InstFlags.WritesPc);
    }

    [Fact]
    public void Movt_reads_and_writes_its_destination()
    {
        var d = Decode(0xF6CD_60AD /* movt r0, #0xdead */);
        d.SrcMask.Should().Be(Mask(0));
        d.DstMask.Should().Be(Mask(0));
    }

    [Theory]
    [InlineData(0xEA01_8002u, "AndRegT2")] // and.w r0, r1, r2 with the (0) bit 15 of the second halfword set
    [InlineData(0xEA4F_8002u, "MovRegT3")] // mov.w r0, r2 with bit 15 set
    [InlineData(0xF741_1007u, "SbfxT1")] // sbfx r0, r1, #4, #8 with the (0) bit 10 of the first halfword set
    [InlineData(0xF301_0027u, "SsatT1")] // ssat r0, #8, r1 with the (0) bit 5 of the second halfword set
    [InlineData(0xF36F_102Bu, "BfcT1")] // bfc r0, #4, #8 with bit 5 set
    public void A_set_should_be_zero_bit_is_unpredictable_in_its_own_row(uint encoding, string rowName)
    {
        Decoder.Instance.Decode(encoding, true, out _, out var row).Should().Be(DecodeStatus.Unpredictable);
        row!.Name.Should().Be(rowName);
    }
}
