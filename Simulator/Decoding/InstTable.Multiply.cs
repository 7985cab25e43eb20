using M7Sim.Execution;
using M7Sim.Timing;

namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>
    /// Multiply, multiply-accumulate, long multiply, divide, including the DSP multiplies SMLAD/SMLAxy/SMMUL...
    /// (A5.3.16-A5.3.17, MUL T1). One row per mnemonic as Capstone prints it, so the X/R/xy variants are rows of
    /// their own sharing one handler; the forms without an accumulator (MUL, SMUAD, SMULxy, SMMUL, USAD8) are
    /// alias rows with Ra = 1111 fixed, which beat the accumulating row by having more fixed bits.
    /// Handler fields: see <see cref="Multiply"/> (Imm/Imm2 = half-selecting shifts, Rm rotation or rounding constant).
    /// </summary>
    private static unsafe Row[] MultiplyRows() =>
    [
        // A5.2.2 16-bit data processing: MULS <Rdm>, <Rn>, <Rdm> (flags outside IT; C and V unchanged).
        new Row("0100 0011 01nn nddd", "MulT1", "mul", &Multiply.Mul, TimingClass.Mul, MulDecodeT1),

        // A5.3.16 multiply, multiply accumulate and absolute difference: 1111 1011 0 op1 Rn | Ra Rd 00 op2 Rm.
        new Row("1111 1011 0000 nnnn 1111 dddd 0000 mmmm", "MulT2", "mul", &Multiply.Mul, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false)),
        new Row("1111 1011 0000 nnnn aaaa dddd 0000 mmmm", "MlaT1", "mla", &Multiply.Mla, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true)),
        new Row("1111 1011 0000 nnnn aaaa dddd 0001 mmmm", "MlsT1", "mls", &Multiply.Mls, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true)),

        new Row("1111 1011 0001 nnnn aaaa dddd 0000 mmmm", "SmlabbT1", "smlabb", &Multiply.Smlaxy, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0, 0)),
        new Row("1111 1011 0001 nnnn aaaa dddd 0001 mmmm", "SmlabtT1", "smlabt", &Multiply.Smlaxy, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0, 16)),
        new Row("1111 1011 0001 nnnn aaaa dddd 0010 mmmm", "SmlatbT1", "smlatb", &Multiply.Smlaxy, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 16, 0)),
        new Row("1111 1011 0001 nnnn aaaa dddd 0011 mmmm", "SmlattT1", "smlatt", &Multiply.Smlaxy, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 16, 16)),
        new Row("1111 1011 0001 nnnn 1111 dddd 0000 mmmm", "SmulbbT1", "smulbb", &Multiply.Smlaxy, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0, 0)),
        new Row("1111 1011 0001 nnnn 1111 dddd 0001 mmmm", "SmulbtT1", "smulbt", &Multiply.Smlaxy, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0, 16)),
        new Row("1111 1011 0001 nnnn 1111 dddd 0010 mmmm", "SmultbT1", "smultb", &Multiply.Smlaxy, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 16, 0)),
        new Row("1111 1011 0001 nnnn 1111 dddd 0011 mmmm", "SmulttT1", "smultt", &Multiply.Smlaxy, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 16, 16)),

        new Row("1111 1011 0010 nnnn aaaa dddd 0000 mmmm", "SmladT1", "smlad", &Multiply.Smlad, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0)),
        new Row("1111 1011 0010 nnnn aaaa dddd 0001 mmmm", "SmladxT1", "smladx", &Multiply.Smlad, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 16)),
        new Row("1111 1011 0010 nnnn 1111 dddd 0000 mmmm", "SmuadT1", "smuad", &Multiply.Smlad, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0)),
        new Row("1111 1011 0010 nnnn 1111 dddd 0001 mmmm", "SmuadxT1", "smuadx", &Multiply.Smlad, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 16)),

        new Row("1111 1011 0011 nnnn aaaa dddd 0000 mmmm", "SmlawbT1", "smlawb", &Multiply.Smlawy, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0, 0)),
        new Row("1111 1011 0011 nnnn aaaa dddd 0001 mmmm", "SmlawtT1", "smlawt", &Multiply.Smlawy, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0, 16)),
        new Row("1111 1011 0011 nnnn 1111 dddd 0000 mmmm", "SmulwbT1", "smulwb", &Multiply.Smlawy, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0, 0)),
        new Row("1111 1011 0011 nnnn 1111 dddd 0001 mmmm", "SmulwtT1", "smulwt", &Multiply.Smlawy, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0, 16)),

        new Row("1111 1011 0100 nnnn aaaa dddd 0000 mmmm", "SmlsdT1", "smlsd", &Multiply.Smlsd, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0)),
        new Row("1111 1011 0100 nnnn aaaa dddd 0001 mmmm", "SmlsdxT1", "smlsdx", &Multiply.Smlsd, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 16)),
        new Row("1111 1011 0100 nnnn 1111 dddd 0000 mmmm", "SmusdT1", "smusd", &Multiply.Smlsd, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0)),
        new Row("1111 1011 0100 nnnn 1111 dddd 0001 mmmm", "SmusdxT1", "smusdx", &Multiply.Smlsd, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 16)),

        new Row("1111 1011 0101 nnnn aaaa dddd 0000 mmmm", "SmmlaT1", "smmla", &Multiply.Smmla, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0)),
        new Row("1111 1011 0101 nnnn aaaa dddd 0001 mmmm", "SmmlarT1", "smmlar", &Multiply.Smmla, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0x8000_0000)),
        new Row("1111 1011 0101 nnnn 1111 dddd 0000 mmmm", "SmmulT1", "smmul", &Multiply.Smmla, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0)),
        new Row("1111 1011 0101 nnnn 1111 dddd 0001 mmmm", "SmmulrT1", "smmulr", &Multiply.Smmla, TimingClass.Mul, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false, 0x8000_0000)),
        // SMMLS has no Ra = 1111 alias: that encoding is UNPREDICTABLE (a IN {13,15}).
        new Row("1111 1011 0110 nnnn aaaa dddd 0000 mmmm", "SmmlsT1", "smmls", &Multiply.Smmls, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0)),
        new Row("1111 1011 0110 nnnn aaaa dddd 0001 mmmm", "SmmlsrT1", "smmlsr", &Multiply.Smmls, TimingClass.Mac, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true, 0x8000_0000)),

        new Row("1111 1011 0111 nnnn aaaa dddd 0000 mmmm", "Usada8T1", "usada8", &Dsp.Usada8, TimingClass.SimdSat, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, true)),
        new Row("1111 1011 0111 nnnn 1111 dddd 0000 mmmm", "Usad8T1", "usad8", &Dsp.Usada8, TimingClass.SimdSat, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false)),

        // A5.3.17 long multiply, long multiply accumulate and divide: 1111 1011 1 op1 Rn | RdLo RdHi op2 Rm.
        new Row("1111 1011 1000 nnnn llll hhhh 0000 mmmm", "SmullT1", "smull", &Multiply.Smull, TimingClass.MulLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, false)),
        new Row("1111 1011 1001 nnnn 1111 dddd 1111 mmmm", "SdivT1", "sdiv", &Multiply.Sdiv, TimingClass.Div, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false)),
        new Row("1111 1011 1010 nnnn llll hhhh 0000 mmmm", "UmullT1", "umull", &Multiply.Umull, TimingClass.MulLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, false)),
        new Row("1111 1011 1011 nnnn 1111 dddd 1111 mmmm", "UdivT1", "udiv", &Multiply.Udiv, TimingClass.Div, static (in Fields f, ref DecodedInst d) => MulRegs(f, ref d, false)),
        new Row("1111 1011 1100 nnnn llll hhhh 0000 mmmm", "SmlalT1", "smlal", &Multiply.Smlal, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true)),
        new Row("1111 1011 1100 nnnn llll hhhh 1000 mmmm", "SmlalbbT1", "smlalbb", &Multiply.Smlalxy, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 0, 0)),
        new Row("1111 1011 1100 nnnn llll hhhh 1001 mmmm", "SmlalbtT1", "smlalbt", &Multiply.Smlalxy, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 0, 16)),
        new Row("1111 1011 1100 nnnn llll hhhh 1010 mmmm", "SmlaltbT1", "smlaltb", &Multiply.Smlalxy, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 16, 0)),
        new Row("1111 1011 1100 nnnn llll hhhh 1011 mmmm", "SmlalttT1", "smlaltt", &Multiply.Smlalxy, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 16, 16)),
        new Row("1111 1011 1100 nnnn llll hhhh 1100 mmmm", "SmlaldT1", "smlald", &Multiply.Smlald, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 0)),
        new Row("1111 1011 1100 nnnn llll hhhh 1101 mmmm", "SmlaldxT1", "smlaldx", &Multiply.Smlald, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 16)),
        new Row("1111 1011 1101 nnnn llll hhhh 1100 mmmm", "SmlsldT1", "smlsld", &Multiply.Smlsld, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 0)),
        new Row("1111 1011 1101 nnnn llll hhhh 1101 mmmm", "SmlsldxT1", "smlsldx", &Multiply.Smlsld, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true, 16)),
        new Row("1111 1011 1110 nnnn llll hhhh 0000 mmmm", "UmlalT1", "umlal", &Multiply.Umlal, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true)),
        new Row("1111 1011 1110 nnnn llll hhhh 0110 mmmm", "UmaalT1", "umaal", &Multiply.Umaal, TimingClass.MacLong, static (in Fields f, ref DecodedInst d) => MulLongRegs(f, ref d, true)),
    ];

    private static bool MulIsSpOrPc(uint r) => r is 13 or 15;

    /// <summary>MUL T1: Rdm = bits 2:0, Rn = bits 5:3; low registers only, so nothing is UNPREDICTABLE.</summary>
    private static DecodeStatus MulDecodeT1(in Fields f, ref DecodedInst d)
    {
        uint rdm = f['d'], rn = f['n'];
        d.Rd = d.Rm = (byte)rdm;
        d.Rn = (byte)rn;
        d.Ra = 15;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads((int)rn, (int)rdm);
        d.Writes((int)rdm);
        return DecodeStatus.Ok;
    }

    /// <summary>
    /// Rd, Rn, Rm and, when <paramref name="accumulate"/>, Ra (read late by the MAC pipeline: a plain read, the
    /// timing model finds it through Ra). Every register in {13, 15} is UNPREDICTABLE; Ra = 15 only reaches an
    /// accumulating row when it has no alias (MLS, SMMLS), where it is UNPREDICTABLE too. Without an accumulator
    /// Ra is set to 15, which the shared handlers read as "no addend".
    /// </summary>
    private static DecodeStatus MulRegs(in Fields f, ref DecodedInst d, bool accumulate, uint imm = 0, uint imm2 = 0)
    {
        uint rd = f['d'], rn = f['n'], rm = f['m'];
        uint ra = accumulate ? f['a'] : 15;
        if (MulIsSpOrPc(rd) || MulIsSpOrPc(rn) || MulIsSpOrPc(rm) || (accumulate && MulIsSpOrPc(ra))) return DecodeStatus.Unpredictable;
        d.Rd = (byte)rd;
        d.Rn = (byte)rn;
        d.Rm = (byte)rm;
        d.Ra = (byte)ra;
        d.Imm = imm;
        d.Imm2 = imm2;
        d.Reads((int)rn, (int)rm, accumulate ? (int)ra : -1);
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }

    /// <summary>
    /// RdLo (Rd), RdHi (Ra), Rn, Rm of the long multiplies; the accumulating forms also read RdLo and RdHi.
    /// UNPREDICTABLE: any register in {13, 15}, or RdHi == RdLo.
    /// </summary>
    private static DecodeStatus MulLongRegs(in Fields f, ref DecodedInst d, bool accumulate, uint imm = 0, uint imm2 = 0)
    {
        uint lo = f['l'], hi = f['h'], rn = f['n'], rm = f['m'];
        if (MulIsSpOrPc(lo) || MulIsSpOrPc(hi) || MulIsSpOrPc(rn) || MulIsSpOrPc(rm) || lo == hi) return DecodeStatus.Unpredictable;
        d.Rd = (byte)lo;
        d.Ra = (byte)hi;
        d.Rn = (byte)rn;
        d.Rm = (byte)rm;
        d.Imm = imm;
        d.Imm2 = imm2;
        d.Reads((int)rn, (int)rm, accumulate ? (int)lo : -1, accumulate ? (int)hi : -1);
        d.Writes((int)lo, (int)hi);
        return DecodeStatus.Ok;
    }
}
