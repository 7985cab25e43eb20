using System.Text.Json;
using FluentAssertions;
using M7Sim.Loading;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>The data files: every parameter names its fact (core), source and confidence (energy); the loader rejects bad files with one-line messages.</summary>
public sealed class TimingModelFileTests
{
    private static JsonElement Read(string relative)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Board.ModelsDirectory, relative)));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Every_core_parameter_names_the_fact_it_follows()
    {
        var core = Read("cores/cortex-m7.json");
        var missing = new List<string>();
        foreach (var section in new[] { "pipeline", "storeBuffer", "branch" })
            foreach (var p in core.GetProperty(section).EnumerateObject())
                if (!HasFact(p.Value)) missing.Add($"{section}.{p.Name}");
        foreach (var p in core.GetProperty("units").EnumerateObject())
            if (!HasFact(p.Value)) missing.Add($"units.{p.Name}");
        foreach (var p in core.GetProperty("pairExclusions").EnumerateArray())
            if (!HasFact(p)) missing.Add($"pairExclusions {p}");
        foreach (var p in core.GetProperty("classes").EnumerateObject())
            if (!HasFact(p.Value)) missing.Add($"classes.{p.Name}");
        foreach (var p in core.GetProperty("overrides").EnumerateArray())
            if (!HasFact(p)) missing.Add($"overrides {p}");
        missing.Should().BeEmpty();
    }

    [Fact]
    public void Every_timing_class_has_an_entry()
    {
        var classes = Read("cores/cortex-m7.json").GetProperty("classes");
        foreach (var name in Enum.GetNames<TimingClass>())
            classes.TryGetProperty(name, out _).Should().BeTrue($"class {name} needs timing");
    }

    [Fact]
    public void The_core_file_states_that_measurements_win_conflicts()
    {
        var core = Read("cores/cortex-m7.json");
        core.GetProperty("conflictPolicy").GetString().Should().Contain("jnk0le");
        // The rows where facts 3.5 lists a conflict say which source was followed.
        core.GetProperty("branch").GetProperty("mispredictCycles").GetProperty("fact").GetString().Should().Contain("measured value wins");
        core.GetProperty("classes").GetProperty("Mul").GetProperty("fact").GetString().Should().Contain("measured wins");
    }

    [Fact]
    public void Every_board_memory_timing_value_names_its_fact()
    {
        var bus = Read("boards/stm32f746-nucleo.json").GetProperty("bus");
        foreach (var p in bus.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Object) HasFact(p.Value).Should().BeTrue($"bus.{p.Name}");
    }

    [Fact]
    public void Every_energy_coefficient_has_a_source_and_a_confidence()
    {
        var e = Read("energy/stm32f746.json");
        var allowed = new[] { "high", "medium", "low", "estimate" };
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Object) continue;
            p.Value.TryGetProperty("source", out var s).Should().BeTrue(p.Name);
            s.GetString().Should().NotBeNullOrWhiteSpace(p.Name);
            p.Value.GetProperty("confidence").GetString().Should().BeOneOf(allowed, p.Name);
        }
        // Facts 6.2: no per-class M7 data exists, so class and access coefficients must be marked estimates.
        e.GetProperty("classJoules").GetProperty("confidence").GetString().Should().Be("estimate");
        e.GetProperty("accessJoules").GetProperty("confidence").GetString().Should().Be("estimate");
    }

    [Fact]
    public void Core_model_with_an_unknown_unit_is_rejected_with_the_file_and_reason()
    {
        string text = File.ReadAllText(Path.Combine(Board.ModelsDirectory, "cores/cortex-m7.json")).Replace("\"units\": [\"Mac\"]", "\"units\": [\"Mack\"]");
        string path = Path.Combine(Path.GetTempPath(), $"m7sim-bad-core-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        try
        {
            var act = () => CoreModel.Load(path);
            act.Should().Throw<TimingModelException>().WithMessage($"{path}: unknown unit 'Mack'*");
        }
        finally { File.Delete(path); }
    }

    private static bool HasFact(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("fact", out var f) && !string.IsNullOrWhiteSpace(f.GetString());
}
