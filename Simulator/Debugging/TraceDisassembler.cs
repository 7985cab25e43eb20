using Gee.External.Capstone;
using Gee.External.Capstone.Arm;

namespace M7Sim.Debugging;

/// <summary>
/// Disassembly text for traces from Capstone (Thumb, M-class, v8 for the FPv5 additions), cached per
/// address: a trace revisits the same loop bodies millions of times. An instruction inside an IT
/// block is disassembled behind a one-instruction IT with its condition so Capstone prints the
/// condition suffix (addlt, not adds).
/// </summary>
internal sealed class TraceDisassembler : IDisposable
{
    private readonly CapstoneArmDisassembler _cs = CapstoneDisassembler.CreateArmDisassembler(ArmDisassembleMode.Thumb | ArmDisassembleMode.CortexM | ArmDisassembleMode.V8);
    private readonly Dictionary<uint, Entry> _cache = new();

    private readonly record struct Entry(uint Raw, int Condition, string Text);

    /// <param name="raw">The encoding (first halfword in the high half for 32-bit).</param>
    /// <param name="condition">IT condition governing the instruction, or -1 outside an IT block.</param>
    public string Disassemble(uint address, uint raw, int size, int condition)
    {
        if (_cache.TryGetValue(address, out var e) && e.Raw == raw && e.Condition == condition) return e.Text;
        string text = Decode(address, raw, size, condition);
        _cache[address] = new Entry(raw, condition, text);
        return text;
    }

    private string Decode(uint address, uint raw, int size, int condition)
    {
        var bytes = new List<byte>(6);
        if (condition >= 0)
        {
            ushort it = (ushort)(0xBF08 | (condition << 4)); // IT<cond> covering one instruction (mask 1000)
            bytes.Add((byte)it); bytes.Add((byte)(it >> 8));
        }
        if (size == 4)
        {
            ushort hw1 = (ushort)(raw >> 16), hw2 = (ushort)raw;
            bytes.Add((byte)hw1); bytes.Add((byte)(hw1 >> 8)); bytes.Add((byte)hw2); bytes.Add((byte)(hw2 >> 8));
        }
        else
        {
            bytes.Add((byte)raw); bytes.Add((byte)(raw >> 8));
        }
        var insns = _cs.Disassemble(bytes.ToArray(), condition >= 0 ? address - 2 : address);
        var insn = condition >= 0 ? (insns.Length > 1 ? insns[1] : null) : (insns.Length > 0 ? insns[0] : null);
        if (insn is null) return "(unknown to capstone)";
        return string.IsNullOrEmpty(insn.Operand) ? insn.Mnemonic : $"{insn.Mnemonic} {insn.Operand}";
    }

    public void Dispose() => _cs.Dispose();
}
