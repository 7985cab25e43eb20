namespace M7Sim.Memory;

/// <summary>The cache maintenance operations of the Armv7-M ARM B2.2.7 (registers 0xE000EF50-0xE000EF78).</summary>
internal enum CacheOp : byte
{
    ICacheInvalidateAll,          // ICIALLU
    ICacheInvalidateByAddress,    // ICIMVAU
    DCacheInvalidateByAddress,    // DCIMVAC
    DCacheInvalidateBySetWay,     // DCISW
    DCacheCleanByAddressToPoU,    // DCCMVAU
    DCacheCleanByAddress,         // DCCMVAC
    DCacheCleanBySetWay,          // DCCSW
    DCacheCleanInvalidateByAddress, // DCCIMVAC
    DCacheCleanInvalidateBySetWay,  // DCCISW
    BranchPredictorInvalidateAll, // BPIALL
}

/// <summary>
/// Cache maintenance: every write is accepted and recorded (counts per operation, and an event with
/// the operand) so the cache model can act on it. With no cache model the memory is always coherent,
/// so the operations have no architectural effect here.
/// </summary>
internal sealed partial class SystemControlSpace
{
    private readonly long[] _cacheOpCounts = new long[10];

    /// <summary>Raised on each maintenance write with its operand (address, or set/way word).</summary>
    public event Action<CacheOp, uint>? CacheMaintenance;

    /// <summary>Number of times each <see cref="CacheOp"/> was requested since reset.</summary>
    public long CacheOpCount(CacheOp op) => _cacheOpCounts[(int)op];

    private void ResetCacheMaintenance() => Array.Clear(_cacheOpCounts);

    private void WriteCacheMaintenance(uint reg, uint value)
    {
        CacheOp? op = reg switch
        {
            0xEF50 => CacheOp.ICacheInvalidateAll,
            0xEF58 => CacheOp.ICacheInvalidateByAddress,
            0xEF5C => CacheOp.DCacheInvalidateByAddress,
            0xEF60 => CacheOp.DCacheInvalidateBySetWay,
            0xEF64 => CacheOp.DCacheCleanByAddressToPoU,
            0xEF68 => CacheOp.DCacheCleanByAddress,
            0xEF6C => CacheOp.DCacheCleanBySetWay,
            0xEF70 => CacheOp.DCacheCleanInvalidateByAddress,
            0xEF74 => CacheOp.DCacheCleanInvalidateBySetWay,
            0xEF78 => CacheOp.BranchPredictorInvalidateAll,
            _ => null, // 0xEF54 is reserved
        };
        if (op is not { } o) return;
        _cacheOpCounts[(int)o]++;
        CacheMaintenance?.Invoke(o, value);
    }
}
