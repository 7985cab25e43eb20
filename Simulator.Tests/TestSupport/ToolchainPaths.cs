namespace M7Sim.Tests.TestSupport;

/// <summary>
/// Where the committed target programs and their oracle outputs live, and how the tests find host
/// tools. The repository root is the first directory above the test binaries holding M7Sim.sln.
/// </summary>
internal static class ToolchainPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>kernels-elf/build: the committed ELFs.</summary>
    public static string KernelsBuild => Path.Combine(RepoRoot, "kernels-elf", "build");

    /// <summary>kernels-elf/build/expected: QEMU's stdout (NAME.txt) and exit status (NAME.exit) per mps2 ELF.</summary>
    public static string Expected => Path.Combine(KernelsBuild, "expected");

    /// <summary>kernels-elf/tests: the test programs' sources (random sequence text for failure reports).</summary>
    public static string TestSources => Path.Combine(RepoRoot, "kernels-elf", "tests");

    /// <summary>
    /// True on a CI runner (CI=true or CI=1, as GitHub Actions, GitLab and most runners set it): there a
    /// test that needs a host tool fails when the tool is missing instead of falling back.
    /// </summary>
    public static bool IsCi
    {
        get
        {
            string? ci = Environment.GetEnvironmentVariable("CI");
            return string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        }
    }

    /// <summary>Full path of an executable found on PATH, or null.</summary>
    public static string? FindOnPath(string executable)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path)) return null;
        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate)) return candidate;
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe")) return candidate + ".exe";
        }
        return null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "M7Sim.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no M7Sim.sln above {AppContext.BaseDirectory}");
    }
}
