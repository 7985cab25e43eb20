using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Shared pieces of the floating-point handlers: the ExecuteFPCheck step every FP instruction starts with,
/// and double-register access (D[n] = S[2n+1]:S[2n]).
/// Field convention of all Vfp* handlers: Rd, Rn, Rm hold FP register numbers — an S index (0-31) for a
/// single-precision operand, a D index (0-15) for a double one; <see cref="InstFlags.Double"/> says which
/// (for conversions, each handler documents which side is double). Core registers of moves and the base
/// register of loads and stores are named per handler.
/// </summary>
internal static class Vfp
{
    /// <summary>
    /// ExecuteFPCheck (Armv7-M B1.5.x): NOCP UsageFault when CPACR denies CP10/CP11; then the
    /// exception model's FP-context part: lazy state preservation (FPCCR.LSPACT) and, with
    /// FPCCR.ASPEN, a new FP context (CONTROL.FPCA = 1, FPSCR from FPDSCR). The guard keeps the
    /// common case (context already active, nothing lazily pending) to two compares.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Check(Cpu c)
    {
        if (!c.FpEnabled)
        {
            c.Raise(FaultKind.NoCoprocessor);
            return false;
        }
        if ((c.Control & 4) == 0 || (c.Fpccr & 1) != 0) Exceptions.FpContextCheck(c);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong D(Cpu c, int n) => ((ulong)c.S[2 * n + 1] << 32) | c.S[2 * n];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetD(Cpu c, int n, ulong value)
    {
        c.S[2 * n] = (uint)value;
        c.S[2 * n + 1] = (uint)(value >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDouble(in DecodedInst d) => (d.Flags & InstFlags.Double) != 0;

    /// <summary>Reads an operand register of the instruction's precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(Cpu c, int reg, bool dbl) => dbl ? D(c, reg) : c.S[reg];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Cpu c, int reg, bool dbl, ulong value)
    {
        if (dbl) SetD(c, reg, value); else c.S[reg] = (uint)value;
    }
}
