using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace M7Sim.Loading;

/// <summary>A board description from timing-models/boards/*.json (schema in timing-models/schemas).</summary>
public sealed class Board
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Core { get; init; } = "cortex-m7";
    public uint Cpuid { get; init; } = 0x410FC271;
    public ulong ClockHz { get; init; }
    public uint BootAddress { get; init; }
    public required IReadOnlyList<BoardRegion> Regions { get; init; }
    public IReadOnlyList<BoardPeripheral> Peripherals { get; init; } = [];
    /// <summary>The raw document, for the parts only the timing model reads (flash, caches).</summary>
    public JsonElement Document { get; init; }
    public string SourcePath { get; init; } = "";

    public const string DefaultName = "stm32f746-nucleo";

    /// <summary>Folder holding cores/, boards/, energy/: next to the binaries, or found upwards from the working directory.</summary>
    public static string ModelsDirectory
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "timing-models");
            if (Directory.Exists(beside)) return beside;
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "timing-models");
                if (Directory.Exists(candidate)) return candidate;
            }
            return beside;
        }
    }

    public static IEnumerable<string> AvailableNames =>
        Directory.Exists(Path.Combine(ModelsDirectory, "boards"))
            ? Directory.GetFiles(Path.Combine(ModelsDirectory, "boards"), "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Loads a board by name (timing-models/boards/NAME.json) or by path to a JSON file.</summary>
    public static Board Load(string nameOrPath)
    {
        string path = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/')
            ? nameOrPath
            : Path.Combine(ModelsDirectory, "boards", nameOrPath + ".json");
        if (!File.Exists(path))
            throw new BoardException($"unknown board '{nameOrPath}' (known: {string.Join(", ", AvailableNames)})");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return FromJson(doc.RootElement.Clone(), path);
        }
        catch (JsonException e) { throw new BoardException($"{path}: invalid JSON: {e.Message}"); }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new BoardException($"{path}: {e.Message}");
        }
    }

    private static Board FromJson(JsonElement root, string path)
    {
        var regions = root.GetProperty("regions").EnumerateArray().Select(r => new BoardRegion(
            r.GetProperty("name").GetString()!,
            ParseAddress(r.GetProperty("base").GetString()!),
            ParseSize(r.GetProperty("size").GetString()!),
            r.GetProperty("kind").GetString()!,
            r.GetProperty("interface").GetString()!,
            r.TryGetProperty("aliasOf", out var a) ? a.GetString() : null)).ToList();
        var peripherals = root.TryGetProperty("peripherals", out var ps)
            ? ps.EnumerateArray().Select(p => new BoardPeripheral(
                p.GetProperty("type").GetString()!,
                ParseAddress(p.GetProperty("base").GetString()!),
                p.TryGetProperty("size", out var s) ? ParseSize(s.GetString()!) : 0x400)).ToList()
            : [];
        // Memory regions hold code the decode cache pages by 4 KB of address (DecodeCache.PageShift).
        foreach (var r in regions)
            if ((r.Base & 0xFFF) != 0)
                throw new BoardException($"{path}: region '{r.Name}' base 0x{r.Base:X8} is not on a 4 KB boundary");
        return new Board
        {
            Name = root.GetProperty("name").GetString()!,
            Description = root.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "",
            Core = root.TryGetProperty("core", out var c) ? c.GetString() ?? "cortex-m7" : "cortex-m7",
            Cpuid = root.TryGetProperty("cpuid", out var id) ? ParseAddress(id.GetString()!) : 0x410FC271,
            ClockHz = root.GetProperty("clockHz").GetUInt64(),
            BootAddress = ParseAddress(root.GetProperty("bootAddress").GetString()!),
            Regions = regions,
            Peripherals = peripherals,
            Document = root,
            SourcePath = path,
        };
    }

    public static uint ParseAddress(string s) =>
        s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : uint.Parse(s, CultureInfo.InvariantCulture);

    public static uint ParseSize(string s)
    {
        if (s.EndsWith('K')) return uint.Parse(s[..^1], CultureInfo.InvariantCulture) * 1024;
        if (s.EndsWith('M')) return uint.Parse(s[..^1], CultureInfo.InvariantCulture) * 1024 * 1024;
        return ParseAddress(s);
    }
}

public sealed record BoardRegion(string Name, uint Base, uint Size, string Kind, string Interface, string? AliasOf);

public sealed record BoardPeripheral(string Type, uint Base, uint Size);

/// <summary>A board file is missing or malformed.</summary>
public sealed class BoardException(string message) : Exception(message);
