using System.Numerics;

namespace M7Sim.Decoding;

/// <summary>
/// A compiled bit pattern such as "1111 1011 0010 nnnn aaaa dddd 000x mmmm": 0/1 are fixed bits,
/// letters are fields (their bits concatenated MSB first), '-' or 'x' alone are ignored bits.
/// 16 characters for a 16-bit encoding, 32 for a 32-bit one (first halfword in bits 31..16).
/// </summary>
internal sealed class Pattern
{
    private readonly Dictionary<char, int[]> _fields = new();

    private Pattern(string text) { Text = text; }

    public string Text { get; }
    public int Width { get; private set; }
    public uint Mask { get; private set; }
    public uint Value { get; private set; }
    public int FixedBits => BitOperations.PopCount(Mask);
    public IReadOnlyCollection<char> FieldNames => _fields.Keys;

    public static Pattern Compile(string text)
    {
        var bits = text.Replace(" ", "").Replace("_", "");
        if (bits.Length != 16 && bits.Length != 32)
            throw new ArgumentException($"pattern '{text}' has {bits.Length} bits, expected 16 or 32");
        var p = new Pattern(text) { Width = bits.Length };
        var positions = new Dictionary<char, List<int>>();
        for (int i = 0; i < bits.Length; i++)
        {
            int bit = bits.Length - 1 - i;
            char ch = bits[i];
            switch (ch)
            {
                case '0': p.Mask |= 1u << bit; break;
                case '1': p.Mask |= 1u << bit; p.Value |= 1u << bit; break;
                case '-': break;
                default:
                    if (!char.IsLetter(ch)) throw new ArgumentException($"pattern '{text}': bad character '{ch}'");
                    if (!positions.TryGetValue(ch, out var list)) positions[ch] = list = new List<int>();
                    list.Add(bit);
                    break;
            }
        }
        foreach (var (k, v) in positions) p._fields[k] = v.ToArray();
        return p;
    }

    public bool HasField(char letter) => _fields.ContainsKey(letter);

    public uint Extract(uint raw, char letter)
    {
        if (!_fields.TryGetValue(letter, out var positions))
            throw new ArgumentException($"pattern '{Text}' has no field '{letter}'");
        uint v = 0;
        foreach (int bit in positions) v = (v << 1) | ((raw >> bit) & 1);
        return v;
    }

    /// <summary>Canonical encoding: fixed bits set, every field bit zero (used by the table self-test).</summary>
    public uint Canonical => Value;
}
