using System.Diagnostics;

namespace M7Sim.Tests.TestSupport;

/// <summary>What QEMU printed on the semihosting console and the status it exited with.</summary>
internal sealed record QemuResult(byte[] Stdout, int ExitCode, bool TimedOut, string Stderr);

/// <summary>
/// Runs an ELF under qemu-system-arm on the mps2-an500 machine (Cortex-M7), the functional oracle of
/// the differential tests. Semihosting goes to the host: the firmware's console output is QEMU's
/// stdout and SYS_EXIT(_EXTENDED) becomes QEMU's exit status.
/// </summary>
internal static class QemuRunner
{
    public const string Executable = "qemu-system-arm";

    private static readonly Lazy<string?> Found = new(() => ToolchainPaths.FindOnPath(Executable));

    /// <summary>Full path of qemu-system-arm, or null when it is not installed.</summary>
    public static string? ExecutablePath => Found.Value;

    /// <param name="qemuOptions">Extra QEMU options (e.g. <c>-icount</c>), placed before <c>-kernel</c>.</param>
    public static QemuResult Run(string elfPath, IReadOnlyList<string>? arguments = null, TimeSpan? timeout = null,
        IReadOnlyList<string>? qemuOptions = null)
    {
        string exe = ExecutablePath ?? throw new InvalidOperationException($"{Executable} is not on PATH");
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-M", "mps2-an500", "-nographic", "-monitor", "none", "-serial", "none" })
            psi.ArgumentList.Add(a);
        // target=native: semihosting calls are served by QEMU itself; arg=... becomes the command
        // line the firmware reads with SYS_GET_CMDLINE (argv[0] first).
        string config = "enable=on,target=native";
        if (arguments is { Count: > 0 })
        {
            config += ",arg=" + Path.GetFileNameWithoutExtension(elfPath);
            foreach (string a in arguments) config += ",arg=" + a.Replace(",", ",,");
        }
        if (qemuOptions is not null)
        {
            foreach (string o in qemuOptions) psi.ArgumentList.Add(o);
        }
        psi.ArgumentList.Add("-semihosting-config");
        psi.ArgumentList.Add(config);
        psi.ArgumentList.Add("-kernel");
        psi.ArgumentList.Add(elfPath);

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        p.StandardInput.Close();
        var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        bool exited = p.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds);
        if (!exited)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        copy.Wait();
        return new QemuResult(stdout.ToArray(), exited ? p.ExitCode : -1, !exited, stderr.Result);
    }
}
