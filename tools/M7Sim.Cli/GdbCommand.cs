using System.CommandLine;
using System.Net;
using M7Sim.Debugging;
using M7Sim.Simulation;

namespace M7Sim.Cli;

/// <summary>`m7sim gdb FILE.elf`: serve the firmware to GDB (remote protocol over TCP) until interrupted.</summary>
internal static class GdbCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE.elf") { Description = "firmware ELF to debug" };
        var board = CommonOptions.Board();
        var port = new Option<int>("--port") { Description = "TCP port (default 3333; 0 picks a free one)", DefaultValueFactory = _ => 3333 };
        var bind = new Option<string>("--bind") { Description = "address to listen on (default 127.0.0.1; the protocol has no authentication)", DefaultValueFactory = _ => "127.0.0.1" };
        var console = new Option<string>("--console") { Description = "firmware console: gdb (GDB's console) or stdout (this terminal)", DefaultValueFactory = _ => "gdb" };
        console.AcceptOnlyFromAmong("gdb", "stdout");
        var once = new Option<bool>("--once") { Description = "exit after the first client disconnects" };
        var noCatch = new Option<bool>("--no-catch-faults") { Description = "let fault handlers run instead of stopping at their entry" };
        var log = new Option<bool>("--log-packets") { Description = "print every packet on stderr" };
        var root = new Option<string?>("--semihosting-root") { Description = "host directory the firmware may open files in (refused otherwise)" };
        var timing = CommonOptions.Timing();
        var energy = CommonOptions.EnergyModel();
        var cmd = new Command("gdb", "Serve the firmware to GDB (target remote :PORT); arguments after -- go to the firmware") { file, board, port, bind, console, once, noCatch, log, root, timing, energy };
        cmd.SetAction(parse => CliErrors.Guard(parse.GetValue(file), () =>
        {
            string path = parse.GetValue(file)!;
            if (!IPAddress.TryParse(parse.GetValue(bind), out var address)) throw new UsageException($"--bind {parse.GetValue(bind)}: not an IP address");
            int p = parse.GetValue(port);
            if (p is < 0 or > 65535) throw new UsageException($"--port {p}: not a TCP port");
            string? shRoot = parse.GetValue(root);
            if (shRoot is not null && !Directory.Exists(shRoot)) throw new UsageException($"--semihosting-root {shRoot}: no such directory");
            string? energyPath = CommonOptions.ExistingEnergyModel(parse.GetValue(energy));
            using var stdout = Console.OpenStandardOutput();
            var options = new GdbServerOptions
            {
                FirmwareStdout = parse.GetValue(console) == "stdout" ? stdout : null,
                Log = parse.GetValue(log) ? Console.Error : null,
                Once = parse.GetValue(once),
                CatchFaults = !parse.GetValue(noCatch),
            };
            using var server = TimingSummary.Guard(() => new GdbServer(s => Machine.Load(path, new MachineOptions
            {
                Board = parse.GetValue(board)!,
                Stdout = s,
                SemihostingRoot = shRoot,
                Arguments = FirmwareArguments.Values,
                Timing = CommonOptions.TimingMode(parse.GetValue(timing)!),
                EnergyModel = energyPath,
            }), options));
            try { server.Start(p, address); }
            catch (System.Net.Sockets.SocketException e) { throw new UsageException($"cannot listen on {address}:{p}: {e.Message}"); }
            if (server.Machine.ResetNote is { } note) Console.Error.WriteLine($"m7sim: note: {note}");
            Console.Error.WriteLine($"m7sim: {Path.GetFileName(path)}: GDB server listening on {address}:{server.Port} (target remote {(address.Equals(IPAddress.Loopback) ? "" : address.ToString())}:{server.Port})");
            using var cancel = new CancellationTokenSource();
            // The first Ctrl-C ends the server cleanly; a second one ends the process.
            Console.CancelKeyPress += (_, e) => { if (!cancel.IsCancellationRequested) { e.Cancel = true; cancel.Cancel(); } };
            server.Serve(cancel.Token);
            return server.FirmwareExitCode ?? 0;
        }));
        return cmd;
    }
}
