using M7Sim.Reporting;
using M7Sim.Tests.TestSupport;
using Xunit;

namespace M7Sim.Tests.Reporting;

/// <summary>
/// Runs `characterize` once (all 15 bench and DS-CNN programs, Cortex-M7 timing) for every test class in the
/// "characterization" collection, and writes its files to a temporary directory the tests read back.
/// </summary>
public sealed class CharacterizationFixture : IDisposable
{
    public CharacterizationFixture()
    {
        Result = Characterizer.Run(new CharacterizeOptions { BenchDir = ToolchainPaths.KernelsBuild });
        Dir = Path.Combine(Path.GetTempPath(), $"m7sim-characterize-{Guid.NewGuid():N}");
        Files = CharacterizationWriters.WriteAll(Result, Dir);
    }

    public CharacterizationResult Result { get; }
    public string Dir { get; }
    public List<string> Files { get; }

    public string Read(string name) => File.ReadAllText(Path.Combine(Dir, name));

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition("characterization")]
public sealed class CharacterizationCollection : ICollectionFixture<CharacterizationFixture>;
