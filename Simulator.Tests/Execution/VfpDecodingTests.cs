using FluentAssertions;
using Gee.External.Capstone;
using Gee.External.Capstone.Arm;
using M7Sim.Decoding;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Floating-point table rows: assembler encodings (arm-none-eabi-as -mcpu=cortex-m7 -mfpu=fpv5-d16) reach
/// the intended row, UNPREDICTABLE/UNDEFINED forms are rejected, the timing facts are filled, and every
/// encoding of the coprocessor 10/11 space that M7Sim accepts is one Capstone also decodes the same way.
/// </summary>
public class VfpDecodingTests
{
    private static DecodeStatus Decode(uint raw, out DecodedInst d, out Row? row) =>
        Decoder.Instance.Decode(raw, raw > 0xFFFF, out d, out row);

    [Theory]
    [InlineData(0xEE00_0A81u, "VmlaT1", "vmla")]          // vmla.f32 s0, s1, s2
    [InlineData(0xEE00_0AC1u, "VmlsT1", "vmls")]          // vmls.f32 s0, s1, s2
    [InlineData(0xEE10_0A81u, "VnmlsT1", "vnmls")]        // vnmls.f32 s0, s1, s2
    [InlineData(0xEE10_0AC1u, "VnmlaT1", "vnmla")]        // vnmla.f32 s0, s1, s2
    [InlineData(0xEE20_0A81u, "VmulT1", "vmul")]          // vmul.f32 s0, s1, s2
    [InlineData(0xEE20_0AC1u, "VnmulT1", "vnmul")]        // vnmul.f32 s0, s1, s2
    [InlineData(0xEE30_0A81u, "VaddT1", "vadd")]          // vadd.f32 s0, s1, s2
    [InlineData(0xEE30_0AC1u, "VsubT1", "vsub")]          // vsub.f32 s0, s1, s2
    [InlineData(0xEE80_0A81u, "VdivT1", "vdiv")]          // vdiv.f32 s0, s1, s2
    [InlineData(0xEE90_0A81u, "VfnmsT1", "vfnms")]        // vfnms.f32 s0, s1, s2
    [InlineData(0xEE90_0AC1u, "VfnmaT1", "vfnma")]        // vfnma.f32 s0, s1, s2
    [InlineData(0xEEA0_0A81u, "VfmaT1", "vfma")]          // vfma.f32 s0, s1, s2
    [InlineData(0xEEA0_0AC1u, "VfmsT1", "vfms")]          // vfms.f32 s0, s1, s2
    [InlineData(0xEEB7_0A00u, "VmovImmT1", "vmov")]       // vmov.f32 s0, #1.0
    [InlineData(0xEEB7_0B00u, "VmovImmT1", "vmov")]       // vmov.f64 d0, #1.0
    [InlineData(0xEEB0_0A60u, "VmovRegT1", "vmov")]       // vmov.f32 s0, s1
    [InlineData(0xEEB0_0AE0u, "VabsT1", "vabs")]          // vabs.f32 s0, s1
    [InlineData(0xEEB1_0A60u, "VnegT1", "vneg")]          // vneg.f32 s0, s1
    [InlineData(0xEEB1_0AE0u, "VsqrtT1", "vsqrt")]        // vsqrt.f32 s0, s1
    [InlineData(0xEEB2_0A60u, "VcvtbT1", "vcvtb")]        // vcvtb.f32.f16 s0, s1
    [InlineData(0xEEB3_0AE0u, "VcvttT1", "vcvtt")]        // vcvtt.f16.f32 s0, s1
    [InlineData(0xEEB3_0B41u, "VcvtbT1", "vcvtb")]        // vcvtb.f16.f64 s0, d1
    [InlineData(0xEEB4_0A60u, "VcmpT1", "vcmp")]          // vcmp.f32 s0, s1
    [InlineData(0xEEB4_0AE0u, "VcmpeT1", "vcmpe")]        // vcmpe.f32 s0, s1
    [InlineData(0xEEB5_0A40u, "VcmpT2", "vcmp")]          // vcmp.f32 s0, #0.0
    [InlineData(0xEEB5_0BC0u, "VcmpeT2", "vcmpe")]        // vcmpe.f64 d0, #0.0
    [InlineData(0xEEB6_0A60u, "VrintrT1", "vrintr")]      // vrintr.f32 s0, s1
    [InlineData(0xEEB6_0AE0u, "VrintzT1", "vrintz")]      // vrintz.f32 s0, s1
    [InlineData(0xEEB7_0A60u, "VrintxT1", "vrintx")]      // vrintx.f32 s0, s1
    [InlineData(0xEEB7_0AE0u, "VcvtDsT1", "vcvt")]        // vcvt.f64.f32 d0, s1
    [InlineData(0xEEB7_0BC1u, "VcvtDsT1", "vcvt")]        // vcvt.f32.f64 s0, d1
    [InlineData(0xEEB8_0AE0u, "VcvtFromIntT1", "vcvt")]   // vcvt.f32.s32 s0, s1
    [InlineData(0xEEBD_0AE0u, "VcvtToIntT1", "vcvt")]     // vcvt.s32.f32 s0, s1
    [InlineData(0xEEBD_0A60u, "VcvtrToIntT1", "vcvtr")]   // vcvtr.s32.f32 s0, s1
    [InlineData(0xEEBE_0A67u, "VcvtFixedT1", "vcvt")]     // vcvt.s16.f32 s0, s0, #1
    [InlineData(0xFE00_0A81u, "VseleqT1", "vseleq")]      // vseleq.f32 s0, s1, s2
    [InlineData(0xFE10_0A81u, "VselvsT1", "vselvs")]      // vselvs.f32 s0, s1, s2
    [InlineData(0xFE21_0B02u, "VselgeT1", "vselge")]      // vselge.f64 d0, d1, d2
    [InlineData(0xFE30_0A81u, "VselgtT1", "vselgt")]      // vselgt.f32 s0, s1, s2
    [InlineData(0xFE80_0A81u, "VmaxnmT1", "vmaxnm")]      // vmaxnm.f32 s0, s1, s2
    [InlineData(0xFE81_0B42u, "VminnmT1", "vminnm")]      // vminnm.f64 d0, d1, d2
    [InlineData(0xFEB8_0A60u, "VrintaT1", "vrinta")]      // vrinta.f32 s0, s1
    [InlineData(0xFEB9_0A60u, "VrintnT1", "vrintn")]      // vrintn.f32 s0, s1
    [InlineData(0xFEBA_0A60u, "VrintpT1", "vrintp")]      // vrintp.f32 s0, s1
    [InlineData(0xFEBB_0B41u, "VrintmT1", "vrintm")]      // vrintm.f64 d0, d1
    [InlineData(0xFEBC_0AE0u, "VcvtaT1", "vcvta")]        // vcvta.s32.f32 s0, s1
    [InlineData(0xFEBD_0A60u, "VcvtnT1", "vcvtn")]        // vcvtn.u32.f32 s0, s1
    [InlineData(0xFEBE_0BC1u, "VcvtpT1", "vcvtp")]        // vcvtp.s32.f64 s0, d1
    [InlineData(0xFEBF_0AE0u, "VcvtmT1", "vcvtm")]        // vcvtm.s32.f32 s0, s1
    [InlineData(0xEE00_2A90u, "VmovToSingleT1", "vmov")]  // vmov s1, r2
    [InlineData(0xEE10_2A90u, "VmovFromSingleT1", "vmov")] // vmov r2, s1
    [InlineData(0xEC44_3A30u, "VmovToTwoSinglesT1", "vmov")]   // vmov s1, s2, r3, r4
    [InlineData(0xEC54_3A30u, "VmovFromTwoSinglesT1", "vmov")] // vmov r3, r4, s1, s2
    [InlineData(0xEC44_3B11u, "VmovToDoubleT1", "vmov")]       // vmov d1, r3, r4
    [InlineData(0xEC54_3B11u, "VmovFromDoubleT1", "vmov")]     // vmov r3, r4, d1
    [InlineData(0xEE21_3B10u, "VmovToScalarT1", "vmov")]       // vmov.32 d1[1], r3
    [InlineData(0xEE31_3B10u, "VmovFromScalarT1", "vmov")]     // vmov.32 r3, d1[1]
    [InlineData(0xEEF1_3A10u, "VmrsT1", "vmrs")]          // vmrs r3, fpscr
    [InlineData(0xEEF1_FA10u, "VmrsT1", "vmrs")]          // vmrs APSR_nzcv, fpscr
    [InlineData(0xEEE1_3A10u, "VmsrT1", "vmsr")]          // vmsr fpscr, r3
    [InlineData(0xEDD2_0A02u, "VldrT1", "vldr")]          // vldr s1, [r2, #8]
    [InlineData(0xED12_1B02u, "VldrT1", "vldr")]          // vldr d1, [r2, #-8]
    [InlineData(0xEDDF_0A02u, "VldrT1", "vldr")]          // vldr s1, [pc, #8]
    [InlineData(0xEDC2_0A02u, "VstrT1", "vstr")]          // vstr s1, [r2, #8]
    [InlineData(0xECF2_0A03u, "VldmT1", "vldm")]          // vldmia r2!, {s1-s3}
    [InlineData(0xED72_0A03u, "VldmT1", "vldm")]          // vldmdb r2!, {s1-s3}
    [InlineData(0xECE2_0A03u, "VstmT1", "vstm")]          // vstmia r2!, {s1-s3}
    [InlineData(0xED22_1B06u, "VstmT1", "vstm")]          // vstmdb r2!, {d1-d3}
    [InlineData(0xED6D_0A03u, "VpushT1", "vpush")]        // vpush {s1-s3}
    [InlineData(0xECBD_1B06u, "VpopT1", "vpop")]          // vpop {d1-d3}
    public void Assembler_encoding_decodes_to_its_row(uint raw, string name, string mnemonic)
    {
        Decode(raw, out var d, out var row).Should().Be(DecodeStatus.Ok);
        row!.Name.Should().Be(name);
        row.Mnemonic.Should().Be(mnemonic);
        d.Flags.Should().HaveFlag(InstFlags.Fp);
    }

    [Theory]
    [InlineData(0xEE10_DA10u)] // vmov sp, s0
    [InlineData(0xEE03_FA10u)] // vmov s6, pc
    [InlineData(0xEC52_FA15u)] // vmov pc, r2, s10, s11
    [InlineData(0xEC51_1A15u)] // vmov r1, r1, s10, s11 (same destination twice)
    [InlineData(0xEC51_0A3Fu)] // vmov r0, r1, s31, s32 (m = 31)
    [InlineData(0xEEF1_DA10u)] // vmrs sp, fpscr
    [InlineData(0xEEE1_FA10u)] // vmsr fpscr, pc
    [InlineData(0xED4F_0A02u)] // vstr s1, [pc, #-8]
    [InlineData(0xECBF_0A02u)] // vldmia pc!, {s0-s1}
    [InlineData(0xECB2_0A00u)] // vldmia r2!, {} (no registers)
    [InlineData(0xECF2_FA02u)] // vldmia r2!, {s31, s32}: past s31
    [InlineData(0xECB2_8B12u)] // vldmia r2!, {d8-d16}: past d15
    [InlineData(0xEEFB_0A4Bu)] // vcvt.f32.u16 s1, s1, #-6 (imm4:i > 16)
    public void Unpredictable_fp_encodings_are_rejected(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Unpredictable);
    }

    [Theory]
    [InlineData(0xEE71_0B02u)] // vadd.f64 d16, d1, d2: only D0-D15 on FPv5-D16
    [InlineData(0xEE31_0B22u)] // vadd.f64 d0, d1, d18
    [InlineData(0xEEF7_0B00u)] // vmov.f64 d16, #1.0
    [InlineData(0xEC44_3B31u)] // vmov d17, r3, r4
    [InlineData(0xEDD2_0B02u)] // vldr d16, [r2, #8]
    [InlineData(0xEEF7_DA10u)] // vmrs sp, mvfr0: Armv7-M has only FPSCR
    [InlineData(0xEEE8_8A10u)] // vmsr fpexc, r8
    [InlineData(0xEC32_0A02u)] // P = U = 0 with W = 1
    [InlineData(0xEDB2_0A02u)] // P = U = 1 with W = 1
    [InlineData(0xEE08_5B70u)] // vmov.16 d8[1], r5 (Advanced SIMD only)
    public void Encodings_outside_FPv5_D16_are_undefined(uint raw)
    {
        Decode(raw, out _, out _).Should().Be(DecodeStatus.Undefined);
    }

    [Theory]
    [InlineData(0xEE30_0A81u, TimingClass.FpAlu, false)]        // vadd.f32
    [InlineData(0xEE31_0B02u, TimingClass.FpAluDouble, true)]   // vadd.f64
    [InlineData(0xEE21_0B02u, TimingClass.FpMulDouble, true)]   // vmul.f64
    [InlineData(0xEE00_0A81u, TimingClass.FpMac, false)]        // vmla.f32
    [InlineData(0xEEA0_0A81u, TimingClass.FpFma, false)]        // vfma.f32
    [InlineData(0xEEA1_0B02u, TimingClass.FpMacDouble, true)]   // vfma.f64
    [InlineData(0xEE81_0B02u, TimingClass.FpDivDouble, true)]   // vdiv.f64
    [InlineData(0xEEB1_0AE0u, TimingClass.FpDiv, false)]        // vsqrt.f32
    [InlineData(0xEEB4_0A60u, TimingClass.FpCompare, false)]    // vcmp.f32
    [InlineData(0xEEB7_0AE0u, TimingClass.FpAluDouble, true)]   // vcvt.f64.f32
    [InlineData(0xED12_1B02u, TimingClass.FpLoadDouble, true)]  // vldr d1
    [InlineData(0xEDD2_0A02u, TimingClass.FpLoad, false)]       // vldr s1
    [InlineData(0xED82_1B02u, TimingClass.FpStore, true)]       // vstr d1
    [InlineData(0xECF2_0A03u, TimingClass.FpLoadMultiple, false)]   // vldmia
    [InlineData(0xED2D_8B10u, TimingClass.FpStoreMultiple, true)]   // vpush {d8-d15}
    [InlineData(0xEEF1_3A10u, TimingClass.FpSystem, false)]     // vmrs
    [InlineData(0xEE00_2A90u, TimingClass.FpMove, false)]       // vmov s1, r2
    public void Timing_class_and_double_flag_follow_the_precision(uint raw, TimingClass cls, bool dbl)
    {
        Decode(raw, out var d, out _);
        d.Class.Should().Be(cls);
        ((d.Flags & InstFlags.Double) != 0).Should().Be(dbl);
    }

    [Fact]
    public void Core_register_masks_name_the_transferred_registers()
    {
        Decode(0xEC44_3A30 /* vmov s1, s2, r3, r4 */, out var a, out _);
        a.SrcMask.Should().Be((ushort)(1 << 3 | 1 << 4));
        a.DstMask.Should().Be(0);
        Decode(0xEC54_3B11 /* vmov r3, r4, d1 */, out var b, out _);
        b.DstMask.Should().Be((ushort)(1 << 3 | 1 << 4));
        Decode(0xECF2_0A03 /* vldmia r2!, {s1-s3} */, out var c, out _);
        c.EarlyMask.Should().Be((ushort)(1 << 2));
        c.DstMask.Should().Be((ushort)(1 << 2));
        Decode(0xEEF1_FA10 /* vmrs APSR_nzcv, fpscr */, out var e, out _);
        e.Flags.Should().HaveFlag(InstFlags.WritesFlags);
        e.Flags.Should().NotHaveFlag(InstFlags.WritesPc);
        Decode(0xFE00_0A81 /* vseleq.f32 */, out var f, out _);
        f.Flags.Should().HaveFlag(InstFlags.ReadsFlags);
        Decode(0xEDDF_0A02 /* vldr s1, [pc, #8] */, out var g, out _);
        g.SrcMask.Should().Be(0);
    }

    /// <summary>
    /// A seeded sample of the whole coprocessor 10/11 space (hw1 = 111x 110x xxxx xxxx, hw2 bits 11:9 = 101):
    /// whatever M7Sim decodes, Capstone (Thumb, M-class, v8) decodes to the same mnemonic. The reverse does
    /// not hold and is not checked: Capstone accepts Advanced SIMD, D16-D31, system registers other than
    /// FPSCR and the UNPREDICTABLE SP/PC forms, none of which FPv5-D16 on Armv7-M has. FLDMX/FSTMX (odd imm8
    /// with doubles) keep the VLDM/VSTM/VPUSH/VPOP rows and semantics.
    /// </summary>
    [Fact]
    public void Every_accepted_fp_encoding_matches_Capstone()
    {
        using var cs = CapstoneDisassembler.CreateArmDisassembler(ArmDisassembleMode.Thumb | ArmDisassembleMode.CortexM | ArmDisassembleMode.V8);
        var rng = new Random(20240607);
        var mismatches = new List<string>();
        int accepted = 0;
        for (int i = 0; i < 60_000; i++)
        {
            uint hw1 = (uint)rng.Next(0, 0x400) | (rng.Next(2) == 0 ? 0xEC00u : 0xFC00u);
            uint hw2 = ((uint)rng.Next(0, 0x10000) & ~0x0E00u) | 0x0A00u;
            uint raw = hw1 << 16 | hw2;
            if (Decode(raw, out _, out var row) != DecodeStatus.Ok) continue;
            accepted++;
            byte[] bytes = [(byte)hw1, (byte)(hw1 >> 8), (byte)hw2, (byte)(hw2 >> 8)];
            var insns = cs.Disassemble(bytes, 0x1000);
            string cm = insns.Length > 0 && insns[0].Bytes.Length == 4 ? insns[0].Mnemonic : "(invalid)";
            bool fxmx = (hw2 & 0x0101) == 0x0101 && row!.Mnemonic is "vldm" or "vstm" or "vpop" or "vpush"
                && cm is "fldmiax" or "fldmdbx" or "fstmiax" or "fstmdbx";
            if (!cm.StartsWith(row!.Mnemonic, StringComparison.Ordinal) && !fxmx && mismatches.Count < 20)
                mismatches.Add($"{raw:X8}: {row.Name} ({row.Mnemonic}) vs Capstone {cm}");
        }
        accepted.Should().BeGreaterThan(5_000);
        mismatches.Should().BeEmpty();
    }
}
