using System.Text.Json;
using M7Sim.Loading;
using M7Sim.Timing;

namespace M7Sim.Energy;

/// <summary>An energy coefficient file is missing or malformed (a user error).</summary>
public sealed class EnergyModelException(string message) : Exception(message);

/// <summary>
/// Energy coefficients (timing-models/energy/*.json, schema timing-models/schemas/energy.schema.json):
/// static power, energy per cycle, extra energy per instruction class and per data access by memory
/// kind, per flash line read and per cache line fill. Each carries its source and a confidence.
/// </summary>
public sealed class EnergyCoefficients
{
    public string Name { get; private init; } = "";
    public string SourcePath { get; private init; } = "";
    public string WhatDominates { get; private init; } = "";
    public double SupplyVolts { get; private init; }
    public double StaticWatts { get; private init; }
    public double JoulesPerCycle { get; private init; }
    public double FlashLineReadJoules { get; private init; }
    public double CacheLineFillJoules { get; private init; }
    internal double[] ClassJoules { get; } = new double[(int)TimingClass.Nop + 1];
    internal double[] AccessJoules { get; } = new double[(int)MemKind.Ppb + 1];
    /// <summary>Confidence per top-level coefficient ("high", "medium", "low", "estimate").</summary>
    public IReadOnlyDictionary<string, string> Confidence => _confidence;
    private readonly Dictionary<string, string> _confidence = new(StringComparer.Ordinal);

    /// <summary>The default coefficient file for a board: energy/BOARD.json, else energy/CHIP.json (board name up to the first '-'); null when none exists.</summary>
    public static string? DefaultFor(Board board)
    {
        string dir = Path.Combine(Board.ModelsDirectory, "energy");
        foreach (var name in new[] { board.Name, board.Name.Split('-')[0] })
        {
            string path = Path.Combine(dir, name + ".json");
            if (File.Exists(path)) return path;
        }
        return null;
    }

    public static EnergyCoefficients Load(string path)
    {
        if (!File.Exists(path)) throw new EnergyModelException($"energy model '{path}' not found");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return Parse(doc.RootElement, path);
        }
        catch (JsonException e) { throw new EnergyModelException($"{path}: invalid JSON: {e.Message}"); }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new EnergyModelException($"{path}: {e.Message}");
        }
    }

    private static EnergyCoefficients Parse(JsonElement root, string path)
    {
        var c = new EnergyCoefficients
        {
            Name = root.GetProperty("name").GetString() ?? "",
            SourcePath = path,
            WhatDominates = root.TryGetProperty("whatDominates", out var w) ? w.GetString() ?? "" : "",
            SupplyVolts = Scalar(root, "supplyVolts"),
            StaticWatts = Scalar(root, "staticWatts"),
            JoulesPerCycle = Scalar(root, "joulesPerCycle"),
            FlashLineReadJoules = Scalar(root, "flashLineReadJoules", optional: true),
            CacheLineFillJoules = Scalar(root, "cacheLineFillJoules", optional: true),
        };
        foreach (var name in new[] { "supplyVolts", "staticWatts", "joulesPerCycle", "flashLineReadJoules", "cacheLineFillJoules", "classJoules", "accessJoules" })
            if (root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("confidence", out var conf))
                c._confidence[name] = conf.GetString() ?? "";
        if (root.TryGetProperty("classJoules", out var cj))
        {
            foreach (var p in cj.GetProperty("values").EnumerateObject())
            {
                if (!Enum.TryParse<TimingClass>(p.Name, out var cls)) throw new FormatException($"classJoules: unknown instruction class '{p.Name}' (known: {string.Join(", ", Enum.GetNames<TimingClass>())})");
                c.ClassJoules[(int)cls] = p.Value.GetDouble();
            }
        }
        if (root.TryGetProperty("accessJoules", out var aj))
        {
            foreach (var p in aj.GetProperty("values").EnumerateObject())
            {
                if (!Enum.TryParse<MemKind>(p.Name, out var kind)) throw new FormatException($"accessJoules: unknown memory kind '{p.Name}' (known: {string.Join(", ", Enum.GetNames<MemKind>())})");
                c.AccessJoules[(int)kind] = p.Value.GetDouble();
            }
        }
        return c;
    }

    private static double Scalar(JsonElement root, string name, bool optional = false)
    {
        if (!root.TryGetProperty(name, out var e))
            return optional ? 0 : throw new FormatException($"'{name}' is missing");
        return e.ValueKind == JsonValueKind.Object ? e.GetProperty("value").GetDouble() : e.GetDouble();
    }
}
