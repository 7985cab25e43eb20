using M7Sim.Tests.TestSupport;

namespace M7Sim.Tests.Execution;

/// <summary>
/// Runs one multiply/DSP instruction on a fresh core. Register convention of the vectors: Rd = r1, Rn = r2,
/// Rm = r3, Ra = r4 for the three/four-register forms; RdLo = r1, RdHi = r2, Rn = r3, Rm = r4 for the long ones.
/// </summary>
internal static class DspTestCase
{
    public static TestCpu Run(uint encoding, uint r1 = 0, uint r2 = 0, uint r3 = 0, uint r4 = 0, bool q = false, uint ge = 0)
    {
        var t = TestCpu.WithCode(encoding).Reg(1, r1).Reg(2, r2).Reg(3, r3).Reg(4, r4).Flags(q: q).Ge(ge);
        return t.Run();
    }
}
