using System.Numerics;
using System.Runtime.CompilerServices;

namespace M7Sim.Timing;

/// <summary>
/// Tag store of a set-associative cache with LRU replacement (the Cortex-M7 policy is not public,
/// timing facts 4 "Replacement policy: not confirmed" - LRU is the stated assumption). Holds no data:
/// the simulator's memory is always coherent, only hit/miss timing is modelled. Also used fully
/// associative (one set) for the flash ART accelerator.
/// </summary>
internal sealed class SetAssociativeCache
{
    private readonly int _ways, _setMask, _lineShift;
    private readonly uint[] _tags;   // line address + 1 (0 = invalid)
    private readonly ulong[] _stamps; // last use, for LRU (64-bit: never wraps, so only the order of uses matters)
    private readonly bool[] _dirty;
    private readonly int[] _mru; // per set, the way used last: a lookup of it changes no order, so it is not re-stamped
    private ulong _clock;
    private uint _lastLine = uint.MaxValue;
    private int _lastWay;

    /// <summary>Lookups that re-stamped a line so far (a lookup of its set's most recently used line changes nothing and is not counted).</summary>
    public ulong Clock => _clock;

    /// <summary>Lines filled plus invalidations so far: while it stays the same, a line found present is still present.</summary>
    public uint Fills { get; private set; }

    public SetAssociativeCache(int sizeBytes, int ways, int lineBytes)
    {
        if (ways < 1 || lineBytes < 4 || !BitOperations.IsPow2(lineBytes) || sizeBytes < ways * lineBytes)
            throw new ArgumentException($"bad cache geometry: {sizeBytes} bytes, {ways} ways, {lineBytes}-byte lines");
        int sets = sizeBytes / (ways * lineBytes);
        if (!BitOperations.IsPow2(sets)) throw new ArgumentException($"bad cache geometry: {sets} sets is not a power of two");
        _ways = ways;
        _setMask = sets - 1;
        _lineShift = BitOperations.Log2((uint)lineBytes);
        _tags = new uint[sets * ways];
        _stamps = new ulong[sets * ways];
        _dirty = new bool[sets * ways];
        _mru = new int[sets];
        for (int set = 0; set < sets; set++) _mru[set] = set * ways;
    }

    public int LineBytes => 1 << _lineShift;
    public int Sets => _setMask + 1;
    public int Ways => _ways;

    /// <summary>Looks a line up and marks it used. On a miss with <paramref name="allocate"/>, the LRU way is
    /// replaced; <paramref name="evictedDirty"/> says whether the victim held unwritten data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Access(uint address, bool allocate, bool makeDirty, out bool evictedDirty)
    {
        uint line = address >> _lineShift;
        evictedDirty = false;
        if (line == _lastLine)
        {
            // Same line as the previous access: already the most recently used way of its set.
            if (makeDirty) _dirty[_lastWay] = true;
            return true;
        }
        return AccessSlow(line, allocate, makeDirty, out evictedDirty);
    }

    /// <summary>Whether a lookup of <paramref name="address"/> would hit its set's most recently used line (and so change
    /// nothing: Access may skip it). False when it would not, or may not: then Access decides.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HitsMostRecent(uint address)
    {
        uint line = address >> _lineShift;
        return line == _lastLine || _tags[_mru[(int)line & _setMask]] == line + 1;
    }

    private bool AccessSlow(uint line, bool allocate, bool makeDirty, out bool evictedDirty)
    {
        int set = (int)line & _setMask;
        int first = set * _ways;
        uint tag = line + 1;
        evictedDirty = false;
        // Only the order of uses within a set decides a victim: re-stamping the set's most recent line changes nothing.
        int recent = _mru[set];
        if (_tags[recent] == tag)
        {
            if (makeDirty) _dirty[recent] = true;
            _lastLine = line;
            _lastWay = recent;
            return true;
        }
        ulong now = ++_clock;
        int hit = -1;
        if (_ways > 8) hit = _tags.AsSpan(first, _ways).IndexOf(tag); // vectorised for the fully associative ART
        else
        {
            // The L1 caches have 2 or 4 ways: a plain loop beats the vectorised search's set-up.
            for (int w = 0; w < _ways; w++)
                if (_tags[first + w] == tag) { hit = w; break; }
        }
        if (hit >= 0)
        {
            int w = first + hit;
            _stamps[w] = now;
            if (makeDirty) _dirty[w] = true;
            _lastLine = line;
            _lastWay = w;
            _mru[set] = w;
            return true;
        }
        if (!allocate) return false;
        Fills++;
        int victim = first;
        for (int w = first + 1; w < first + _ways; w++)
            if (_stamps[w] < _stamps[victim]) victim = w;
        evictedDirty = _tags[victim] != 0 && _dirty[victim];
        _tags[victim] = tag;
        _stamps[victim] = now;
        _dirty[victim] = makeDirty;
        _lastLine = line;
        _lastWay = victim;
        _mru[set] = victim;
        return false;
    }

    /// <summary>Hit test without changing replacement state.</summary>
    public bool Contains(uint address)
    {
        uint line = address >> _lineShift;
        int first = ((int)line & _setMask) * _ways;
        for (int w = first; w < first + _ways; w++)
            if (_tags[w] == line + 1) return true;
        return false;
    }

    public void InvalidateAll()
    {
        Array.Clear(_tags);
        Array.Clear(_stamps);
        Array.Clear(_dirty);
        _clock = 0;
        _lastLine = uint.MaxValue;
        Fills++;
    }
}
