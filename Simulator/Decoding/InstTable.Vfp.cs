using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Timing;

namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>
    /// FPv5-D16 floating point (A5.3.18, A6, A7.7): data processing, conversions, register transfers,
    /// loads/stores, and the FPv5 additions (VSEL, VMAXNM/VMINNM, VRINT*, VCVTA/N/P/M, half↔double).
    /// Letters: D/N/M are the extra register bits, s = sz (1 = double), d/n/m register fields, t/T core
    /// registers. Field meanings of the decoded instruction are documented on the Vfp* handler classes.
    /// </summary>
    private static unsafe Row[] VfpRows() =>
    [
        // Three-register data processing (A6.4 opc1 = 0x00..1x10).
        new Row("1110 1110 0D00 nnnn dddd 101s N0M0 mmmm", "VmlaT1", "vmla", &VfpArithmetic.Vmla, TimingClass.FpMac, VfpDecode.ThreeRegs),
        new Row("1110 1110 0D00 nnnn dddd 101s N1M0 mmmm", "VmlsT1", "vmls", &VfpArithmetic.Vmls, TimingClass.FpMac, VfpDecode.ThreeRegs),
        new Row("1110 1110 0D01 nnnn dddd 101s N0M0 mmmm", "VnmlsT1", "vnmls", &VfpArithmetic.Vnmls, TimingClass.FpMac, VfpDecode.ThreeRegs),
        new Row("1110 1110 0D01 nnnn dddd 101s N1M0 mmmm", "VnmlaT1", "vnmla", &VfpArithmetic.Vnmla, TimingClass.FpMac, VfpDecode.ThreeRegs),
        new Row("1110 1110 0D10 nnnn dddd 101s N0M0 mmmm", "VmulT1", "vmul", &VfpArithmetic.Vmul, TimingClass.FpMul, VfpDecode.ThreeRegs),
        new Row("1110 1110 0D10 nnnn dddd 101s N1M0 mmmm", "VnmulT1", "vnmul", &VfpArithmetic.Vnmul, TimingClass.FpMul, VfpDecode.ThreeRegs),
        new Row("1110 1110 0D11 nnnn dddd 101s N0M0 mmmm", "VaddT1", "vadd", &VfpArithmetic.Vadd, TimingClass.FpAlu, VfpDecode.ThreeRegs),
        new Row("1110 1110 0D11 nnnn dddd 101s N1M0 mmmm", "VsubT1", "vsub", &VfpArithmetic.Vsub, TimingClass.FpAlu, VfpDecode.ThreeRegs),
        new Row("1110 1110 1D00 nnnn dddd 101s N0M0 mmmm", "VdivT1", "vdiv", &VfpArithmetic.Vdiv, TimingClass.FpDiv, VfpDecode.ThreeRegs),
        new Row("1110 1110 1D01 nnnn dddd 101s N0M0 mmmm", "VfnmsT1", "vfnms", &VfpArithmetic.Vfnms, TimingClass.FpFma, VfpDecode.ThreeRegs),
        new Row("1110 1110 1D01 nnnn dddd 101s N1M0 mmmm", "VfnmaT1", "vfnma", &VfpArithmetic.Vfnma, TimingClass.FpFma, VfpDecode.ThreeRegs),
        new Row("1110 1110 1D10 nnnn dddd 101s N0M0 mmmm", "VfmaT1", "vfma", &VfpArithmetic.Vfma, TimingClass.FpFma, VfpDecode.ThreeRegs),
        new Row("1110 1110 1D10 nnnn dddd 101s N1M0 mmmm", "VfmsT1", "vfms", &VfpArithmetic.Vfms, TimingClass.FpFma, VfpDecode.ThreeRegs),

        // Other data processing (opc1 = 1x11): immediate move, two-register operations, conversions, compares.
        new Row("1110 1110 1D11 iiii dddd 101s 0000 iiii", "VmovImmT1", "vmov", &VfpMove.VmovImm, TimingClass.FpAlu, VfpDecode.MovImm),
        new Row("1110 1110 1D11 0000 dddd 101s 01M0 mmmm", "VmovRegT1", "vmov", &VfpMove.VmovReg, TimingClass.FpAlu, VfpDecode.TwoRegs),
        new Row("1110 1110 1D11 0000 dddd 101s 11M0 mmmm", "VabsT1", "vabs", &VfpArithmetic.Vabs, TimingClass.FpAlu, VfpDecode.TwoRegs),
        new Row("1110 1110 1D11 0001 dddd 101s 01M0 mmmm", "VnegT1", "vneg", &VfpArithmetic.Vneg, TimingClass.FpAlu, VfpDecode.TwoRegs),
        new Row("1110 1110 1D11 0001 dddd 101s 11M0 mmmm", "VsqrtT1", "vsqrt", &VfpArithmetic.Vsqrt, TimingClass.FpDiv, VfpDecode.TwoRegs),
        new Row("1110 1110 1D11 001o dddd 101s 01M0 mmmm", "VcvtbT1", "vcvtb", &VfpConvert.VcvtHalf, TimingClass.FpAlu, VfpDecode.HalfBottom),
        new Row("1110 1110 1D11 001o dddd 101s 11M0 mmmm", "VcvttT1", "vcvtt", &VfpConvert.VcvtHalf, TimingClass.FpAlu, VfpDecode.HalfTop),
        new Row("1110 1110 1D11 0100 dddd 101s 01M0 mmmm", "VcmpT1", "vcmp", &VfpCompare.Vcmp, TimingClass.FpCompare, VfpDecode.Compare),
        new Row("1110 1110 1D11 0100 dddd 101s 11M0 mmmm", "VcmpeT1", "vcmpe", &VfpCompare.Vcmp, TimingClass.FpCompare, VfpDecode.Compare),
        new Row("1110 1110 1D11 0101 dddd 101s 0100 0000", "VcmpT2", "vcmp", &VfpCompare.Vcmp, TimingClass.FpCompare, VfpDecode.CompareZero),
        new Row("1110 1110 1D11 0101 dddd 101s 1100 0000", "VcmpeT2", "vcmpe", &VfpCompare.Vcmp, TimingClass.FpCompare, VfpDecode.CompareZero),
        new Row("1110 1110 1D11 0110 dddd 101s 01M0 mmmm", "VrintrT1", "vrintr", &VfpConvert.Vrint, TimingClass.FpAlu, VfpDecode.Rint(VfpConvert.FromFpscr, false)),
        new Row("1110 1110 1D11 0110 dddd 101s 11M0 mmmm", "VrintzT1", "vrintz", &VfpConvert.Vrint, TimingClass.FpAlu, VfpDecode.Rint(Fpscr.RoundZero, false)),
        new Row("1110 1110 1D11 0111 dddd 101s 01M0 mmmm", "VrintxT1", "vrintx", &VfpConvert.Vrint, TimingClass.FpAlu, VfpDecode.Rint(VfpConvert.FromFpscr, true)),
        new Row("1110 1110 1D11 0111 dddd 101s 11M0 mmmm", "VcvtDsT1", "vcvt", &VfpConvert.VcvtFloat, TimingClass.FpAlu, VfpDecode.CvtFloat),
        new Row("1110 1110 1D11 1000 dddd 101s o1M0 mmmm", "VcvtFromIntT1", "vcvt", &VfpConvert.VcvtFromInt, TimingClass.FpAlu, VfpDecode.CvtFromInt),
        new Row("1110 1110 1D11 110u dddd 101s 11M0 mmmm", "VcvtToIntT1", "vcvt", &VfpConvert.VcvtToInt, TimingClass.FpAlu, VfpDecode.CvtToInt(Fpscr.RoundZero)),
        new Row("1110 1110 1D11 110u dddd 101s 01M0 mmmm", "VcvtrToIntT1", "vcvtr", &VfpConvert.VcvtToInt, TimingClass.FpAlu, VfpDecode.CvtToInt(VfpConvert.FromFpscr)),
        new Row("1110 1110 1D11 1o1u dddd 101s x1i0 jjjj", "VcvtFixedT1", "vcvt", &VfpConvert.VcvtFixed, TimingClass.FpAlu, VfpDecode.CvtFixed),

        // FPv5 unconditional encodings (1111 1110 ...).
        new Row("1111 1110 0D00 nnnn dddd 101s N0M0 mmmm", "VseleqT1", "vseleq", &VfpArithmetic.Vsel, TimingClass.FpAlu, VfpDecode.Sel(0b0000)),
        new Row("1111 1110 0D01 nnnn dddd 101s N0M0 mmmm", "VselvsT1", "vselvs", &VfpArithmetic.Vsel, TimingClass.FpAlu, VfpDecode.Sel(0b0110)),
        new Row("1111 1110 0D10 nnnn dddd 101s N0M0 mmmm", "VselgeT1", "vselge", &VfpArithmetic.Vsel, TimingClass.FpAlu, VfpDecode.Sel(0b1010)),
        new Row("1111 1110 0D11 nnnn dddd 101s N0M0 mmmm", "VselgtT1", "vselgt", &VfpArithmetic.Vsel, TimingClass.FpAlu, VfpDecode.Sel(0b1100)),
        new Row("1111 1110 1D00 nnnn dddd 101s N0M0 mmmm", "VmaxnmT1", "vmaxnm", &VfpArithmetic.Vmaxnm, TimingClass.FpAlu, VfpDecode.ThreeRegs),
        new Row("1111 1110 1D00 nnnn dddd 101s N1M0 mmmm", "VminnmT1", "vminnm", &VfpArithmetic.Vminnm, TimingClass.FpAlu, VfpDecode.ThreeRegs),
        new Row("1111 1110 1D11 1000 dddd 101s 01M0 mmmm", "VrintaT1", "vrinta", &VfpConvert.VrintDirected, TimingClass.FpAlu, VfpDecode.Rint(Fpscr.RoundTiesAway, false)),
        new Row("1111 1110 1D11 1001 dddd 101s 01M0 mmmm", "VrintnT1", "vrintn", &VfpConvert.VrintDirected, TimingClass.FpAlu, VfpDecode.Rint(Fpscr.RoundNearest, false)),
        new Row("1111 1110 1D11 1010 dddd 101s 01M0 mmmm", "VrintpT1", "vrintp", &VfpConvert.VrintDirected, TimingClass.FpAlu, VfpDecode.Rint(Fpscr.RoundPlusInf, false)),
        new Row("1111 1110 1D11 1011 dddd 101s 01M0 mmmm", "VrintmT1", "vrintm", &VfpConvert.VrintDirected, TimingClass.FpAlu, VfpDecode.Rint(Fpscr.RoundMinusInf, false)),
        new Row("1111 1110 1D11 1100 dddd 101s o1M0 mmmm", "VcvtaT1", "vcvta", &VfpConvert.VcvtDirected, TimingClass.FpAlu, VfpDecode.CvtDirected(Fpscr.RoundTiesAway)),
        new Row("1111 1110 1D11 1101 dddd 101s o1M0 mmmm", "VcvtnT1", "vcvtn", &VfpConvert.VcvtDirected, TimingClass.FpAlu, VfpDecode.CvtDirected(Fpscr.RoundNearest)),
        new Row("1111 1110 1D11 1110 dddd 101s o1M0 mmmm", "VcvtpT1", "vcvtp", &VfpConvert.VcvtDirected, TimingClass.FpAlu, VfpDecode.CvtDirected(Fpscr.RoundPlusInf)),
        new Row("1111 1110 1D11 1111 dddd 101s o1M0 mmmm", "VcvtmT1", "vcvtm", &VfpConvert.VcvtDirected, TimingClass.FpAlu, VfpDecode.CvtDirected(Fpscr.RoundMinusInf)),

        // Transfers between core and FP registers (A6.5, A6.7).
        new Row("1110 1110 0000 nnnn tttt 1010 N001 0000", "VmovToSingleT1", "vmov", &VfpMove.VmovSingleFromCore, TimingClass.FpMove, VfpDecode.CoreSingle(false)),
        new Row("1110 1110 0001 nnnn tttt 1010 N001 0000", "VmovFromSingleT1", "vmov", &VfpMove.VmovCoreFromSingle, TimingClass.FpMove, VfpDecode.CoreSingle(true)),
        new Row("1110 1110 00h0 nnnn tttt 1011 N001 0000", "VmovToScalarT1", "vmov", &VfpMove.VmovSingleFromCore, TimingClass.FpMove, VfpDecode.CoreScalar(false)),
        new Row("1110 1110 00h1 nnnn tttt 1011 N001 0000", "VmovFromScalarT1", "vmov", &VfpMove.VmovCoreFromSingle, TimingClass.FpMove, VfpDecode.CoreScalar(true)),
        new Row("1110 1100 0100 TTTT tttt 1010 00M1 mmmm", "VmovToTwoSinglesT1", "vmov", &VfpMove.VmovTwoSinglesFromCore, TimingClass.FpMove, VfpDecode.CoreTwoSingles(false)),
        new Row("1110 1100 0101 TTTT tttt 1010 00M1 mmmm", "VmovFromTwoSinglesT1", "vmov", &VfpMove.VmovCoreFromTwoSingles, TimingClass.FpMove, VfpDecode.CoreTwoSingles(true)),
        new Row("1110 1100 0100 TTTT tttt 1011 00M1 mmmm", "VmovToDoubleT1", "vmov", &VfpMove.VmovDoubleFromCore, TimingClass.FpMove, VfpDecode.CoreDouble(false)),
        new Row("1110 1100 0101 TTTT tttt 1011 00M1 mmmm", "VmovFromDoubleT1", "vmov", &VfpMove.VmovCoreFromDouble, TimingClass.FpMove, VfpDecode.CoreDouble(true)),
        new Row("1110 1110 1111 0001 tttt 1010 0001 0000", "VmrsT1", "vmrs", &VfpMove.Vmrs, TimingClass.FpSystem, VfpDecode.Vmrs),
        new Row("1110 1110 1110 0001 tttt 1010 0001 0000", "VmsrT1", "vmsr", &VfpMove.Vmsr, TimingClass.FpSystem, VfpDecode.Vmsr),

        // Extension register loads and stores (A6.6).
        new Row("1110 1101 uD01 nnnn dddd 101s iiii iiii", "VldrT1", "vldr", &VfpLoadStore.Vldr, TimingClass.FpLoad, VfpDecode.LoadStoreOne(true)),
        new Row("1110 1101 uD00 nnnn dddd 101s iiii iiii", "VstrT1", "vstr", &VfpLoadStore.Vstr, TimingClass.FpStore, VfpDecode.LoadStoreOne(false)),
        new Row("1110 110p uDw1 nnnn dddd 101s iiii iiii", "VldmT1", "vldm", &VfpLoadStore.Vldm, TimingClass.FpLoadMultiple, VfpDecode.LoadStoreMultiple),
        new Row("1110 110p uDw0 nnnn dddd 101s iiii iiii", "VstmT1", "vstm", &VfpLoadStore.Vstm, TimingClass.FpStoreMultiple, VfpDecode.LoadStoreMultiple),
        new Row("1110 1100 1D11 1101 dddd 101s iiii iiii", "VpopT1", "vpop", &VfpLoadStore.Vldm, TimingClass.FpLoadMultiple, VfpDecode.PushPop),
        new Row("1110 1101 0D10 1101 dddd 101s iiii iiii", "VpushT1", "vpush", &VfpLoadStore.Vstm, TimingClass.FpStoreMultiple, VfpDecode.PushPop),
    ];
}
