using M7Sim.Isa;
using M7Sim.Timing;

namespace M7Sim.Decoding;

/// <summary>Outcome of converting an encoding's fields.</summary>
internal enum DecodeStatus : byte
{
    Ok,
    /// <summary>The row does not apply after all (an "if ... SEE other encoding" line); try the next row.</summary>
    SeeOther,
    /// <summary>UNDEFINED in the Armv7-M ARM: UsageFault UNDEFINSTR.</summary>
    Undefined,
    /// <summary>UNPREDICTABLE in the Armv7-M ARM; M7Sim raises UNDEFINSTR as the chip's most common behaviour.</summary>
    Unpredictable,
}

/// <summary>Field accessor for one encoding matched by a row: <c>f['d']</c> is the value of the d bits.</summary>
internal readonly ref struct Fields
{
    private readonly Pattern _pattern;
    public readonly uint Raw;

    public Fields(Pattern pattern, uint raw) { _pattern = pattern; Raw = raw; }

    public uint this[char letter] => _pattern.Extract(Raw, letter);

    /// <summary>A single named bit as bool.</summary>
    public bool Bit(char letter) => _pattern.Extract(Raw, letter) != 0;
}

internal delegate DecodeStatus DecodeFn(in Fields f, ref DecodedInst d);

/// <summary>
/// One encoding of the Armv7-M ARM: bit pattern (letters name fields), handler, timing class and the
/// decode step that converts fields (the "d = UInt(Rd); if d == 15 then UNPREDICTABLE" lines).
/// </summary>
internal sealed unsafe class Row
{
    public Row(string pattern, string name, string mnemonic, delegate*<Cpu, ref DecodedInst, void> exec, TimingClass timing, DecodeFn decode)
    {
        Pattern = Pattern.Compile(pattern);
        Name = name;
        Mnemonic = mnemonic;
        Exec = exec;
        Timing = timing;
        Decode = decode;
    }

    public Pattern Pattern { get; }
    /// <summary>Encoding name after the ARM ARM, e.g. "AddImmT3", "SmladT1".</summary>
    public string Name { get; }
    /// <summary>Base mnemonic in lower case (as Capstone prints it without condition/width suffixes).</summary>
    public string Mnemonic { get; }
    public delegate*<Cpu, ref DecodedInst, void> Exec { get; }
    public TimingClass Timing { get; }
    public DecodeFn Decode { get; }
    public ushort Id { get; set; }
    public bool Is32 => Pattern.Width == 32;

    public bool Matches(uint raw) => (raw & Pattern.Mask) == Pattern.Value;

    public override string ToString() => $"{Name} {Pattern.Text}";
}
