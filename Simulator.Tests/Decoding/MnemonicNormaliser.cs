namespace M7Sim.Tests.Decoding;

/// <summary>
/// Puts Capstone's printed mnemonic and our row's base mnemonic on the same footing before they are
/// compared: lower case, no width qualifier (.w/.n), no data-type suffix (.f32, .s32.f64, .8, ...),
/// no condition on B&lt;c&gt; and VSEL&lt;c&gt; (the only encodings whose condition is part of the
/// encoding rather than of an IT block; every encoding is disassembled on its own, outside IT), and
/// every IT mask spelling (itte, ...) as "it", and VLDM/VSTM without the IA/DB addressing mode
/// Capstone appends (a field of the one encoding, A7.7.229/A7.7.256), and LDC/STC without the L
/// (long, D bit) qualifier, also a field (A7.7.52/A7.7.158). The flag-setting 's' is compared leniently in
/// <see cref="Same"/>: Capstone prints "adds" for a 16-bit encoding outside IT and our rows name the
/// instruction ("add") when the S bit is a field.
/// </summary>
internal static class MnemonicNormaliser
{
    private static readonly string[] Conditions =
        ["eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al"];

    public static string Normalise(string mnemonic)
    {
        string m = mnemonic.Trim().ToLowerInvariant();
        int dot = m.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0) m = m[..dot];
        if (m.Length is >= 2 and <= 5 && m.StartsWith("it", StringComparison.Ordinal) && m[2..].All(c => c is 't' or 'e'))
            return "it";
        if (m is "vldmia" or "vldmdb" or "vstmia" or "vstmdb") return m[..4];
        if (m is "ldcl" or "stcl" or "ldc2l" or "stc2l") return m[..^1];
        foreach (string c in Conditions)
        {
            if (m == "b" + c) return "b";
            if (m == "vsel" + c) return "vsel";
        }
        return m;
    }

    /// <summary>Equal after normalisation, allowing a flag-setting 's' on either side.</summary>
    public static bool Same(string ours, string capstone)
    {
        string a = Normalise(ours), b = Normalise(capstone);
        return a == b || a + "s" == b || a == b + "s";
    }
}
