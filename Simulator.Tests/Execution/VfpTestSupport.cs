using M7Sim.Tests.TestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>
/// FP register set-up and read-back for the Vfp*Tests: the FPU enabled as if CPACR granted CP10/CP11,
/// and an FP context already active (CONTROL.FPCA = 1), as after the VMSR that firmware uses to set
/// FPSCR; otherwise the first FP instruction would start a new context and load FPSCR from FPDSCR
/// (FPCCR.ASPEN), discarding the mode a test sets directly.
/// </summary>
internal static class VfpTestSupport
{
    public static TestCpu Fp(params uint[] code)
    {
        var t = TestCpu.WithCode(code);
        t.Cpu.FpEnabled = true;
        t.Cpu.Control |= 4;
        return t;
    }

    public static TestCpu S(this TestCpu t, int n, uint value) { t.Cpu.S[n] = value; return t; }

    public static TestCpu D(this TestCpu t, int n, ulong value)
    {
        t.Cpu.S[2 * n] = (uint)value;
        t.Cpu.S[2 * n + 1] = (uint)(value >> 32);
        return t;
    }

    public static TestCpu Fpscr(this TestCpu t, uint value) { t.Cpu.Fpscr = value; return t; }

    public static uint GetS(this TestCpu t, int n) => t.Cpu.S[n];

    public static ulong GetD(this TestCpu t, int n) => ((ulong)t.Cpu.S[2 * n + 1] << 32) | t.Cpu.S[2 * n];

    /// <summary>FPSCR cumulative exception flags (IDC and IXC..IOC).</summary>
    public static uint FpFlags(this TestCpu t) => t.Cpu.Fpscr & 0x9F;

    public static uint Bits(float f) => BitConverter.SingleToUInt32Bits(f);

    public static ulong Bits(double f) => BitConverter.DoubleToUInt64Bits(f);
}
