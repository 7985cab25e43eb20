namespace M7Sim.Semihosting;

/// <summary>
/// Maps firmware file names onto the host directory given as the semihosting root, refusing every
/// name that could reach outside it: absolute names, ".." components, and symbolic links (anywhere
/// in the path) whose target lies outside the root. The check is done on the fully resolved path
/// (the realpath of what the host would open), so a link inside the root that points out is caught.
/// </summary>
internal sealed class SemihostSandbox
{
    private const int MaxLinkDepth = 40; // Linux's MAXSYMLINKS

    private readonly string _root; // canonical, no trailing separator

    private SemihostSandbox(string root) => _root = root;

    public static SemihostSandbox? Create(string root)
    {
        string? canonical = Canonicalize(Path.GetFullPath(root), 0);
        return canonical is null ? null : new SemihostSandbox(canonical);
    }

    public string Root => _root;

    /// <summary>
    /// The host path for a firmware name, or null with the errno to report. With
    /// <paramref name="followFinal"/> false (remove, rename) the last component is not followed if it
    /// is a link, so the link itself is what gets removed or renamed; the root itself is then refused.
    /// </summary>
    public string? Resolve(string name, bool followFinal, out int errno)
    {
        errno = 0;
        if (name.Length == 0 || name.Contains('\0')) { errno = Errnos.ENOENT; return null; }
        if (Path.IsPathRooted(name) || name.Contains('\\') || name.Contains(':')) { errno = Errnos.EACCES; return null; }
        string[] parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (string part in parts)
        {
            if (part == "..") { errno = Errnos.EACCES; return null; }
        }
        string? resolved;
        if (followFinal || parts.Length == 0 || parts[^1] == ".")
        {
            resolved = Canonicalize(Path.Join(_root, name), 0);
        }
        else
        {
            string? parent = Canonicalize(Path.Join(_root, string.Join('/', parts[..^1])), 0);
            resolved = parent is null ? null : Path.Join(parent, parts[^1]);
        }
        if (resolved is null) { errno = Errnos.ENOENT; return null; } // link loop or unreadable link
        if (!IsInside(resolved) || (!followFinal && resolved == _root)) { errno = Errnos.EACCES; return null; }
        return resolved;
    }

    private bool IsInside(string path) =>
        path == _root || (path.StartsWith(_root, StringComparison.Ordinal) && path.Length > _root.Length && path[_root.Length] == Path.DirectorySeparatorChar);

    /// <summary>realpath(3) that tolerates missing trailing components: every existing symlink is followed.</summary>
    private static string? Canonicalize(string fullPath, int depth)
    {
        string root = Path.GetPathRoot(fullPath) ?? "/";
        string current = root;
        foreach (string part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            string next = Path.Join(current, part);
            string? link;
            try { link = new FileInfo(next).LinkTarget; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
            if (link is null) { current = next; continue; }
            if (++depth > MaxLinkDepth) return null;
            string target = Path.IsPathRooted(link) ? link : Path.Join(current, link);
            string? resolved = Canonicalize(target, depth);
            if (resolved is null) return null;
            current = resolved;
        }
        return current;
    }
}
