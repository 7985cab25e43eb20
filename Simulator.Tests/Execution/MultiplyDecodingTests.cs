using FluentAssertions;
using M7Sim.Decoding;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>Multiply table rows: assembler encodings (arm-none-eabi-as -mcpu=cortex-m7) reach the intended row, and UNPREDICTABLE forms are rejected.</summary>
public class MultiplyDecodingTests
{
    private static DecodeStatus Decode(uint raw, out DecodedInst d, out Row? row) =>
        Decoder.Instance.Decode(raw, raw > 0xFFFF, out d, out row);

    [Theory]
    [InlineData(0x4351u, "MulT1", "mul")] // muls r1, r2
    [InlineData(0xFB02_F103u, "MulT2", "mul")] // mul.w r1, r2, r3
    [InlineData(0xFB02_4103u, "MlaT1", "mla")] // mla r1, r2, r3, r4
    [InlineData(0xFB02_4113u, "MlsT1", "mls")] // mls r1, r2, r3, r4
    [InlineData(0xFB12_4103u, "SmlabbT1", "smlabb")] // smlabb r1, r2, r3, r4
    [InlineData(0xFB12_4113u, "SmlabtT1", "smlabt")] // smlabt r1, r2, r3, r4
    [InlineData(0xFB12_4123u, "SmlatbT1", "smlatb")] // smlatb r1, r2, r3, r4
    [InlineData(0xFB12_4133u, "SmlattT1", "smlatt")] // smlatt r1, r2, r3, r4
    [InlineData(0xFB12_F103u, "SmulbbT1", "smulbb")] // smulbb r1, r2, r3
    [InlineData(0xFB12_F113u, "SmulbtT1", "smulbt")] // smulbt r1, r2, r3
    [InlineData(0xFB12_F123u, "SmultbT1", "smultb")] // smultb r1, r2, r3
    [InlineData(0xFB12_F133u, "SmulttT1", "smultt")] // smultt r1, r2, r3
    [InlineData(0xFB22_4103u, "SmladT1", "smlad")] // smlad r1, r2, r3, r4
    [InlineData(0xFB22_4113u, "SmladxT1", "smladx")] // smladx r1, r2, r3, r4
    [InlineData(0xFB22_F103u, "SmuadT1", "smuad")] // smuad r1, r2, r3
    [InlineData(0xFB22_F113u, "SmuadxT1", "smuadx")] // smuadx r1, r2, r3
    [InlineData(0xFB32_4103u, "SmlawbT1", "smlawb")] // smlawb r1, r2, r3, r4
    [InlineData(0xFB32_4113u, "SmlawtT1", "smlawt")] // smlawt r1, r2, r3, r4
    [InlineData(0xFB32_F103u, "SmulwbT1", "smulwb")] // smulwb r1, r2, r3
    [InlineData(0xFB32_F113u, "SmulwtT1", "smulwt")] // smulwt r1, r2, r3
    [InlineData(0xFB42_4103u, "SmlsdT1", "smlsd")] // smlsd r1, r2, r3, r4
    [InlineData(0xFB42_4113u, "SmlsdxT1", "smlsdx")] // smlsdx r1, r2, r3, r4
    [InlineData(0xFB42_F103u, "SmusdT1", "smusd")] // smusd r1, r2, r3
    [InlineData(0xFB42_F113u, "SmusdxT1", "smusdx")] // smusdx r1, r2, r3
    [InlineData(0xFB52_4103u, "SmmlaT1", "smmla")] // smmla r1, r2, r3, r4
    [InlineData(0xFB52_4113u, "SmmlarT1", "smmlar")] // smmlar r1, r2, r3, r4
    [InlineData(0xFB52_F103u, "SmmulT1", "smmul")] // smmul r1, r2, r3
    [InlineData(0xFB52_F113u, "SmmulrT1", "smmulr")] // smmulr r1, r2, r3
    [InlineData(0xFB62_4103u, "SmmlsT1", "smmls")] // smmls r1, r2, r3, r4
    [InlineData(0xFB62_4113u, "SmmlsrT1", "smmlsr")] // smmlsr r1, r2, r3, r4
    [InlineData(0xFB72_4103u, "Usada8T1", "usada8")] // usada8 r1, r2, r3, r4
    [InlineData(0xFB72_F103u, "Usad8T1", "usad8")] // usad8 r1, r2, r3
    [InlineData(0xFB83_1204u, "SmullT1", "smull")] // smull r1, r2, r3, r4
    [InlineData(0xFB92_F1F3u, "SdivT1", "sdiv")] // sdiv r1, r2, r3
    [InlineData(0xFBA3_1204u, "UmullT1", "umull")] // umull r1, r2, r3, r4
    [InlineData(0xFBB2_F1F3u, "UdivT1", "udiv")] // udiv r1, r2, r3
    [InlineData(0xFBC3_1204u, "SmlalT1", "smlal")] // smlal r1, r2, r3, r4
    [InlineData(0xFBC3_1284u, "SmlalbbT1", "smlalbb")] // smlalbb r1, r2, r3, r4
    [InlineData(0xFBC3_1294u, "SmlalbtT1", "smlalbt")] // smlalbt r1, r2, r3, r4
    [InlineData(0xFBC3_12A4u, "SmlaltbT1", "smlaltb")] // smlaltb r1, r2, r3, r4
    [InlineData(0xFBC3_12B4u, "SmlalttT1", "smlaltt")] // smlaltt r1, r2, r3, r4
    [InlineData(0xFBC3_12C4u, "SmlaldT1", "smlald")] // smlald r1, r2, r3, r4
    [InlineData(0xFBC3_12D4u, "SmlaldxT1", "smlaldx")] // smlaldx r1, r2, r3, r4
    [InlineData(0xFBD3_12C4u, "SmlsldT1", "smlsld")] // smlsld r1, r2, r3, r4
    [InlineData(0xFBD3_12D4u, "SmlsldxT1", "smlsldx")] // smlsldx r1, r2, r3, r4
    [InlineData(0xFBE3_1204u, "UmlalT1", "umlal")] // umlal r1, r2, r3, r4
    [InlineData(0xFBE3_1264u, "UmaalT1", "umaal")] // umaal r1, r2, r3, r4
    public void Assembler_encoding_decodes_to_its_row(uint raw, string name, string mnemonic)
    {
        Decode(raw, out _, out var row).Should().Be(DecodeStatus.Ok);
        row!.Name.Should().Be(name);
        row.Mnemonic.Should().Be(mnemonic);
    }

    [Theory]
    [InlineData(0xFB02_D103u)] // mla r1, r2, r3, sp (Ra = 13)
    [InlineData(0xFB02_F10Du)] // mul r1, r2, sp
    [InlineData(0xFB0D_F103u)] // mul r1, sp, r3
    [InlineData(0xFB02_FD03u)] // mul sp, r2, r3
    [InlineData(0xFB02_FF03u)] // mul pc, r2, r3
    [InlineData(0xFB02_F113u)] // mls r1, r2, r3, pc (MLS has no Ra = 1111 alias)
    [InlineData(0xFB62_F103u)] // smmls r1, r2, r3, pc (SMMLS has no Ra = 1111 alias)
    [InlineData(0xFB22_410Fu)] // smlad r1, r2, pc, r4
    [InlineData(0xFB83_1104u)] // smull r1, r1, r3, r4 (RdHi == RdLo)
    [InlineData(0xFBC3_D204u)] // smlal sp, r2, r3, r4
    [InlineData(0xFBE3_1F64u)] // umaal r1, pc, r3, r4
    [InlineData(0xFB9F_F1F3u)] // sdiv r1, pc, r3
    [InlineData(0xFBB2_FDF3u)] // udiv sp, r2, r3
    public void Sp_or_pc_operands_and_equal_long_destinations_are_unpredictable(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Unpredictable);
    }

    [Theory]
    [InlineData(0xFB92_E1F3u)] // sdiv with hw2 bits 15:12 = 1110 instead of (1)(1)(1)(1)
    [InlineData(0xFBB2_F1E3u)] // udiv with op2 = 1110
    [InlineData(0xFB02_4123u)] // A5.3.16 op1 = 000 op2 = 10: unallocated
    [InlineData(0xFB72_4113u)] // usada8 with op2 = 01: unallocated
    [InlineData(0xFBC3_12E4u)] // A5.3.17 op1 = 100 op2 = 1110: unallocated
    public void Unallocated_multiply_encodings_are_undefined(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Undefined);
    }

    [Fact]
    public void Smlad_reads_its_accumulator_through_ra_and_writes_only_rd()
    {
        Decode(0xFB22_4103 /* smlad r1, r2, r3, r4 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Mac);
        d.Ra.Should().Be(4);
        d.SrcMask.Should().Be((ushort)(1 << 2 | 1 << 3 | 1 << 4));
        d.EarlyMask.Should().Be(0);
        d.DstMask.Should().Be((ushort)(1 << 1));
    }

    [Fact]
    public void Smuad_has_no_accumulator_and_is_a_plain_multiply()
    {
        Decode(0xFB22_F103 /* smuad r1, r2, r3 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Mul);
        d.SrcMask.Should().Be((ushort)(1 << 2 | 1 << 3));
        d.DstMask.Should().Be((ushort)(1 << 1));
    }

    [Fact]
    public void Smlal_reads_and_writes_both_halves_of_its_accumulator()
    {
        Decode(0xFBC3_1204 /* smlal r1, r2, r3, r4 */, out var d, out _);
        d.Class.Should().Be(TimingClass.MacLong);
        d.Rd.Should().Be(1);
        d.Ra.Should().Be(2);
        d.SrcMask.Should().Be((ushort)(1 << 1 | 1 << 2 | 1 << 3 | 1 << 4));
        d.DstMask.Should().Be((ushort)(1 << 1 | 1 << 2));
    }

    [Fact]
    public void Umull_writes_both_destinations_without_reading_them()
    {
        Decode(0xFBA3_1204 /* umull r1, r2, r3, r4 */, out var d, out _);
        d.Class.Should().Be(TimingClass.MulLong);
        d.SrcMask.Should().Be((ushort)(1 << 3 | 1 << 4));
        d.DstMask.Should().Be((ushort)(1 << 1 | 1 << 2));
    }

    [Fact]
    public void Muls_t1_sets_flags_outside_it_blocks_only()
    {
        Decode(0x4351 /* muls r1, r2, r1 */, out var d, out _);
        d.SetFlags.Should().Be(FlagsMode.OutsideIt);
        d.Flags.Should().HaveFlag(InstFlags.WritesFlags);
        d.SrcMask.Should().Be((ushort)(1 << 1 | 1 << 2));
        d.DstMask.Should().Be((ushort)(1 << 1));
    }

    [Fact]
    public void Sdiv_is_a_divide()
    {
        Decode(0xFB92_F1F3 /* sdiv r1, r2, r3 */, out var d, out _);
        d.Class.Should().Be(TimingClass.Div);
        d.SrcMask.Should().Be((ushort)(1 << 2 | 1 << 3));
        d.DstMask.Should().Be((ushort)(1 << 1));
    }
}
