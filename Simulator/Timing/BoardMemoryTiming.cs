using System.Text.Json;
using M7Sim.Loading;

namespace M7Sim.Timing;

/// <summary>
/// Memory-system timing of a board, read from the "flash", "caches" and "bus" sections of the board
/// JSON (Board.Document). Absent sections mean "no flash" / "no caches" / zero extra bus latency, so
/// boards without them (mps2-an500) still load.
/// </summary>
internal sealed class BoardMemoryTiming
{
    public ulong ClockHz;
    /// <summary>Upper HCLK bound (MHz) for 0, 1, 2, ... wait states.</summary>
    public int[] MaxMHzPerWaitState = [];
    public int FlashLineBytes = 32;
    /// <summary>Peripheral type whose register at offset 0 is FLASH_ACR (LATENCY[3:0], PRFTEN bit 8, ARTEN bit 9).</summary>
    public string? AcrPeripheral;
    public int ArtLines, ArtLineBytes = 32;
    public bool ArtServesData;

    public int ICacheBytes, ICacheWays = 2, ICacheLine = 32;
    public int DCacheBytes, DCacheWays = 4, DCacheLine = 32;

    public int AxiRequestCycles, SramAccessCycles, AxiWriteCycles, AhbpReadCycles, AhbpWriteCycles, PpbReadCycles, DirtyWritebackCycles;

    /// <summary>Wait states the board clock needs (timing facts 5.2 table), used until the firmware programs FLASH_ACR.</summary>
    public int RequiredWaitStates
    {
        get
        {
            double mhz = ClockHz / 1e6;
            for (int ws = 0; ws < MaxMHzPerWaitState.Length; ws++)
                if (mhz <= MaxMHzPerWaitState[ws]) return ws;
            return Math.Max(0, MaxMHzPerWaitState.Length - 1);
        }
    }

    public static BoardMemoryTiming From(Board board)
    {
        var t = new BoardMemoryTiming { ClockHz = board.ClockHz };
        var root = board.Document;
        if (root.ValueKind != JsonValueKind.Object) return t;
        try
        {
            if (root.TryGetProperty("flash", out var f))
            {
                if (f.TryGetProperty("maxMHzPerWaitState", out var ws)) t.MaxMHzPerWaitState = ws.EnumerateArray().Select(e => e.GetInt32()).ToArray();
                if (f.TryGetProperty("lineBytes", out var lb)) t.FlashLineBytes = Num(lb);
                if (f.TryGetProperty("acrPeripheral", out var acr)) t.AcrPeripheral = Value(acr).GetString();
                if (f.TryGetProperty("art", out var art))
                {
                    t.ArtLines = Num(art.GetProperty("lines"));
                    if (art.TryGetProperty("lineBytes", out var alb)) t.ArtLineBytes = Num(alb);
                    if (art.TryGetProperty("servesData", out var sd)) t.ArtServesData = Value(sd).GetBoolean();
                }
            }
            if (root.TryGetProperty("caches", out var c))
            {
                if (c.TryGetProperty("icache", out var ic)) (t.ICacheBytes, t.ICacheWays, t.ICacheLine) = Geometry(ic);
                if (c.TryGetProperty("dcache", out var dc)) (t.DCacheBytes, t.DCacheWays, t.DCacheLine) = Geometry(dc);
            }
            if (root.TryGetProperty("bus", out var b))
            {
                t.AxiRequestCycles = Opt(b, "axiRequestCycles");
                t.SramAccessCycles = Opt(b, "sramAccessCycles");
                t.AxiWriteCycles = Opt(b, "axiWriteCycles");
                t.AhbpReadCycles = Opt(b, "ahbpReadCycles");
                t.AhbpWriteCycles = Opt(b, "ahbpWriteCycles");
                t.PpbReadCycles = Opt(b, "ppbReadCycles");
                t.DirtyWritebackCycles = Opt(b, "dirtyWritebackCycles");
            }
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new BoardException($"{board.SourcePath}: memory timing: {e.Message}");
        }
        return t;
    }

    private static (int, int, int) Geometry(JsonElement e) =>
        (Num(e.GetProperty("sizeBytes")), Num(e.GetProperty("ways")), Num(e.GetProperty("lineBytes")));

    private static JsonElement Value(JsonElement e) => e.ValueKind == JsonValueKind.Object ? e.GetProperty("value") : e;

    private static int Num(JsonElement e) => Value(e).GetInt32();

    private static int Opt(JsonElement parent, string name) => parent.TryGetProperty(name, out var v) ? Num(v) : 0;
}
