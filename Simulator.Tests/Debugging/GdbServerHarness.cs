using FluentAssertions;
using M7Sim.Debugging;
using M7Sim.Simulation;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// A <see cref="GdbServer"/> serving on an ephemeral 127.0.0.1 port from a background thread. Dispose
/// stops it and checks the serving thread ended (a server that hangs fails the test, bounded).
/// </summary>
internal sealed class GdbServerHarness : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private Exception? _crash;

    public GdbServerHarness(Func<Stream, Machine> createMachine, GdbServerOptions? options = null)
    {
        Server = new GdbServer(createMachine, options);
        Server.Start(0);
        _thread = new Thread(() =>
        {
            try { Server.Serve(_cancel.Token); }
            catch (Exception e) { _crash = e; }
        }) { IsBackground = true, Name = "gdb-server" };
        _thread.Start();
    }

    /// <summary>Serves an ELF of the repository (path relative to the repository root).</summary>
    public static GdbServerHarness ForElf(string relativePath, string board, IReadOnlyList<string>? arguments = null, GdbServerOptions? options = null) =>
        new(s => Machine.Load(ElfFiles.Path(relativePath), new MachineOptions { Board = board, Stdout = s, Arguments = arguments ?? [] }), options);

    public GdbServer Server { get; }
    public int Port => Server.Port;

    /// <summary>True once the serving thread has returned (after Once, or cancellation).</summary>
    public bool WaitForExit(TimeSpan timeout) => _thread.Join(timeout);

    public void Dispose()
    {
        _cancel.Cancel();
        bool ended = _thread.Join(TimeSpan.FromSeconds(20));
        Server.Dispose();
        ended.Should().BeTrue("the server must end when cancelled, never hang");
        _crash.Should().BeNull("the server must never crash");
    }
}

/// <summary>Finds the committed ELFs from the test's output directory.</summary>
internal static class ElfFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
