using System.Globalization;
using System.Text;

namespace M7Sim.Debugging;

/// <summary>
/// Monitor commands (qRcmd, typed as "monitor ..." in GDB): cycles, stats, reset, catch-faults, help.
/// Counts are reported in total since reset and for the last resume ("since the last stop":
/// from the stop before it to the stop the client is looking at now).
/// </summary>
internal sealed partial class GdbSession
{
    private ulong _cyclesAtResume, _instructionsAtResume, _cyclesAtStop, _instructionsAtStop;
    private double _energyAtResume, _energyAtStop;
    private double[] _countersAtResume = [], _countersAtStop = [];

    private void MarkResume()
    {
        _cyclesAtResume = _m.Cycles;
        _instructionsAtResume = _m.Instructions;
        _countersAtResume = ReadCounters(out _energyAtResume);
    }

    private void MarkStop()
    {
        _cyclesAtStop = _m.Cycles;
        _instructionsAtStop = _m.Instructions;
        _countersAtStop = ReadCounters(out _energyAtStop);
    }

    private double[] ReadCounters(out double energyNj)
    {
        var values = new double[_m.ModelCounterNames.Count];
        _m.ReadModelCounters(values, out energyNj);
        return values;
    }

    private string Monitor(ReadOnlySpan<char> hex)
    {
        if (!RspEncoding.TryDecodeHex(hex, out var bytes)) return ParseError;
        string command = Encoding.UTF8.GetString(bytes).Trim();
        string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string verb = words.Length == 0 ? "help" : words[0];
        string output = verb switch
        {
            "cycles" => CyclesText(),
            "stats" => StatsText(),
            "reset" => ResetTarget(),
            "halt" => "target halted\n", // between packets the target is always halted (all-stop)
            "catch-faults" => CatchFaultsCommand(words),
            "help" => HelpText,
            _ => $"unknown monitor command '{command}'\n{HelpText}",
        };
        ConsoleOutput(output);
        return "OK";
    }

    private const string HelpText =
        "monitor cycles              cycles, instructions and energy since reset and since the last stop\n" +
        "monitor stats               timing-model counters (stall cycles by cause ...)\n" +
        "monitor reset [halt]        reset the core, halted at the reset vector (then: maintenance flush register-cache)\n" +
        "monitor halt                no-op: the target is halted whenever GDB can type a command\n" +
        "monitor catch-faults on|off stop at fault handler entry (default on)\n";

    private string CyclesText()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        ulong cycles = _cyclesAtStop, instructions = _instructionsAtStop;
        ulong dc = cycles - _cyclesAtResume, di = instructions - _instructionsAtResume;
        sb.Append(ci, $"cycles:       {cycles,15:N0}   since last stop: {dc:N0}\n");
        sb.Append(ci, $"instructions: {instructions,15:N0}   since last stop: {di:N0}\n");
        if (instructions > 0) sb.Append(ci, $"CPI:          {(double)cycles / instructions,15:F3}   since last stop: {(di == 0 ? 0 : (double)dc / di):F3}\n");
        if (_m.TimingModelName == "none" || _energyAtStop == 0 && _m.EnergyModelName == "none")
            sb.Append($"energy:       not modelled (timing model: {_m.TimingModelName}, energy model: {_m.EnergyModelName})\n");
        else
            sb.Append(ci, $"energy:       {_energyAtStop / 1000.0,15:F3} uJ   since last stop: {(_energyAtStop - _energyAtResume) / 1000.0:F3} uJ\n");
        return sb.ToString();
    }

    private string StatsText()
    {
        var names = _m.ModelCounterNames;
        if (names.Count == 0 || _m.TimingModelName == "none") return $"no model counters: timing model '{_m.TimingModelName}' (functional: one cycle per instruction)\n";
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int width = 8;
        foreach (var n in names) width = Math.Max(width, n.Length);
        sb.Append(ci, $"{"counter".PadRight(width)} {"total",15} {"since last stop",15}\n");
        for (int i = 0; i < names.Count && i < _countersAtStop.Length; i++)
        {
            double total = _countersAtStop[i];
            double delta = i < _countersAtResume.Length ? total - _countersAtResume[i] : total;
            sb.Append(ci, $"{names[i].PadRight(width)} {total,15:N0} {delta,15:N0}\n");
        }
        return sb.ToString();
    }

    private string ResetTarget()
    {
        RestartTarget();
        return $"reset: pc=0x{_m.Cpu.Pc:x8} sp=0x{_m.Cpu.R[13]:x8}\n";
    }

    /// <summary>Reset as the chip does (memory keeps its contents; startup code re-initialises .data/.bss), halted at the reset vector.</summary>
    private void RestartTarget()
    {
        _m.Reset();
        _exited = false;
        ExitCode = null;
        MarkResume(); // nothing ran since this stop
        MarkStop();
        _lastStop = StopReply(StopSignals.Sigtrap);
    }

    private string CatchFaultsCommand(string[] words)
    {
        if (words.Length == 2 && words[1] is "on" or "off") CatchFaults = words[1] == "on";
        else if (words.Length != 1) return "usage: monitor catch-faults on|off\n";
        return $"catch-faults: {(CatchFaults ? "on" : "off")}\n";
    }
}
