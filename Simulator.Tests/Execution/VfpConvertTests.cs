using FluentAssertions;
using Xunit;
using static M7Sim.Tests.Execution.VfpTestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>
/// VCVT in its forms, VCVTR, VCVTB/VCVTT, VCVTA/N/P/M and VRINT*. Expected values by hand from the ARM ARM
/// pseudocode (FPToFixed saturates and signals IOC; FixedToFP rounds per FPSCR, or to nearest for fixed point).
/// </summary>
public class VfpConvertTests
{
    private const uint VcvtS32F32 = 0xEEBD_0AE0;   // vcvt.s32.f32 s0, s1
    private const uint VcvtrS32F32 = 0xEEBD_0A60;  // vcvtr.s32.f32 s0, s1
    private const uint VcvtU32F32 = 0xEEBC_0AE0;   // vcvt.u32.f32 s0, s1
    private const uint VcvtrU32F32 = 0xEEBC_0A60;  // vcvtr.u32.f32 s0, s1
    private const uint VcvtF32S32 = 0xEEB8_0AE0;   // vcvt.f32.s32 s0, s1
    private const uint VcvtF32U32 = 0xEEB8_0A60;   // vcvt.f32.u32 s0, s1
    private const uint VcvtF64S32 = 0xEEB8_0BE0;   // vcvt.f64.s32 d0, s1
    private const uint VcvtF64U32 = 0xEEB8_0B60;   // vcvt.f64.u32 d0, s1
    private const uint VcvtS32F64 = 0xEEBD_0BC1;   // vcvt.s32.f64 s0, d1
    private const uint VcvtU32F64 = 0xEEBC_0BC1;   // vcvt.u32.f64 s0, d1
    private const uint VcvtrS32F64 = 0xEEBD_0B41;  // vcvtr.s32.f64 s0, d1
    private const uint VcvtF64F32 = 0xEEB7_0AE0;   // vcvt.f64.f32 d0, s1
    private const uint VcvtF32F64 = 0xEEB7_0BC1;   // vcvt.f32.f64 s0, d1

    [Theory]
    [InlineData(VcvtS32F32, 0x4020_0000u, 0x0000_0000u, 0x0000_0002u, 0x10u)]  // 2.5 → 2 (towards zero), inexact
    [InlineData(VcvtS32F32, 0xC020_0000u, 0x0000_0000u, 0xFFFF_FFFEu, 0x10u)]  // −2.5 → −2
    [InlineData(VcvtS32F32, 0x4040_0000u, 0x0000_0000u, 0x0000_0003u, 0x00u)]  // 3.0 → 3 exactly
    [InlineData(VcvtS32F32, 0x4F00_0000u, 0x0000_0000u, 0x7FFF_FFFFu, 0x01u)]  // 2^31 saturates, IOC
    [InlineData(VcvtS32F32, 0xCF00_0000u, 0x0000_0000u, 0x8000_0000u, 0x00u)]  // −2^31 fits exactly
    [InlineData(VcvtS32F32, 0xCF00_0001u, 0x0000_0000u, 0x8000_0000u, 0x01u)]  // below −2^31 saturates
    [InlineData(VcvtS32F32, 0x7F80_0000u, 0x0000_0000u, 0x7FFF_FFFFu, 0x01u)]  // +∞ saturates
    [InlineData(VcvtS32F32, 0xFF80_0000u, 0x0000_0000u, 0x8000_0000u, 0x01u)]  // −∞ saturates
    [InlineData(VcvtS32F32, 0x7FC0_0000u, 0x0000_0000u, 0x0000_0000u, 0x01u)]  // NaN → 0, IOC
    [InlineData(VcvtS32F32, 0x3F00_0000u, 0x0000_0000u, 0x0000_0000u, 0x10u)]  // 0.5 → 0
    [InlineData(VcvtS32F32, 0x0000_0001u, 0x0100_0000u, 0x0000_0000u, 0x80u)]  // FZ: denormal is 0, IDC only
    [InlineData(VcvtS32F32, 0x4020_0000u, 0x0040_0000u, 0x0000_0002u, 0x10u)]  // VCVT ignores FPSCR rounding
    [InlineData(VcvtrS32F32, 0x4020_0000u, 0x0000_0000u, 0x0000_0002u, 0x10u)] // VCVTR RN: 2.5 → 2 (even)
    [InlineData(VcvtrS32F32, 0x4060_0000u, 0x0000_0000u, 0x0000_0004u, 0x10u)] // 3.5 → 4 (even)
    [InlineData(VcvtrS32F32, 0x4020_0000u, 0x0040_0000u, 0x0000_0003u, 0x10u)] // RP: 2.5 → 3
    [InlineData(VcvtrS32F32, 0xC020_0000u, 0x0040_0000u, 0xFFFF_FFFEu, 0x10u)] // RP: −2.5 → −2
    [InlineData(VcvtrS32F32, 0xC020_0000u, 0x0080_0000u, 0xFFFF_FFFDu, 0x10u)] // RM: −2.5 → −3
    [InlineData(VcvtrS32F32, 0xC020_0000u, 0x0000_0000u, 0xFFFF_FFFEu, 0x10u)] // RN: −2.5 → −2
    [InlineData(VcvtU32F32, 0x4F80_0000u, 0x0000_0000u, 0xFFFF_FFFFu, 0x01u)]  // 2^32 saturates
    [InlineData(VcvtU32F32, 0x4F7F_FFFFu, 0x0000_0000u, 0xFFFF_FF00u, 0x00u)]  // largest float below 2^32
    [InlineData(VcvtU32F32, 0xBF00_0000u, 0x0000_0000u, 0x0000_0000u, 0x10u)]  // −0.5 → 0 (truncation, inexact only)
    [InlineData(VcvtU32F32, 0xBF80_0000u, 0x0000_0000u, 0x0000_0000u, 0x01u)]  // −1 saturates to 0, IOC
    [InlineData(VcvtrU32F32, 0xBF40_0000u, 0x0000_0000u, 0x0000_0000u, 0x01u)] // RN: −0.75 → −1 → saturates
    [InlineData(VcvtrU32F32, 0xBF00_0000u, 0x0000_0000u, 0x0000_0000u, 0x10u)] // RN: −0.5 → −0 (tie to even 0)
    public void Vcvt_f32_to_integer_rounds_and_saturates(uint code, uint input, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(code).S(1, input).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(VcvtS32F64, 0x41DF_FFFF_FFC0_0000ul, 0x0000_0000u, 0x7FFF_FFFFu, 0x00u)]  // 2^31 − 1 exactly
    [InlineData(VcvtS32F64, 0x41E0_0000_0000_0000ul, 0x0000_0000u, 0x7FFF_FFFFu, 0x01u)]  // 2^31 saturates
    [InlineData(VcvtS32F64, 0xC1E0_0000_0010_0000ul, 0x0000_0000u, 0x8000_0000u, 0x10u)]  // −2^31 − 0.5 truncates to −2^31
    [InlineData(VcvtrS32F64, 0xC1E0_0000_0010_0000ul, 0x0000_0000u, 0x8000_0000u, 0x10u)] // RN tie → −2^31 (even)
    [InlineData(VcvtrS32F64, 0xC1E0_0000_0010_0000ul, 0x0080_0000u, 0x8000_0000u, 0x01u)] // RM → −2^31 − 1 saturates
    [InlineData(VcvtU32F64, 0x41EF_FFFF_FFE0_0000ul, 0x0000_0000u, 0xFFFF_FFFFu, 0x00u)]  // 2^32 − 1
    [InlineData(VcvtU32F64, 0x3FEF_FFFF_FFFF_FFFFul, 0x0000_0000u, 0x0000_0000u, 0x10u)]  // just below 1 → 0
    public void Vcvt_f64_to_integer(uint code, ulong input, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(code).D(1, input).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(VcvtF32S32, 0x0000_0007u, 0x0000_0000u, 0x40E0_0000u, 0x00u)]  // 7 → 7.0
    [InlineData(VcvtF32S32, 0xFFFF_FFFFu, 0x0000_0000u, 0xBF80_0000u, 0x00u)]  // −1 → −1.0
    [InlineData(VcvtF32S32, 0x8000_0000u, 0x0000_0000u, 0xCF00_0000u, 0x00u)]  // −2^31 exactly
    [InlineData(VcvtF32S32, 0x0000_0000u, 0x0000_0000u, 0x0000_0000u, 0x00u)]  // 0 → +0
    [InlineData(VcvtF32S32, 0x0100_0001u, 0x0000_0000u, 0x4B80_0000u, 0x10u)]  // 2^24 + 1: tie → even 2^24
    [InlineData(VcvtF32S32, 0x0100_0003u, 0x0000_0000u, 0x4B80_0002u, 0x10u)]  // 2^24 + 3: tie → even 2^24 + 4
    [InlineData(VcvtF32S32, 0x0100_0001u, 0x0040_0000u, 0x4B80_0001u, 0x10u)]  // RP rounds up
    [InlineData(VcvtF32S32, 0xFEFF_FFFFu, 0x0080_0000u, 0xCB80_0001u, 0x10u)]  // −(2^24 + 1) in RM → −(2^24 + 2)
    [InlineData(VcvtF32U32, 0xFFFF_FFFFu, 0x0000_0000u, 0x4F80_0000u, 0x10u)]  // 2^32 − 1 → 2^32 (RN)
    [InlineData(VcvtF32U32, 0xFFFF_FFFFu, 0x00C0_0000u, 0x4F7F_FFFFu, 0x10u)]  // RZ → largest float below 2^32
    [InlineData(VcvtF32U32, 0x8000_0000u, 0x0000_0000u, 0x4F00_0000u, 0x00u)]  // 2^31 unsigned
    public void Vcvt_integer_to_f32_rounds_per_FPSCR(uint code, uint input, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(code).S(1, input).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(VcvtF64S32, 0x8000_0000u, 0xC1E0_0000_0000_0000ul)]
    [InlineData(VcvtF64S32, 0x7FFF_FFFFu, 0x41DF_FFFF_FFC0_0000ul)]
    [InlineData(VcvtF64U32, 0xFFFF_FFFFu, 0x41EF_FFFF_FFE0_0000ul)]
    public void Vcvt_integer_to_f64_is_exact(uint code, uint input, ulong expected)
    {
        var t = Fp(code).S(1, input).Run();
        t.GetD(0).Should().Be(expected);
        t.FpFlags().Should().Be(0);
    }

    [Theory]
    [InlineData(0x3F80_0000u, 0x0000_0000u, 0x3FF0_0000_0000_0000ul, 0x00u)]  // 1.0
    [InlineData(0x0000_0001u, 0x0000_0000u, 0x36A0_0000_0000_0000ul, 0x00u)]  // smallest denormal 2^-149 is a normal double
    [InlineData(0x0000_0001u, 0x0100_0000u, 0x0000_0000_0000_0000ul, 0x80u)]  // …unless FZ flushes the input
    [InlineData(0xFF80_0000u, 0x0000_0000u, 0xFFF0_0000_0000_0000ul, 0x00u)]  // −∞
    [InlineData(0x7F80_0001u, 0x0000_0000u, 0x7FF8_0000_2000_0000ul, 0x01u)]  // sNaN: quietened, payload moved to the top
    [InlineData(0xFFC0_0001u, 0x0000_0000u, 0xFFF8_0000_2000_0000ul, 0x00u)]  // qNaN keeps sign and payload
    [InlineData(0xFFC0_0001u, 0x0200_0000u, 0x7FF8_0000_0000_0000ul, 0x00u)]  // DN: default NaN
    public void Vcvt_f32_to_f64_widens_exactly(uint input, uint fpscr, ulong expected, uint flags)
    {
        var t = Fp(VcvtF64F32).S(1, input).Fpscr(fpscr).Run();
        t.GetD(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }

    [Theory]
    [InlineData(0x3FF0_0000_0000_0000ul, 0x0000_0000u, 0x3F80_0000u, 0x00u)]  // 1.0
    [InlineData(0x3FB9_9999_9999_999Aul, 0x0000_0000u, 0x3DCC_CCCDu, 0x10u)]  // 0.1 → 0x3DCCCCCD (RN up)
    [InlineData(0x3FB9_9999_9999_999Aul, 0x00C0_0000u, 0x3DCC_CCCCu, 0x10u)]  // RZ
    [InlineData(0x47F0_0000_0000_0000ul, 0x0000_0000u, 0x7F80_0000u, 0x14u)]  // 2^128 overflows
    [InlineData(0x3690_0000_0000_0000ul, 0x0000_0000u, 0x0000_0000u, 0x18u)]  // 2^-150: tie → even 0, underflow
    [InlineData(0x3690_0000_0000_0001ul, 0x0000_0000u, 0x0000_0001u, 0x18u)]  // just above 2^-150 → smallest denormal
    [InlineData(0x36A0_0000_0000_0000ul, 0x0000_0000u, 0x0000_0001u, 0x00u)]  // 2^-149 exact denormal
    [InlineData(0x36A0_0000_0000_0000ul, 0x0100_0000u, 0x0000_0000u, 0x08u)]  // FZ flushes the output
    [InlineData(0x7FF0_0000_0000_0001ul, 0x0000_0000u, 0x7FC0_0000u, 0x01u)]  // sNaN whose payload is below bit 29 → default-looking quiet NaN
    [InlineData(0xFFF4_0000_2000_0000ul, 0x0000_0000u, 0xFFE0_0001u, 0x01u)]  // sNaN payload bits 50:29 kept
    public void Vcvt_f64_to_f32_rounds(ulong input, uint fpscr, uint expected, uint flags)
    {
        var t = Fp(VcvtF32F64).D(1, input).Fpscr(fpscr).Run();
        t.GetS(0).Should().Be(expected);
        t.FpFlags().Should().Be(flags);
    }
}
