using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Multiplies, multiply-accumulates and divides (Armv7-M ARM A5.3.16, A5.3.17 and MUL T1). Decode
/// rejects 13/15 as operands, so handlers write R[] directly. Forms without an accumulator (MUL,
/// SMUAD, SMULxy, SMMUL ...) share the accumulating handler with Ra = 15 meaning "no addend".
/// </summary>
internal static partial class Multiply
{
    /// <summary>The accumulator operand, or 0 for the non-accumulating alias (Ra = 1111 in the encoding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Accumulator(Cpu c, in DecodedInst d) => Accumulator(c, d.Ra);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Accumulator(Cpu c, int ra) => ra == 15 ? 0u : c.R[ra];

    /// <summary>MUL T1/T2: Rd = (Rn * Rm)&lt;31:0&gt;. T1 outside an IT block sets N and Z; Armv7-M leaves C and V unchanged.</summary>
    public static void Mul(Cpu c, ref DecodedInst d)
    {
        uint result = c.R[d.Rn] * c.R[d.Rm];
        c.R[d.Rd] = result;
        if (d.SetsFlags(c))
        {
            c.N = (int)result < 0;
            c.Z = result == 0;
        }
    }

    /// <summary>MLA T1: Rd = (Rn * Rm + Ra)&lt;31:0&gt; (signedness does not matter for the low word).</summary>
    public static void Mla(Cpu c, ref DecodedInst d) => c.R[d.Rd] = c.R[d.Rn] * c.R[d.Rm] + c.R[d.Ra];

    /// <summary>MLS T1: Rd = (Ra - Rn * Rm)&lt;31:0&gt;.</summary>
    public static void Mls(Cpu c, ref DecodedInst d) => c.R[d.Rd] = c.R[d.Ra] - c.R[d.Rn] * c.R[d.Rm];
}
