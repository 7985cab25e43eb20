namespace M7Sim.Debugging;

/// <summary>Which accesses a watchpoint reacts to (Z2 write, Z3 read, Z4 access).</summary>
internal enum WatchKind : byte { Write = 2, Read = 3, Access = 4 }

/// <summary>One watched address range [Address, Address + Length).</summary>
internal readonly record struct Watchpoint(uint Address, uint Length, WatchKind Kind)
{
    public bool Overlaps(uint address, uint size) => address < Address + Length && Address < address + size;
}

/// <summary>
/// Breakpoint and watchpoint sets the debug tracer checks on every instruction. Breakpoints are a
/// small array behind a 64-bit filter on address bits [6:1], so the common miss costs one shift and
/// one test. Software (Z0) and hardware (Z1) breakpoints behave the same here: the simulator
/// never patches the program, so flash and RAM are alike.
/// </summary>
internal sealed class DebugPoints
{
    private uint[] _breakpoints = new uint[8];
    private int _breakpointCount;
    private ulong _filter;
    private readonly List<Watchpoint> _watchpoints = new();
    private Watchpoint[] _watchArray = [];

    public int BreakpointCount => _breakpointCount;
    public ReadOnlySpan<Watchpoint> Watchpoints => _watchArray;

    private static ulong FilterBit(uint address) => 1UL << (int)((address >> 1) & 63);

    public bool HasBreakpointAt(uint address)
    {
        if ((_filter & FilterBit(address)) == 0) return false;
        for (int i = 0; i < _breakpointCount; i++)
            if (_breakpoints[i] == address) return true;
        return false;
    }

    /// <summary>Adds a breakpoint; adding one that exists is a no-op (GDB may re-insert).</summary>
    public void AddBreakpoint(uint address)
    {
        address &= ~1u;
        if (HasBreakpointAt(address)) return;
        if (_breakpointCount == _breakpoints.Length) Array.Resize(ref _breakpoints, _breakpoints.Length * 2);
        _breakpoints[_breakpointCount++] = address;
        _filter |= FilterBit(address);
    }

    public bool RemoveBreakpoint(uint address)
    {
        address &= ~1u;
        for (int i = 0; i < _breakpointCount; i++)
        {
            if (_breakpoints[i] != address) continue;
            _breakpoints[i] = _breakpoints[--_breakpointCount];
            _filter = 0;
            for (int j = 0; j < _breakpointCount; j++) _filter |= FilterBit(_breakpoints[j]);
            return true;
        }
        return false;
    }

    public void AddWatchpoint(Watchpoint w)
    {
        if (_watchpoints.Contains(w)) return;
        _watchpoints.Add(w);
        _watchArray = _watchpoints.ToArray();
    }

    public bool RemoveWatchpoint(Watchpoint w)
    {
        if (!_watchpoints.Remove(w)) return false;
        _watchArray = _watchpoints.ToArray();
        return true;
    }

    public void Clear()
    {
        _breakpointCount = 0;
        _filter = 0;
        _watchpoints.Clear();
        _watchArray = [];
    }
}
