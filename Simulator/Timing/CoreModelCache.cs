using System.Collections.Concurrent;

namespace M7Sim.Timing;

/// <summary>Parsed core models by file, so creating many machines (tests, sweeps) parses each file once.</summary>
internal static class CoreModelCache
{
    private static readonly ConcurrentDictionary<(string Path, DateTime Written), CoreModel> Models = new();

    public static CoreModel Get(string nameOrPath)
    {
        string path = CoreModel.ResolvePath(nameOrPath);
        return Models.GetOrAdd((path, File.GetLastWriteTimeUtc(path)), static key => CoreModel.Load(key.Path));
    }
}
