namespace M7Sim.Cli;

/// <summary>
/// A self-overwriting status line on stderr for long runs, shown only when stderr is a terminal (in logs
/// and pipes it would only add noise). Firmware console output shares stderr during a profile, so the
/// console goes through <see cref="WrapConsole"/>, which erases the status line before each write; the
/// next update redraws it below.
/// </summary>
internal sealed class ProgressLine
{
    private const string EraseLine = "\r\x1b[K";
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private bool _visible;
    private readonly object _lock = new();

    public void Show(string text)
    {
        if (!_enabled) return;
        lock (_lock)
        {
            Console.Error.Write(EraseLine + text);
            Console.Error.Flush();
            _visible = true;
        }
    }

    /// <summary>Removes the status line, if shown.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (!_visible) return;
            Console.Error.Write(EraseLine);
            Console.Error.Flush();
            _visible = false;
        }
    }

    /// <summary>A stream for the firmware console that clears the status line before writing to <paramref name="inner"/>.</summary>
    public Stream WrapConsole(Stream inner) => new ClearingStream(this, inner);

    private sealed class ClearingStream(ProgressLine line, Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            line.Clear();
            inner.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
