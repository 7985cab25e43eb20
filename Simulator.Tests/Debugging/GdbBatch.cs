using System.Diagnostics;
using FluentAssertions;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// Runs Debian's gdb-multiarch in batch mode against a server port, with a timeout. A missing
/// gdb-multiarch fails the test (CI installs it, see .ci/run; a skipped test would hide a broken
/// debugger).
/// </summary>
internal static class GdbBatch
{
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

    /// <summary>Runs the commands after connecting and returns everything gdb printed (stdout and stderr, in order).</summary>
    public static string Run(int port, string? elf, IEnumerable<string> commands, int timeoutSeconds = 180)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-batch", "-nx", "-ex", "set pagination off", "-ex", "set confirm off", "-ex", "set remotetimeout 60", "-ex", $"target remote 127.0.0.1:{port}" })
            psi.ArgumentList.Add(a);
        foreach (string c in commands) { psi.ArgumentList.Add("-ex"); psi.ArgumentList.Add(c); }
        if (elf is not null) psi.ArgumentList.Add(elf);
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var output = new System.Text.StringBuilder();
        var gate = new object();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        bool exited = p.WaitForExit(timeoutSeconds * 1000);
        if (!exited) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        string text;
        lock (gate) text = output.ToString();
        exited.Should().BeTrue($"gdb must finish within {timeoutSeconds} s; it printed:\n{text}");
        return text;
    }
}
