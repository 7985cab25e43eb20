using System.Security.Cryptography;
using System.Text.Json;
using M7Sim.Loading;
using M7Sim.Profiling;
using M7Sim.Reporting;
using M7Sim.Simulation;

namespace M7Sim.Baselines;

/// <summary>Measures manifest entries (in parallel, results in manifest order) into baseline entries.</summary>
public static class BaselineRunner
{
    public static readonly JsonSerializerOptions Json = JsonReportWriter.Options;

    /// <summary>Loads a manifest; ELF and catalog paths in it are relative to the manifest's folder.</summary>
    public static BaselineManifest LoadManifest(string path)
    {
        BaselineManifest? m;
        try { m = JsonSerializer.Deserialize<BaselineManifest>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new BaselineException($"{path}: invalid manifest: {e.Message}"); }
        if (m?.Entries is null || m.Entries.Count == 0) throw new BaselineException($"{path}: manifest has no entries");
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in m.Entries)
            if (!names.Add(e.Name)) throw new BaselineException($"{path}: entry name '{e.Name}' appears twice");
        return new BaselineManifest
        {
            Entries = m.Entries.Select(e => new ManifestEntry
            {
                Name = e.Name,
                Elf = Path.GetFullPath(Path.Combine(dir, e.Elf)),
                Board = e.Board,
                MaxInstructions = e.MaxInstructions,
                Operators = e.Operators.Select(o => Path.GetFullPath(Path.Combine(dir, o))).ToList(),
                Arguments = e.Arguments,
            }).ToList(),
        };
    }

    /// <summary>A one-entry manifest for a single ELF.</summary>
    public static BaselineManifest Single(string elf, string board, IReadOnlyList<string> operators) => new()
    {
        Entries = [new ManifestEntry { Name = Path.GetFileNameWithoutExtension(elf), Elf = Path.GetFullPath(elf), Board = board, Operators = operators.ToList() }],
    };

    /// <summary>Entries of shard K of N (1-based): every N-th entry starting at K-1, so shards are disjoint and cover all.</summary>
    public static List<ManifestEntry> Shard(BaselineManifest m, int k, int n) =>
        m.Entries.Where((_, i) => i % n == k - 1).ToList();

    /// <summary>Measures every entry; runs in parallel, returns results in input order (deterministic output).</summary>
    public static List<BaselineEntry> Measure(IReadOnlyList<ManifestEntry> entries, int parallelism, string displayBase)
    {
        var results = new BaselineEntry[entries.Count];
        var errors = new string?[entries.Count];
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            try { results[i] = MeasureOne(entries[i], displayBase); }
            catch (Exception e) when (e is ElfFormatException or LoadException or BoardException or IOException or BaselineException)
            {
                errors[i] = $"{entries[i].Elf}: {e.Message}";
            }
        });
        var firstError = errors.FirstOrDefault(e => e is not null);
        if (firstError is not null) throw new BaselineException(firstError);
        return results.ToList();
    }

    public static BaselineEntry MeasureOne(ManifestEntry e, string displayBase)
    {
        if (!File.Exists(e.Elf)) throw new BaselineException($"{e.Elf}: file not found");
        var report = ProfileRunner.Profile(e.Elf, new ProfileOptions
        {
            Machine = new MachineOptions { Board = e.Board, Arguments = e.Arguments },
            MaxInstructions = e.MaxInstructions,
            OperatorFiles = e.Operators,
        });
        if (report.Totals.StopReason != nameof(StopReason.Exited) || report.Totals.ExitCode != 0)
            throw new BaselineException($"{e.Elf}: the firmware did not exit with code 0 ({report.Totals.StopReason}, exit {report.Totals.ExitCode}; {string.Join("; ", report.Notes)})");
        var board = Board.Load(e.Board);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["board"] = HashFile(board.SourcePath),
            ["operators"] = HashFiles([OperatorCatalog.DefaultPath, .. e.Operators]),
        };
        foreach (var (name, path) in ModelFiles.For(board)) hashes[name] = HashFile(path);
        var t = report.Totals;
        var m = report.Memory;
        return new BaselineEntry
        {
            Name = e.Name,
            Elf = Path.GetRelativePath(displayBase, e.Elf).Replace('\\', '/'),
            ElfSha256 = report.ElfSha256,
            Board = report.Board,
            ModelHashes = hashes,
            TimingModel = report.TimingModel,
            Totals = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["cycles"] = t.Cycles,
                ["instructions"] = t.Instructions,
                ["energyJ"] = t.EnergyJoules,
                ["macs"] = t.Macs,
                ["flashBytes"] = m.FlashBytes,
                ["ramBytes"] = m.RamBytes,
                ["peakStackBytes"] = m.PeakStackBytes,
                ["peakActivationBytes"] = m.PeakActivationBytes,
            },
            Operators = report.Operators.Select(o => new BaselineOperator
            {
                Index = o.Index,
                Type = o.Type,
                Function = o.Label ?? o.Function,
                Metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
                {
                    ["cycles"] = o.Cycles,
                    ["instructions"] = o.Instructions,
                    ["energyJ"] = o.EnergyJoules,
                    ["macs"] = o.Macs,
                    ["liveActivationBytes"] = o.LiveActivationBytes,
                },
            }).ToList(),
        };
    }

    private static string HashFile(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string HashFiles(IEnumerable<string> paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in paths) sha.AppendData(File.ReadAllBytes(p));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static string Version => typeof(Machine).Assembly.GetName().Version?.ToString() ?? "0";
}

/// <summary>A baseline input is missing or malformed, or a measured firmware failed.</summary>
public sealed class BaselineException(string message) : Exception(message);
