using System.Text;

namespace M7Sim.Tests.Differential;

/// <summary>Readable description of where two console outputs first differ.</summary>
internal static class OutputDiff
{
    public static string Describe(byte[] expected, byte[] actual)
    {
        string[] e = Split(expected), a = Split(actual);
        int n = Math.Min(e.Length, a.Length);
        for (int i = 0; i < n; i++)
        {
            if (e[i] != a[i])
                return $"first difference at line {i + 1}:\n  expected: {Show(e[i])}\n  actual:   {Show(a[i])}";
        }
        if (e.Length != a.Length)
        {
            return a.Length < e.Length
                ? $"output ends after line {a.Length}; expected next: {Show(e[a.Length])} ({e.Length - a.Length} line(s) missing)"
                : $"output has {a.Length - e.Length} extra line(s), first: {Show(a[e.Length])}";
        }
        return "outputs are identical";
    }

    private static string[] Split(byte[] b) => Encoding.Latin1.GetString(b).Split('\n');

    private static string Show(string s) => s.Length > 200 ? $"\"{s[..200]}\"…" : $"\"{s}\"";
}
