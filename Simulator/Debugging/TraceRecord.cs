namespace M7Sim.Debugging;

/// <summary>One memory access of a traced instruction.</summary>
internal readonly record struct TraceAccess(uint Address, int Size, bool IsWrite, string Region, uint? Value);

/// <summary>
/// Everything a trace line says about one retired instruction. One instance is reused for every
/// line, so tracing a whole run allocates per distinct address (disassembly), not per instruction.
/// </summary>
internal sealed class TraceRecord
{
    /// <summary>Instruction number since reset (1 = the first).</summary>
    public ulong Index;
    /// <summary>Cycle count after the instruction retired.</summary>
    public ulong Cycle;
    /// <summary>Cycles this instruction added (0 when it issued beside the previous one).</summary>
    public ulong Delta;
    public uint Pc;
    public string Symbol = "";
    public uint Raw;
    public int Size;
    public string Disassembly = "";
    /// <summary>False when an IT condition failed and the instruction did nothing.</summary>
    public bool Executed;
    /// <summary>Where control went when not to the next instruction (branch taken, exception).</summary>
    public uint? Target;
    /// <summary>Registers written, with their new values ("r0", "sp", "s3", "fpscr", "apsr").</summary>
    public readonly List<(string Name, uint Value)> Writes = new();
    public readonly List<TraceAccess> Accesses = new();
    /// <summary>Issue slot from the cycle model: 0 = older (or alone), 1 = dual-issued beside the previous instruction; null without a model.</summary>
    public int? Slot;
    /// <summary>Stall cycles charged to this instruction, by cause.</summary>
    public readonly List<(string Cause, ulong Cycles)> Stalls = new();

    public string Encoding => Size == 4 ? $"{Raw >> 16:x4} {Raw & 0xFFFF:x4}" : $"{Raw:x4}";

    public void Clear()
    {
        Target = null;
        Slot = null;
        Writes.Clear();
        Accesses.Clear();
        Stalls.Clear();
    }
}
