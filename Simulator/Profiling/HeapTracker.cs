using M7Sim.Loading;

namespace M7Sim.Profiling;

/// <summary>
/// Heap high-water mark: the highest address written between the end of .bss (newlib's `end`
/// symbol, where sbrk starts) and the stack pointer at the time of the write.
/// </summary>
internal sealed class HeapTracker
{
    private readonly uint _start;
    private uint _high;

    public HeapTracker(SymbolTable symbols)
    {
        var end = symbols.Find("end") ?? symbols.Find("__end__") ?? symbols.Find("_end") ?? symbols.Find("__heap_start__");
        _start = end?.Address ?? 0;
        Enabled = end is not null;
    }

    public bool Enabled { get; }

    public long Bytes => _high > _start ? _high - _start : 0;

    public void Write(uint address, int size, uint sp)
    {
        if (address >= _start && address < sp && address + (uint)size > _high) _high = address + (uint)size;
    }
}
