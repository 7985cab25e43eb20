namespace M7Sim.Semihosting;

/// <summary>The file operations: handles for the console (":tt"), the feature file and sandboxed host files.</summary>
internal sealed partial class Semihost
{
    private enum HandleKind : byte { ConsoleIn, ConsoleOut, ConsoleErr, Features, File }

    private sealed class OpenFile(HandleKind kind, FileStream? stream = null, bool append = false)
    {
        public readonly HandleKind Kind = kind;
        public readonly FileStream? Stream = stream;
        public readonly bool Append = append;
        public long Position; // the feature file's read position
        public bool IsConsole => Kind <= HandleKind.ConsoleErr;
    }

    /// <summary>
    /// The ":semihosting-features" file (spec 5.1.2): magic "SHFB" and feature byte 0 with
    /// SH_EXT_EXIT_EXTENDED (bit 0) and SH_EXT_STDOUT_STDERR (bit 1), as QEMU reports.
    /// </summary>
    public static ReadOnlySpan<byte> FeatureBytes => [0x53, 0x48, 0x46, 0x42, 0x03];

    private const int MaxHandles = 64;
    private readonly SemihostSandbox? _sandbox;
    private readonly OpenFile?[] _handles = new OpenFile?[MaxHandles]; // handle numbers start at 1 (QEMU does too)

    private void CloseAll()
    {
        for (int i = 0; i < _handles.Length; i++)
        {
            _handles[i]?.Stream?.Dispose();
            _handles[i] = null;
        }
    }

    private OpenFile? Lookup(uint handle) => handle >= 1 && handle < MaxHandles ? _handles[handle] : null;

    private uint Allocate(OpenFile file)
    {
        for (uint h = 1; h < MaxHandles; h++)
        {
            if (_handles[h] is null) { _handles[h] = file; return h; }
        }
        file.Stream?.Dispose();
        return Refuse(Errnos.EMFILE);
    }

    /// <summary>SYS_OPEN {name, mode 0..11 = fopen "r" "rb" "r+" "r+b" "w" "wb" "w+" "w+b" "a" "ab" "a+" "a+b", length}.</summary>
    private uint Open(uint block)
    {
        if (!Arg(block, 0, out uint namePtr) || !Arg(block, 1, out uint mode) || !Arg(block, 2, out uint length)) return Refuse(Errnos.EFAULT);
        if (mode > 11) return Refuse(Errnos.EINVAL);
        string? name = _mem.TryReadString(namePtr, length);
        if (name is null) return Refuse(Errnos.EFAULT);
        if (name == ":tt")
        {
            // Spec 5.1.3 with SH_EXT_STDOUT_STDERR: "r" modes give stdin, "w" stdout, "a" stderr.
            var kind = mode < 4 ? HandleKind.ConsoleIn : mode < 8 ? HandleKind.ConsoleOut : HandleKind.ConsoleErr;
            return Allocate(new OpenFile(kind));
        }
        if (name == ":semihosting-features")
            return mode <= 1 ? Allocate(new OpenFile(HandleKind.Features)) : Refuse(Errnos.EACCES);
        if (_sandbox is null) return Refuse(Errnos.EACCES);
        string? path = _sandbox.Resolve(name, followFinal: true, out int errno);
        if (path is null) return Refuse(errno);
        int kindOfMode = (int)mode >> 2; // 0 r, 1 w, 2 a
        bool plus = (mode & 2) != 0;
        var (fileMode, access) = kindOfMode switch
        {
            0 => (FileMode.Open, plus ? FileAccess.ReadWrite : FileAccess.Read),
            1 => (FileMode.Create, plus ? FileAccess.ReadWrite : FileAccess.Write),
            _ => (plus ? FileMode.OpenOrCreate : FileMode.Append, plus ? FileAccess.ReadWrite : FileAccess.Write),
        };
        try
        {
            if (Directory.Exists(path)) return Refuse(Errnos.EISDIR);
            var stream = new FileStream(path, fileMode, access, FileShare.ReadWrite | FileShare.Delete);
            return Allocate(new OpenFile(HandleKind.File, stream, append: kindOfMode == 2));
        }
        catch (Exception e) when (IsHostError(e)) { return Refuse(ErrnoOf(e)); }
    }

    private uint Close(uint block)
    {
        if (!Arg(block, 0, out uint handle)) return Refuse(Errnos.EFAULT);
        var f = Lookup(handle);
        if (f is null) return Refuse(Errnos.EBADF);
        _handles[handle] = null;
        try { f.Stream?.Dispose(); }
        catch (Exception e) when (IsHostError(e)) { return Refuse(ErrnoOf(e)); }
        return 0;
    }

    /// <summary>SYS_WRITEC: one byte at [R1] to the console.</summary>
    private uint WriteC(uint address)
    {
        var b = _mem.TryRead(address, 1);
        if (b is null) return Refuse(Errnos.EFAULT);
        _stdout.Write(b);
        return 0;
    }

    /// <summary>SYS_WRITE0: the NUL-terminated string at R1 to the console, byte for byte.</summary>
    private uint Write0(uint address)
    {
        var bytes = _mem.TryReadCString(address);
        if (bytes is null) return Refuse(Errnos.EFAULT);
        _stdout.Write(bytes);
        return 0;
    }

    /// <summary>SYS_WRITE {handle, buffer, length}: returns the number of bytes NOT written (0 = all).</summary>
    private uint Write(uint block)
    {
        if (!Arg(block, 0, out uint handle) || !Arg(block, 1, out uint buffer) || !Arg(block, 2, out uint length)) return Refuse(Errnos.EFAULT);
        var f = Lookup(handle);
        if (f is null) return Refuse(Errnos.EBADF);
        var data = _mem.TryRead(buffer, length);
        if (data is null) return Refuse(Errnos.EFAULT);
        if (f.IsConsole)
        {
            // QEMU has one semihosting console: stdout and stderr handles both write to it.
            _stdout.Write(data);
            return 0;
        }
        if (f.Kind == HandleKind.Features) return Refuse(Errnos.EBADF);
        try
        {
            if (f.Append) f.Stream!.Seek(0, SeekOrigin.End);
            f.Stream!.Write(data);
            return 0;
        }
        catch (Exception e) when (IsHostError(e) || e is NotSupportedException) { return Refuse(e is NotSupportedException ? Errnos.EBADF : ErrnoOf(e)); }
    }

    /// <summary>SYS_READ {handle, buffer, length}: returns the number of bytes NOT read (length = end of file).</summary>
    private uint Read(uint block)
    {
        if (!Arg(block, 0, out uint handle) || !Arg(block, 1, out uint buffer) || !Arg(block, 2, out uint length)) return Refuse(Errnos.EFAULT);
        var f = Lookup(handle);
        if (f is null) return Refuse(Errnos.EBADF);
        if (!_mem.IsBacked(buffer, length, write: true)) return Refuse(Errnos.EFAULT);
        int want = (int)Math.Min(length, 1u << 20);
        var data = new byte[want];
        int got;
        switch (f.Kind)
        {
            case HandleKind.Features:
                got = (int)Math.Clamp(FeatureBytes.Length - f.Position, 0, want);
                FeatureBytes.Slice((int)Math.Min(f.Position, FeatureBytes.Length), got).CopyTo(data);
                f.Position += got;
                break;
            case HandleKind.File:
                try { got = f.Stream!.ReadAtLeast(data, want, throwOnEndOfStream: false); }
                catch (Exception e) when (IsHostError(e) || e is NotSupportedException) { return Refuse(e is NotSupportedException ? Errnos.EBADF : ErrnoOf(e)); }
                break;
            default:
                // Console input: one read, like a terminal returning what is available (a line).
                got = _stdin is null ? 0 : _stdin.Read(data, 0, want);
                break;
        }
        if (!_mem.TryWrite(buffer, data.AsSpan(0, got))) return Refuse(Errnos.EFAULT);
        return length - (uint)got;
    }

    /// <summary>SYS_READC: one byte from the console (-1 at end of input).</summary>
    private uint ReadC()
    {
        int b = _stdin?.ReadByte() ?? -1;
        return b < 0 ? Fail : (uint)b;
    }

    /// <summary>SYS_ISTTY {handle}: 1 for the console, 0 for files, -1 for a bad handle.</summary>
    private uint IsTty(uint block)
    {
        if (!Arg(block, 0, out uint handle)) return Refuse(Errnos.EFAULT);
        var f = Lookup(handle);
        if (f is null) return Refuse(Errnos.EBADF);
        return f.IsConsole ? 1u : 0u;
    }

    /// <summary>SYS_SEEK {handle, absolute position}: 0 on success.</summary>
    private uint Seek(uint block)
    {
        if (!Arg(block, 0, out uint handle) || !Arg(block, 1, out uint position)) return Refuse(Errnos.EFAULT);
        var f = Lookup(handle);
        if (f is null) return Refuse(Errnos.EBADF);
        if (f.IsConsole) return Refuse(Errnos.ESPIPE);
        if (f.Kind == HandleKind.Features) { f.Position = position; return 0; }
        try { f.Stream!.Seek(position, SeekOrigin.Begin); return 0; }
        catch (Exception e) when (IsHostError(e) || e is NotSupportedException) { return Refuse(Errnos.EINVAL); }
    }

    /// <summary>SYS_FLEN {handle}: the file's length.</summary>
    private uint Flen(uint block)
    {
        if (!Arg(block, 0, out uint handle)) return Refuse(Errnos.EFAULT);
        var f = Lookup(handle);
        if (f is null) return Refuse(Errnos.EBADF);
        if (f.IsConsole) return Refuse(Errnos.ENOTTY);
        if (f.Kind == HandleKind.Features) return (uint)FeatureBytes.Length;
        try { return (uint)Math.Min(f.Stream!.Length, int.MaxValue); }
        catch (Exception e) when (IsHostError(e)) { return Refuse(ErrnoOf(e)); }
    }

    /// <summary>SYS_REMOVE {name, length}: 0 on success.</summary>
    private uint Remove(uint block)
    {
        string? path = ResolveArg(block, 0, out int errno);
        if (path is null) return Refuse(errno);
        try
        {
            // The name itself is not followed: removing a link removes the link (remove(3)).
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || File.Exists(path)) File.Delete(path);
            else if (Directory.Exists(path)) Directory.Delete(path, recursive: false);
            else return Refuse(Errnos.ENOENT);
            return 0;
        }
        catch (Exception e) when (IsHostError(e)) { return Refuse(ErrnoOf(e)); }
    }

    /// <summary>SYS_RENAME {old name, old length, new name, new length}: 0 on success; both inside the root.</summary>
    private uint Rename(uint block)
    {
        string? from = ResolveArg(block, 0, out int errno);
        if (from is null) return Refuse(errno);
        string? to = ResolveArg(block, 2, out errno);
        if (to is null) return Refuse(errno);
        try
        {
            if (new FileInfo(from).LinkTarget is not null || File.Exists(from)) File.Move(from, to, overwrite: true);
            else if (Directory.Exists(from)) Directory.Move(from, to);
            else return Refuse(Errnos.ENOENT);
            return 0;
        }
        catch (Exception e) when (IsHostError(e)) { return Refuse(ErrnoOf(e)); }
    }

    /// <summary>Reads the (pointer, length) pair at words index, index+1 and resolves it in the sandbox without following the final name.</summary>
    private string? ResolveArg(uint block, int index, out int errno)
    {
        errno = Errnos.EFAULT;
        if (!Arg(block, index, out uint namePtr) || !Arg(block, index + 1, out uint length)) return null;
        string? name = _mem.TryReadString(namePtr, length);
        if (name is null) return null;
        errno = Errnos.EACCES;
        if (_sandbox is null) return null;
        return _sandbox.Resolve(name, followFinal: false, out errno);
    }

    private static bool IsHostError(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentException;

    private static int ErrnoOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => Errnos.ENOENT,
        UnauthorizedAccessException => Errnos.EACCES,
        ArgumentException => Errnos.EINVAL,
        _ => Errnos.EIO,
    };
}
