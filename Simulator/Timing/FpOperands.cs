using System.Runtime.CompilerServices;

namespace M7Sim.Timing;

/// <summary>
/// FP register operands of a VFP instruction, read from the encoding (DecodedInst masks cover core
/// registers only). Field positions are those of the Armv7-M ARM A6 VFP encodings, the 32-bit raw
/// value holding hw1 in bits 31..16: Vd = raw[15:12] with D = raw[22], Vn = raw[19:16] with N = raw[7],
/// Vm = raw[3:0] with M = raw[5], sz = raw[8]. Indices are in single-precision units (0-63): Sn = n,
/// Dn = 2n and 2n+1; <see cref="Count"/> gives how many consecutive units an operand covers.
/// </summary>
internal static class FpOperands
{
    public const int None = -1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDouble(uint raw) => (raw & (1u << 8)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Vd(uint raw) => IsDouble(raw)
        ? 2 * (int)((((raw >> 22) & 1) << 4) | ((raw >> 12) & 0xF))
        : (int)((((raw >> 12) & 0xF) << 1) | ((raw >> 22) & 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Vn(uint raw) => IsDouble(raw)
        ? 2 * (int)((((raw >> 7) & 1) << 4) | ((raw >> 16) & 0xF))
        : (int)((((raw >> 16) & 0xF) << 1) | ((raw >> 7) & 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Vm(uint raw) => IsDouble(raw)
        ? 2 * (int)((((raw >> 5) & 1) << 4) | (raw & 0xF))
        : (int)(((raw & 0xF) << 1) | ((raw >> 5) & 1));

    /// <summary>Single-precision units per operand (1 for S, 2 for D).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(uint raw) => IsDouble(raw) ? 2 : 1;

    /// <summary>
    /// VFP data-processing with one source (opc1 = 1x11: VMOV/VABS/VNEG/VSQRT/VCVT/VCMP...) rather than
    /// two (VADD/VSUB/VMUL/VMLA/VFMA/VDIV): Vn is then not an operand.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsUnary(uint raw) => ((raw >> 20) & 0xB) == 0xB;

    /// <summary>VMOV between one core register and Sn (A7.7.243): Sn = Vn:N. Bit 20 set moves to the core register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SingleMoveReg(uint raw) => (int)((((raw >> 16) & 0xF) << 1) | ((raw >> 7) & 1));

    /// <summary>VMOV between two core registers and two S or one D register (1110 1100 010x ...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPairMove(uint raw) => (raw & 0xFFE0_0000) == 0xEC40_0000;

    /// <summary>Single-precision units a VLDM/VSTM/VPUSH/VPOP transfers (imm8 words).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MultipleWords(uint raw) => (int)(raw & 0xFF);
}
