using System.Text.Json;
using M7Sim.Loading;

namespace M7Sim.Memory;

internal sealed partial class SystemControlSpace
{
    /// <summary>Number of external interrupts the NVIC implements (board "nvic.irqs", default 240, the Armv7-M maximum).</summary>
    public int IrqCount { get; }

    /// <summary>Implemented priority bits (board "nvic.priorityBits": 4 on STM32F7; default 8 as QEMU's NVIC).</summary>
    public int PriorityBits { get; }

    private readonly byte _priorityMask;
    private readonly CacheIds _cacheIds;

    /// <summary>The board's optional "nvic" object: { "irqs": 98, "priorityBits": 4 }.</summary>
    private readonly record struct BoardNvic(int Irqs, int PriorityBits)
    {
        public static BoardNvic From(Board board)
        {
            int irqs = 240, bits = 8;
            if (board.Document.ValueKind == JsonValueKind.Object && board.Document.TryGetProperty("nvic", out var n))
            {
                if (n.TryGetProperty("irqs", out var i)) irqs = Math.Clamp(i.GetInt32(), 1, 240);
                if (n.TryGetProperty("priorityBits", out var b)) bits = Math.Clamp(b.GetInt32(), 3, 8);
            }
            return new BoardNvic(irqs, bits);
        }
    }

    /// <summary>
    /// CLIDR/CTR/CCSIDR values (Cortex-M7 TRM 3.3): computed from the board's "caches" object, or the
    /// STM32F746's 4 KB 2-way I-cache and 4 KB 4-way D-cache with 32-byte lines when it has none.
    /// </summary>
    private readonly record struct CacheIds(uint Clidr, uint Ctr, uint CcsidrData, uint CcsidrInstruction)
    {
        public static CacheIds From(Board board)
        {
            (int size, int ways, int line) i = (4096, 2, 32), d = (4096, 4, 32);
            if (board.Document.ValueKind == JsonValueKind.Object && board.Document.TryGetProperty("caches", out var c))
            {
                if (c.TryGetProperty("icache", out var ic)) i = Read(ic, i);
                if (c.TryGetProperty("dcache", out var dc)) d = Read(dc, d);
            }
            // CLIDR: Ctype1 = 0b011 (separate I and D), LoC = 1, LoUU = 1. CTR: ARMv7 format, CWG = 8 words,
            // ERG = 0, DminLine = IminLine = 8 words (the M7's lines are always 32 bytes).
            return new CacheIds(0x0900_0003, 0x8303_C003, Ccsidr(d), Ccsidr(i));
        }

        private static (int, int, int) Read(JsonElement e, (int size, int ways, int line) dflt) => (
            e.TryGetProperty("sizeBytes", out var s) ? s.GetInt32() : dflt.size,
            e.TryGetProperty("ways", out var w) ? w.GetInt32() : dflt.ways,
            e.TryGetProperty("lineBytes", out var l) ? l.GetInt32() : dflt.line);

        /// <summary>WT|WB|RA|WA support, NumSets-1 in [27:13], ways-1 in [12:3], log2(words)-2 in [2:0].</summary>
        private static uint Ccsidr((int size, int ways, int line) g)
        {
            if (g.size <= 0 || g.ways <= 0 || g.line < 16) return 0;
            uint sets = (uint)(g.size / (g.ways * g.line));
            uint lineField = (uint)(System.Numerics.BitOperations.Log2((uint)g.line / 4) - 2);
            return 0xF000_0000 | ((sets - 1) & 0x7FFF) << 13 | ((uint)(g.ways - 1) & 0x3FF) << 3 | lineField;
        }
    }
}
