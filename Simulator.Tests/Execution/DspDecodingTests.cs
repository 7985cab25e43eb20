using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>DSP table rows: assembler encodings (arm-none-eabi-as -mcpu=cortex-m7) reach the intended row; UNPREDICTABLE and unallocated forms are rejected; timing facts.</summary>
public class DspDecodingTests
{
    private static DecodeStatus Decode(uint raw, out DecodedInst d, out Row? row) =>
        Decoder.Instance.Decode(raw, raw > 0xFFFF, out d, out row);

    private static ushort Mask(params int[] registers)
    {
        int m = 0;
        foreach (int r in registers) m |= 1 << r;
        return (ushort)m;
    }

    [Theory]
    [InlineData(0xB211u, "SxthT1", "sxth")] // sxth r1, r2
    [InlineData(0xB251u, "SxtbT1", "sxtb")] // sxtb r1, r2
    [InlineData(0xB291u, "UxthT1", "uxth")] // uxth r1, r2
    [InlineData(0xB2D1u, "UxtbT1", "uxtb")] // uxtb r1, r2
    [InlineData(0xFA02_F193u, "SxtahT1", "sxtah")] // sxtah r1, r2, r3, ror #8
    [InlineData(0xFA0F_F1A2u, "SxthT2", "sxth")] // sxth.w r1, r2, ror #16
    [InlineData(0xFA12_F1B3u, "UxtahT1", "uxtah")] // uxtah r1, r2, r3, ror #24
    [InlineData(0xFA1F_F192u, "UxthT2", "uxth")] // uxth.w r1, r2, ror #8
    [InlineData(0xFA22_F193u, "Sxtab16T1", "sxtab16")] // sxtab16 r1, r2, r3, ror #8
    [InlineData(0xFA2F_F1A2u, "Sxtb16T1", "sxtb16")] // sxtb16 r1, r2, ror #16
    [InlineData(0xFA32_F183u, "Uxtab16T1", "uxtab16")] // uxtab16 r1, r2, r3
    [InlineData(0xFA3F_F1B2u, "Uxtb16T1", "uxtb16")] // uxtb16 r1, r2, ror #24
    [InlineData(0xFA42_F1A3u, "SxtabT1", "sxtab")] // sxtab r1, r2, r3, ror #16
    [InlineData(0xFA4F_F192u, "SxtbT2", "sxtb")] // sxtb.w r1, r2, ror #8
    [InlineData(0xFA52_F193u, "UxtabT1", "uxtab")] // uxtab r1, r2, r3, ror #8
    [InlineData(0xFA5F_F1B2u, "UxtbT2", "uxtb")] // uxtb.w r1, r2, ror #24
    [InlineData(0xFA92_F103u, "Sadd16T1", "sadd16")] // sadd16 r1, r2, r3
    [InlineData(0xFAA2_F103u, "SasxT1", "sasx")] // sasx r1, r2, r3
    [InlineData(0xFAE2_F103u, "SsaxT1", "ssax")] // ssax r1, r2, r3
    [InlineData(0xFAD2_F103u, "Ssub16T1", "ssub16")] // ssub16 r1, r2, r3
    [InlineData(0xFA82_F103u, "Sadd8T1", "sadd8")] // sadd8 r1, r2, r3
    [InlineData(0xFAC2_F103u, "Ssub8T1", "ssub8")] // ssub8 r1, r2, r3
    [InlineData(0xFA92_F113u, "Qadd16T1", "qadd16")] // qadd16 r1, r2, r3
    [InlineData(0xFAA2_F113u, "QasxT1", "qasx")] // qasx r1, r2, r3
    [InlineData(0xFAE2_F113u, "QsaxT1", "qsax")] // qsax r1, r2, r3
    [InlineData(0xFAD2_F113u, "Qsub16T1", "qsub16")] // qsub16 r1, r2, r3
    [InlineData(0xFA82_F113u, "Qadd8T1", "qadd8")] // qadd8 r1, r2, r3
    [InlineData(0xFAC2_F113u, "Qsub8T1", "qsub8")] // qsub8 r1, r2, r3
    [InlineData(0xFA92_F123u, "Shadd16T1", "shadd16")] // shadd16 r1, r2, r3
    [InlineData(0xFAA2_F123u, "ShasxT1", "shasx")] // shasx r1, r2, r3
    [InlineData(0xFAE2_F123u, "ShsaxT1", "shsax")] // shsax r1, r2, r3
    [InlineData(0xFAD2_F123u, "Shsub16T1", "shsub16")] // shsub16 r1, r2, r3
    [InlineData(0xFA82_F123u, "Shadd8T1", "shadd8")] // shadd8 r1, r2, r3
    [InlineData(0xFAC2_F123u, "Shsub8T1", "shsub8")] // shsub8 r1, r2, r3
    [InlineData(0xFA92_F143u, "Uadd16T1", "uadd16")] // uadd16 r1, r2, r3
    [InlineData(0xFAA2_F143u, "UasxT1", "uasx")] // uasx r1, r2, r3
    [InlineData(0xFAE2_F143u, "UsaxT1", "usax")] // usax r1, r2, r3
    [InlineData(0xFAD2_F143u, "Usub16T1", "usub16")] // usub16 r1, r2, r3
    [InlineData(0xFA82_F143u, "Uadd8T1", "uadd8")] // uadd8 r1, r2, r3
    [InlineData(0xFAC2_F143u, "Usub8T1", "usub8")] // usub8 r1, r2, r3
    [InlineData(0xFA92_F153u, "Uqadd16T1", "uqadd16")] // uqadd16 r1, r2, r3
    [InlineData(0xFAA2_F153u, "UqasxT1", "uqasx")] // uqasx r1, r2, r3
    [InlineData(0xFAE2_F153u, "UqsaxT1", "uqsax")] // uqsax r1, r2, r3
    [InlineData(0xFAD2_F153u, "Uqsub16T1", "uqsub16")] // uqsub16 r1, r2, r3
    [InlineData(0xFA82_F153u, "Uqadd8T1", "uqadd8")] // uqadd8 r1, r2, r3
    [InlineData(0xFAC2_F153u, "Uqsub8T1", "uqsub8")] // uqsub8 r1, r2, r3
    [InlineData(0xFA92_F163u, "Uhadd16T1", "uhadd16")] // uhadd16 r1, r2, r3
    [InlineData(0xFAA2_F163u, "UhasxT1", "uhasx")] // uhasx r1, r2, r3
    [InlineData(0xFAE2_F163u, "UhsaxT1", "uhsax")] // uhsax r1, r2, r3
    [InlineData(0xFAD2_F163u, "Uhsub16T1", "uhsub16")] // uhsub16 r1, r2, r3
    [InlineData(0xFA82_F163u, "Uhadd8T1", "uhadd8")] // uhadd8 r1, r2, r3
    [InlineData(0xFAC2_F163u, "Uhsub8T1", "uhsub8")] // uhsub8 r1, r2, r3
    [InlineData(0xFA83_F182u, "QaddT1", "qadd")] // qadd r1, r2, r3
    [InlineData(0xFA83_F192u, "QdaddT1", "qdadd")] // qdadd r1, r2, r3
    [InlineData(0xFA83_F1A2u, "QsubT1", "qsub")] // qsub r1, r2, r3
    [InlineData(0xFA83_F1B2u, "QdsubT1", "qdsub")] // qdsub r1, r2, r3
    [InlineData(0xFAA2_F183u, "SelT1", "sel")] // sel r1, r2, r3
    [InlineData(0xF322_0108u, "Ssat16T1", "ssat16")] // ssat16 r1, #9, r2
    [InlineData(0xF3A2_0107u, "Usat16T1", "usat16")] // usat16 r1, #7, r2
    [InlineData(0xEAC2_1143u, "PkhbtT1", "pkhbt")] // pkhbt r1, r2, r3, lsl #5
    [InlineData(0xEAC2_11E3u, "PkhtbT1", "pkhtb")] // pkhtb r1, r2, r3, asr #7
    public void Assembler_encoding_decodes_to_its_row(uint raw, string name, string mnemonic)
    {
        Decode(raw, out _, out var row).Should().Be(DecodeStatus.Ok);
        row!.Name.Should().Be(name);
        row.Mnemonic.Should().Be(mnemonic);
    }

    [Theory]
    [InlineData(0xFA0D_F183u)] // sxtah r1, sp, r3
    [InlineData(0xFA0F_FF82u)] // sxth.w pc, r2
    [InlineData(0xFA0F_F18Du)] // sxth.w r1, sp
    [InlineData(0xFA22_F18Fu)] // sxtab16 r1, r2, pc
    [InlineData(0xFA92_FD03u)] // sadd16 sp, r2, r3
    [InlineData(0xFAD2_F10Fu)] // ssub16 r1, r2, pc
    [InlineData(0xFA8F_F182u)] // qadd r1, r2, pc (Rn is the hw1 register)
    [InlineData(0xFAAD_F183u)] // sel r1, sp, r3
    [InlineData(0xF32F_0108u)] // ssat16 r1, #9, pc
    [InlineData(0xF3A2_0D07u)] // usat16 sp, #7, r2
    [InlineData(0xEAC2_114Du)] // pkhbt r1, r2, sp, lsl #5
    [InlineData(0xEACF_11E3u)] // pkhtb r1, pc, r3, asr #7
    public void Sp_or_pc_operands_are_unpredictable(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Unpredictable);
    }

    [Theory]
    [InlineData(0xFA4F_F1C2u)] // sxtb.w r1, r2 with the (0) bit 6 set
    [InlineData(0xFA22_F1C3u)] // sxtab16 r1, r2, r3 with the (0) bit 6 set
    [InlineData(0xEAC2_9143u)] // pkhbt r1, r2, r3, lsl #5 with the (0) bit 15 set
    public void Should_be_zero_bits_that_are_set_make_the_encoding_unpredictable(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Unpredictable);
    }

    [Theory]
    [InlineData(0xFA92_E103u)] // sadd16 with hw2 bits 15:12 = 1110
    [InlineData(0xFAB2_F103u)] // parallel signed op1 = 011: unallocated
    [InlineData(0xFAF2_F143u)] // parallel unsigned op1 = 111: unallocated
    [InlineData(0xFA92_F173u)] // parallel op2 = 0111: unallocated
    [InlineData(0xFA6F_F182u)] // extend op1 = 0110: unallocated
    [InlineData(0xFAA2_F193u)] // SEL op2 = 01: unallocated
    [InlineData(0xEAC2_1153u)] // pkhbt with T = 1: UNDEFINED
    public void Unallocated_dsp_encodings_are_undefined(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Undefined);
    }

    [Fact]
    public void Sxtab16_reads_the_rotated_operand_early_and_rn_normally()
    {
        Decode(0xFA22_F193 /* sxtab16 r1, r2, r3, ror #8 */, out var d, out _);
        d.Class.Should().Be(TimingClass.ExtendAdd);
        d.SrcMask.Should().Be(Mask(2, 3));
        d.EarlyMask.Should().Be(Mask(3));
        d.Flags.Should().HaveFlag(InstFlags.EarlyOperand);
        d.DstMask.Should().Be(Mask(1));
    }

    [Fact]
    public void Plain_extends_read_their_source_at_the_normal_stage()
    {
        Decode(0xFA2F_F192 /* sxtb16 r1, r2, ror #8 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Extend);
        d.SrcMask.Should().Be(Mask(2));
        d.EarlyMask.Should().Be(0);
        d.DstMask.Should().Be(Mask(1));
    }

    [Fact]
    public void Pkhbt_reads_the_shifted_operand_early()
    {
        Decode(0xEAC2_1143 /* pkhbt r1, r2, r3, lsl #5 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Pack);
        d.SrcMask.Should().Be(Mask(2, 3));
        d.EarlyMask.Should().Be(Mask(3));
    }

    [Fact]
    public void Pkhtb_reads_both_operands_early()
    {
        Decode(0xEAC2_11E3 /* pkhtb r1, r2, r3, asr #7 */, out var d, out _);
        d.SrcMask.Should().Be(Mask(2, 3));
        d.EarlyMask.Should().Be(Mask(2, 3));
    }

    [Fact]
    public void Ssat16_reads_its_source_early()
    {
        Decode(0xF322_0108 /* ssat16 r1, #9, r2 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Saturate);
        d.Imm.Should().Be(9u);
        d.EarlyMask.Should().Be(Mask(2));
        d.DstMask.Should().Be(Mask(1));
    }

    [Fact]
    public void Qdadd_reads_the_doubled_operand_early()
    {
        Decode(0xFA83_F192 /* qdadd r1, r2, r3 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Saturate);
        d.SrcMask.Should().Be(Mask(2, 3));
        d.EarlyMask.Should().Be(Mask(3));
    }

    [Theory]
    [InlineData(0xFA92_F103u, TimingClass.Simd)]    // sadd16 r1, r2, r3
    [InlineData(0xFA92_F163u, TimingClass.Simd)]    // uhadd16 r1, r2, r3
    [InlineData(0xFAA2_F183u, TimingClass.Simd)]    // sel r1, r2, r3
    [InlineData(0xFA92_F113u, TimingClass.SimdSat)] // qadd16 r1, r2, r3
    [InlineData(0xFA83_F182u, TimingClass.SimdSat)] // qadd r1, r2, r3
    [InlineData(0xFB72_F103u, TimingClass.SimdSat)] // usad8 r1, r2, r3
    public void Parallel_operations_carry_their_timing_class(uint raw, TimingClass expected)
    {
        Decode(raw, out var d, out _);
        d.Class.Should().Be(expected);
        d.SrcMask.Should().Be(Mask(2, 3));
        d.EarlyMask.Should().Be(0);
        d.DstMask.Should().Be(Mask(1));
    }
}
