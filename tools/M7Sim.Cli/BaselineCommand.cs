using System.CommandLine;
using System.Text.Json;
using M7Sim.Baselines;

namespace M7Sim.Cli;

/// <summary>`m7sim baseline create|check|merge`: cycle and memory baselines for CI.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var cmd = new Command("baseline", "Record, check and merge cycle/memory baselines of kernels for CI");
        cmd.Subcommands.Add(CreateCommand());
        cmd.Subcommands.Add(CheckCommand());
        cmd.Subcommands.Add(MergeCommand());
        return cmd;
    }

    private sealed record Inputs(Argument<string?> Elf, Option<string?> Manifest, Option<string> Board, Option<string[]> Operators, Option<int> Jobs, Option<string?> Shard);

    private static Inputs AddInputs(Command c)
    {
        var i = new Inputs(
            new Argument<string?>("FILE.elf") { Description = "one ELF (or use --manifest)", Arity = ArgumentArity.ZeroOrOne },
            new Option<string?>("--manifest", "-m") { Description = "JSON manifest of ELFs with per-ELF board and options" },
            CommonOptions.Board(),
            new Option<string[]>("--operators") { Description = "extra operator catalog JSON for a single ELF" },
            new Option<int>("--jobs", "-j") { Description = "parallel runs (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount },
            new Option<string?>("--shard") { Description = "K/N: measure only shard K of N of the manifest (CI matrix, indexed job, array job)" });
        c.Arguments.Add(i.Elf);
        c.Options.Add(i.Manifest); c.Options.Add(i.Board); c.Options.Add(i.Operators); c.Options.Add(i.Jobs); c.Options.Add(i.Shard);
        return i;
    }

    private static (List<BaselineEntry> Entries, bool Complete) Measure(ParseResult p, Inputs i)
    {
        string? elf = p.GetValue(i.Elf), manifest = p.GetValue(i.Manifest);
        if ((elf is null) == (manifest is null)) throw new UsageException("give either FILE.elf or --manifest FILE.json");
        var m = manifest is not null
            ? BaselineRunner.LoadManifest(manifest)
            : BaselineRunner.Single(elf!, p.GetValue(i.Board)!, p.GetValue(i.Operators) ?? []);
        var entries = m.Entries;
        bool complete = true;
        if (p.GetValue(i.Shard) is { } shard)
        {
            var parts = shard.Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], out int k) || !int.TryParse(parts[1], out int n) || n < 1 || k < 1 || k > n)
                throw new UsageException($"--shard {shard}: expected K/N with 1 <= K <= N");
            entries = BaselineRunner.Shard(m, k, n);
            complete = n == 1;
        }
        string display = manifest is not null ? Path.GetDirectoryName(Path.GetFullPath(manifest))! : Directory.GetCurrentDirectory();
        var measured = BaselineRunner.Measure(entries, p.GetValue(i.Jobs), display);
        return (measured.OrderBy(e => e.Name, StringComparer.Ordinal).ToList(), complete);
    }

    private static void Save(BaselineFile f, string path) => File.WriteAllText(path, JsonSerializer.Serialize(f, BaselineRunner.Json) + "\n");

    private static BaselineFile Read(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: baseline not found");
        try { return JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path), BaselineRunner.Json) ?? throw new UsageException($"{path}: empty baseline"); }
        catch (JsonException e) { throw new UsageException($"{path}: invalid baseline JSON: {e.Message}"); }
    }

    private static int Guarded(Func<int> body) => CliErrors.Guard(null, () =>
    {
        try { return body(); }
        catch (BaselineException e) { throw new UsageException(e.Message); }
    });

    private static Command CreateCommand()
    {
        var c = new Command("create", "Measure ELFs and write a baseline JSON");
        var i = AddInputs(c);
        var output = new Option<string>("--output", "-o") { Description = "baseline file to write", Required = true };
        c.Options.Add(output);
        c.SetAction(p => Guarded(() =>
        {
            var (entries, _) = Measure(p, i);
            Save(new BaselineFile { M7SimVersion = BaselineRunner.Version, Entries = entries }, p.GetValue(output)!);
            Console.Error.WriteLine($"m7sim: recorded {entries.Count} ELF(s) in {p.GetValue(output)}");
            return 0;
        }));
        return c;
    }

    private static Command CheckCommand()
    {
        var c = new Command("check", "Re-measure and compare with a baseline: exit 0 within tolerance, 1 on a regression, 2 on a usage error");
        var i = AddInputs(c);
        var baseline = new Option<string>("--baseline", "-b") { Description = "baseline JSON to compare with", Required = true };
        var tolerance = new Option<string[]>("--tolerance", "-t") { Description = "[SCOPE:]METRIC=VALUE[%] (repeatable; default exact)" };
        var update = new Option<bool>("--update") { Description = "rewrite the baseline with the new figures" };
        var markdown = new Option<string?>("--markdown") { Description = "write a Markdown summary (pull-request comment)" };
        var junit = new Option<string?>("--junit") { Description = "write JUnit XML (one test case per ELF and operator)" };
        var results = new Option<string?>("--results") { Description = "also write the measured figures as a baseline file (for baseline merge)" };
        c.Options.Add(baseline); c.Options.Add(tolerance); c.Options.Add(update); c.Options.Add(markdown); c.Options.Add(junit); c.Options.Add(results);
        c.SetAction(p => Guarded(() =>
        {
            var tolerances = (p.GetValue(tolerance) ?? []).Select(Tolerance.Parse).ToList();
            var old = Read(p.GetValue(baseline)!);
            var (entries, complete) = Measure(p, i);
            var result = BaselineComparer.Compare(old, entries, tolerances, complete);
            string md = CheckReports.Markdown(result);
            Console.Out.Write(md);
            if (p.GetValue(markdown) is { } mdPath) File.WriteAllText(mdPath, md);
            if (p.GetValue(junit) is { } junitPath) File.WriteAllText(junitPath, CheckReports.JUnit(result) + "\n");
            if (Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true")
                foreach (var line in CheckReports.GitHubAnnotations(result)) Console.Out.WriteLine(line);
            var measured = new BaselineFile { M7SimVersion = BaselineRunner.Version, Entries = entries };
            if (p.GetValue(results) is { } resultsPath) Save(measured, resultsPath);
            if (p.GetValue(update))
            {
                var merged = old.Entries.Where(e => entries.All(n => n.Name != e.Name)).Concat(entries).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
                Save(new BaselineFile { M7SimVersion = BaselineRunner.Version, Entries = merged }, p.GetValue(baseline)!);
                Console.Error.WriteLine($"m7sim: updated {p.GetValue(baseline)}");
                return 0;
            }
            return result.HasRegression ? 1 : 0;
        }));
        return c;
    }

    private static Command MergeCommand()
    {
        var c = new Command("merge", "Join shard results (baseline files) into one");
        var inputs = new Argument<string[]>("SHARD.json") { Description = "shard result files", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "merged file to write", Required = true };
        c.Arguments.Add(inputs); c.Options.Add(output);
        c.SetAction(p => Guarded(() =>
        {
            var merged = BaselineComparer.Merge(p.GetValue(inputs)!.Select(Read));
            Save(merged, p.GetValue(output)!);
            Console.Error.WriteLine($"m7sim: merged {merged.Entries.Count} entries into {p.GetValue(output)}");
            return 0;
        }));
        return c;
    }
}
