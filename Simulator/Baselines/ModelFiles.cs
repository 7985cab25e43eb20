using M7Sim.Loading;

namespace M7Sim.Baselines;

/// <summary>The model data files a measurement depends on besides the board (core timing, energy), for hashing.</summary>
internal static class ModelFiles
{
    public static IEnumerable<(string Name, string Path)> For(Board board)
    {
        var core = Path.Combine(Board.ModelsDirectory, "cores", board.Core + ".json");
        if (File.Exists(core)) yield return ("core", core);
        var energyDir = Path.Combine(Board.ModelsDirectory, "energy");
        if (Directory.Exists(energyDir))
            foreach (var f in Directory.GetFiles(energyDir, "*.json").Order(StringComparer.Ordinal))
                yield return ("energy/" + Path.GetFileName(f), f);
    }
}
