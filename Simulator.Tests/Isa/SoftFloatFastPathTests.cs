using FluentAssertions;
using M7Sim.Isa;
using Xunit;

namespace M7Sim.Tests.Isa;

/// <summary>
/// The hardware fast paths (SoftFloat.Fast.cs) must be invisible: for every input, bits and FPSCR flags equal
/// the integer implementation's (which the oracle tests check against IEEE hardware in all rounding modes).
/// Operands are drawn where the fast paths' range checks are decided: around 1, near the smallest normals,
/// near overflow, close pairs and cancellations. M7SIM_FASTPATH_ITERATIONS raises the count for long runs.
/// </summary>
public class SoftFloatFastPathTests
{
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("M7SIM_FASTPATH_ITERATIONS"), out int n) ? n : 40_000;

    private static uint F32(Random r, uint other) => r.Next(8) switch
    {
        0 => (uint)r.NextInt64(),
        1 => ((uint)r.NextInt64() & 0x807F_FFFF) | (uint)(0x7E + r.Next(3)) << 23,
        2 => (uint)r.NextInt64() & 0x81FF_FFFF,                                    // smallest normals and denormals
        3 => ((uint)r.NextInt64() & 0x807F_FFFF) | (uint)(0xFB + r.Next(4)) << 23,  // near overflow
        4 => other ^ (uint)r.Next(16),
        5 => (other ^ 0x8000_0000) + (uint)r.Next(5) - 2,
        6 => ((uint)r.NextInt64() & 0x807F_FFFF) | (uint)(1 + r.Next(30)) << 23,
        _ => ((uint)r.NextInt64() & 0x807F_FFFF) | (uint)(0x40 + r.Next(0x40)) << 23,
    };

    private static ulong F64(Random r, ulong other) => r.Next(8) switch
    {
        0 => (ulong)r.NextInt64() ^ ((ulong)r.Next(2) << 63),
        1 => ((ulong)r.NextInt64() & 0x800F_FFFF_FFFF_FFFF) | (ulong)(0x3FE + r.Next(3)) << 52,
        2 => ((ulong)r.NextInt64() & 0x800F_FFFF_FFFF_FFFF) | (ulong)r.Next(80) << 52,     // where the range checks bite
        3 => ((ulong)r.NextInt64() & 0x800F_FFFF_FFFF_FFFF) | (ulong)(0x7FA + r.Next(5)) << 52,
        4 => other ^ (ulong)r.Next(64),
        5 => (other ^ 0x8000_0000_0000_0000) + (ulong)r.Next(5) - 2,
        6 => ((ulong)r.NextInt64() & 0x800F_FFFF_FFFF_FFFF) | (ulong)(0x3C0 + r.Next(0x80)) << 52,
        _ => ((ulong)r.NextInt64() & 0x800F_FFFF_FFFF_FFFF) | (ulong)(1 + r.Next(2000)) << 52,
    };

    private delegate ulong Op(ulong a, ulong b, ulong c, int n, ref uint fpscr);

    private static void Agree(string name, int n, Op fast, Op reference, int seed)
    {
        var r = new Random(seed);
        var failures = new List<string>();
        for (int i = 0; i < Iterations && failures.Count < 10; i++)
        {
            ulong a, b, c;
            if (n == 32) { a = F32(r, 0x3F80_0000); b = F32(r, (uint)a); c = F32(r, (uint)b); }
            else { a = F64(r, 0x3FF0_0000_0000_0000); b = F64(r, a); c = F64(r, b); }
            uint mode = r.Next(4) == 0 ? (uint)r.Next(4) << 22 : 0;   // mostly RN, where the fast paths live
            uint f1 = mode, f2 = mode;
            ulong x = fast(a, b, c, n, ref f1), y = reference(a, b, c, n, ref f2);
            if (x != y || f1 != f2) failures.Add($"{name} {a:X} {b:X} {c:X} mode {mode >> 22}: {x:X}/{f1:X} vs {y:X}/{f2:X}");
        }
        failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Fast_paths_match_the_integer_implementation(int n)
    {
        Agree("add", n, (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.Add(a, b, w, ref f),
            (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.AddSubInteger(a, b, w, false, ref f), 1);
        Agree("sub", n, (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.Sub(a, b, w, ref f),
            (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.AddSubInteger(a, b, w, true, ref f), 2);
        Agree("mul", n, (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.Mul(a, b, w, ref f),
            (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.MulInteger(a, b, w, ref f), 3);
        Agree("div", n, (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.Div(a, b, w, ref f),
            (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.DivInteger(a, b, w, ref f), 4);
        Agree("sqrt", n, (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.Sqrt(a, w, ref f),
            (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.SqrtInteger(a, w, ref f), 5);
        Agree("fma", n, (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.MulAdd(c, a, b, w, ref f),
            (ulong a, ulong b, ulong c, int w, ref uint f) => SoftFloat.MulAddInteger(c, a, b, w, ref f), 6);
    }
}
