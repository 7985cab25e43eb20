namespace M7Sim.Isa;

/// <summary>
/// FPSCR bit layout of the Armv7-M floating-point extension (ARM ARM A2.5.3 / B3.2.x): condition flags,
/// the AHP/DN/FZ/RMode controls and the cumulative exception flags. Armv7-M has no trap enables, no
/// Len/Stride and no QC bit; those bits are reserved (RAZ/WI here).
/// </summary>
internal static class Fpscr
{
    public const uint N = 1u << 31, Z = 1u << 30, C = 1u << 29, V = 1u << 28;
    public const uint Ahp = 1u << 26;  // alternative half-precision format
    public const uint Dn = 1u << 25;   // default NaN mode
    public const uint Fz = 1u << 24;   // flush-to-zero mode
    public const int RModeShift = 22;
    public const uint RModeMask = 3u << RModeShift;
    public const uint Idc = 1u << 7;   // input denormal (flushed)
    public const uint Ixc = 1u << 4;   // inexact
    public const uint Ufc = 1u << 3;   // underflow
    public const uint Ofc = 1u << 2;   // overflow
    public const uint Dzc = 1u << 1;   // division by zero
    public const uint Ioc = 1u << 0;   // invalid operation

    /// <summary>Bits that exist in the Armv7-M FPSCR; VMSR writes only these.</summary>
    public const uint WritableMask = 0xF7C0_009Fu;

    /// <summary>FPSCR.RMode values (A2.5.3).</summary>
    public const uint RoundNearest = 0, RoundPlusInf = 1, RoundMinusInf = 2, RoundZero = 3;

    /// <summary>Rounding selector for the FPv5 directed instructions (VRINTA, VCVTA): ties away from zero, not an FPSCR mode.</summary>
    public const uint RoundTiesAway = 4;

    public static uint RMode(uint fpscr) => (fpscr >> RModeShift) & 3;

    /// <summary>The same FPSCR with the rounding mode replaced (for operations with a fixed rounding, such as VCVT to integer).</summary>
    public static uint WithRMode(uint fpscr, uint mode) => (fpscr & ~RModeMask) | (mode << RModeShift);
}
