namespace M7Sim.Loading;

/// <summary>Address-to-symbol lookup over an ELF's functions and objects (sorted, binary search).</summary>
public sealed class SymbolTable
{
    private readonly ElfSymbol[] _functions;
    private readonly Dictionary<string, ElfSymbol> _byName = new(StringComparer.Ordinal);

    public SymbolTable(IEnumerable<ElfSymbol> symbols)
    {
        var list = symbols.Where(s => !string.IsNullOrEmpty(s.Name) && s.Type is ElfSymbolType.Func or ElfSymbolType.Object or ElfSymbolType.NoType).ToList();
        foreach (var s in list)
        {
            // Prefer global definitions and sized symbols when names repeat (static functions in several files).
            if (!_byName.TryGetValue(s.Name, out var old) || (s.IsGlobal && !old.IsGlobal)) _byName[s.Name] = s;
        }
        _functions = list.Where(s => s.Type == ElfSymbolType.Func).OrderBy(s => s.Address).ThenByDescending(s => s.Size).ToArray();
        All = list;
    }

    public IReadOnlyList<ElfSymbol> All { get; }
    public IReadOnlyList<ElfSymbol> Functions => _functions;

    public ElfSymbol? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The function containing the address (within its size; or the nearest preceding one if unsized).</summary>
    public ElfSymbol? FunctionAt(uint address)
    {
        int lo = 0, hi = _functions.Length - 1, best = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (_functions[mid].Address <= address) { best = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (best < 0) return null;
        // Walk back over functions at the same address to find one whose size covers it.
        for (int i = best; i >= 0 && i > best - 4; i--)
        {
            var f = _functions[i];
            if (address - f.Address < Math.Max(f.Size, 1)) return f;
        }
        return null;
    }

    /// <summary>"name+0x12" or the hex address when nothing matches.</summary>
    public string Describe(uint address)
    {
        var f = FunctionAt(address);
        if (f is null) return $"0x{address:X8}";
        uint off = address - f.Address;
        return off == 0 ? f.Name : $"{f.Name}+0x{off:X}";
    }
}
