using System.Diagnostics;
using System.Text;
using FluentAssertions;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// Runs Debian's gdb-multiarch in batch mode against a server port, with a timeout. A missing
/// gdb-multiarch fails the test (CI installs it, see .ci/run; a skipped test would hide a broken
/// debugger).
/// </summary>
internal sealed class GdbBatch : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public static string Executable
    {
        get
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(dir, "gdb-multiarch");
                if (File.Exists(candidate)) return candidate;
            }
            string where = Environment.GetEnvironmentVariable("CI") is "true" or "1" ? "on this CI runner" : "on this machine";
            throw new InvalidOperationException($"gdb-multiarch is not installed {where}: apt-get install gdb-multiarch (the debugger tests need the real client)");
        }
    }

    /// <summary>Starts gdb connected to the port; the commands run after connecting, then gdb exits.</summary>
    public GdbBatch(int port, string? elf, IEnumerable<string> commands, bool extended = false)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-batch", "-nx", "-ex", "set pagination off", "-ex", "set confirm off", "-ex", "set remotetimeout 60", "-ex", $"target {(extended ? "extended-remote" : "remote")} 127.0.0.1:{port}" })
            psi.ArgumentList.Add(a);
        foreach (string c in commands) { psi.ArgumentList.Add("-ex"); psi.ArgumentList.Add(c); }
        if (elf is not null) psi.ArgumentList.Add(elf);
        _process = Process.Start(psi)!;
        _process.StandardInput.Close();
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGINT to gdb, as Ctrl-C in its terminal: gdb then sends the interrupt byte to the target.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for gdb to finish (killing it after the timeout, which fails the test) and returns what it printed.</summary>
    public string WaitForExit(int timeoutSeconds = 180)
    {
        bool exited = _process.WaitForExit(timeoutSeconds * 1000);
        if (!exited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        exited.Should().BeTrue($"gdb must finish within {timeoutSeconds} s; it printed:\n{Output}");
        return Output;
    }

    /// <summary>Runs the commands and returns everything gdb printed (stdout and stderr).</summary>
    public static string Run(int port, string? elf, IEnumerable<string> commands, int timeoutSeconds = 180, bool extended = false)
    {
        using var gdb = new GdbBatch(port, elf, commands, extended);
        return gdb.WaitForExit(timeoutSeconds);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
