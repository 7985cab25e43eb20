namespace M7Sim.Debugging;

/// <summary>
/// The firmware's console (semihosting writes) while a debugger is attached: collected here and
/// sent to GDB as 'O' packets between run slices, or passed straight to a host stream. Write-only.
/// </summary>
internal sealed class GdbConsole : Stream
{
    private readonly Stream? _passThrough;
    private readonly MemoryStream _pending = new();

    /// <param name="passThrough">Host stream to write to; null collects output for GDB.</param>
    public GdbConsole(Stream? passThrough) => _passThrough = passThrough;

    public bool ToGdb => _passThrough is null;

    /// <summary>Takes what was written since the last call (empty when forwarding to the host).</summary>
    public byte[] TakePending()
    {
        if (_pending.Length == 0) return [];
        var bytes = _pending.ToArray();
        _pending.SetLength(0);
        return bytes;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_passThrough is not null) { _passThrough.Write(buffer); _passThrough.Flush(); }
        else _pending.Write(buffer);
    }

    public override void Flush() => _passThrough?.Flush();
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
