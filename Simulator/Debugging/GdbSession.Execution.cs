using System.Text;
using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Debugging;

/// <summary>Resuming (c s C S vCont), stop replies, breakpoints and watchpoints (Z z).</summary>
internal sealed partial class GdbSession
{
    private string ResumeWithAddress(ReadOnlySpan<char> args, bool step)
    {
        if (!args.IsEmpty)
        {
            if (!RspEncoding.TryParseHex32(args, out uint address)) return ParseError;
            _m.SetRegister(15, address);
        }
        return Resume(step);
    }

    /// <summary>C sig[;addr] / S sig[;addr]: the signal is ignored (there is no OS to deliver it to).</summary>
    private string ResumeWithSignal(ReadOnlySpan<char> args, bool step)
    {
        int semi = args.IndexOf(';');
        if (!RspEncoding.TryParseHex32(semi < 0 ? args : args[..semi], out _)) return ParseError;
        return ResumeWithAddress(semi < 0 ? [] : args[(semi + 1)..], step);
    }

    /// <summary>vCont;ACTION[:thread];... — one thread, so a step action for it (or for all) means step.</summary>
    private string VCont(ReadOnlySpan<char> actions)
    {
        bool step = false, any = false;
        foreach (var range in actions.Split(';'))
        {
            var action = actions[range];
            int colon = action.IndexOf(':');
            var verb = colon < 0 ? action : action[..colon];
            if (verb.IsEmpty) return ParseError;
            switch (verb[0])
            {
                case 's': case 'S': step = true; break;
                case 'c': case 'C': break;
                case 't': continue; // stop a thread: ours is stopped already
                default: return ParseError;
            }
            any = true;
            // The first action that applies to our thread wins (GDB manual E.2 vCont).
            break;
        }
        return any ? Resume(step) : "OK";
    }

    /// <summary>Runs until a stop and returns the stop reply (empty when the client vanished mid-run).</summary>
    private string Resume(bool step)
    {
        if (_exited) return _lastStop;
        MarkResume();
        var tracer = new DebugTracer(_m.Cpu, _m.Bus, _points, CatchFaults);
        uint cfsrBefore = _m.Scs.Cfsr;
        RunResult result;
        int? interrupted = null;
        if (step) result = _m.Run(ref tracer, 1);
        else
        {
            while (true)
            {
                result = _m.Run(ref tracer, SliceInstructions);
                FlushFirmwareConsole();
                if (result.Reason != StopReason.InstructionLimit) break;
                var poll = _conn.PollWhileRunning();
                if (poll == RunPoll.Closed) return "";
                if (poll == RunPoll.Interrupt) { interrupted = StopSignals.Sigint; break; }
            }
        }
        FlushFirmwareConsole();
        MarkStop();
        _lastStop = StopFor(result, tracer, cfsrBefore, interrupted);
        return _lastStop;
    }

    private string StopFor(RunResult result, DebugTracer tracer, uint cfsrBefore, int? interrupted)
    {
        if (interrupted is { } sig) return StopReply(sig);
        switch (result.Reason)
        {
            case StopReason.Exited:
                _exited = true;
                ExitCode = result.ExitCode;
                // W carries 8 bits, like a process exit status.
                return $"W{result.ExitCode & 0xFF:x2}";
            case StopReason.DebugHalt when tracer.CaughtFault:
                ConsoleOutput($"m7sim: {FaultName(_m.Cpu.Ipsr)} entered: {_m.LastFault ?? "fault"}\n");
                return StopReply(SignalForFault(tracer, cfsrBefore));
            case StopReason.DebugHalt when tracer.Watch is { } w:
                string key = w.Kind switch { WatchKind.Write => "watch", WatchKind.Read => "rwatch", _ => "awatch" };
                return StopReply(StopSignals.Sigtrap, $"{key}:{w.Address:x};");
            case StopReason.DebugHalt or StopReason.InstructionLimit or StopReason.Breakpoint:
                return StopReply(StopSignals.Sigtrap);
            case StopReason.Fault:
                ConsoleOutput($"m7sim: {result.Message}\n");
                return StopReply(SignalForFault(tracer, cfsrBefore));
            default:
                // Hang / sleep forever: nothing could ever wake the core, so report a stop rather than run forever.
                ConsoleOutput($"m7sim: {result.Message}\n");
                return StopReply(StopSignals.Sigtrap);
        }
    }

    private int SignalForFault(DebugTracer tracer, uint cfsrBefore)
    {
        var kind = tracer.LastFault;
        if (kind == FaultKind.None)
        {
            uint cfsr = _m.Scs.Cfsr;
            kind = StopSignals.FromCfsr((cfsr & ~cfsrBefore) != 0 ? cfsr & ~cfsrBefore : cfsr);
        }
        return kind == FaultKind.None ? StopSignals.Sigsegv : StopSignals.ForFault(kind);
    }

    private static string FaultName(uint ipsr) => ipsr switch
    {
        3 => "HardFault",
        4 => "MemManage",
        5 => "BusFault",
        6 => "UsageFault",
        _ => $"exception {ipsr}",
    };

    /// <summary>"T" stop reply with the thread and the registers GDB needs first (pc, sp) expedited.</summary>
    private string StopReply(int signal, string extra = "")
    {
        var sb = new StringBuilder();
        sb.Append($"T{signal:x2}").Append(extra);
        sb.Append($"{GdbRegisters.Pc:x2}:");
        RspEncoding.AppendLittleEndian(sb, _m.Cpu.Pc);
        sb.Append($";{GdbRegisters.Sp:x2}:");
        RspEncoding.AppendLittleEndian(sb, _m.Cpu.R[13]);
        sb.Append(";thread:1;");
        return sb.ToString();
    }

    /// <summary>Z/z TYPE,ADDR,KIND: 0/1 breakpoints (KIND = instruction size), 2/3/4 watchpoints (KIND = length).</summary>
    private bool TryParsePoint(ReadOnlySpan<char> args, out int type, out uint address, out uint kind)
    {
        type = -1; address = kind = 0;
        // Conditions and commands after ';' are not advertised, so not expected; ignore them if sent.
        int semi = args.IndexOf(';');
        if (semi >= 0) args = args[..semi];
        int c1 = args.IndexOf(',');
        if (c1 != 1 || args[0] is < '0' or > '4') return false;
        type = args[0] - '0';
        return TryParseRange(args[2..], out address, out kind);
    }

    private string InsertPoint(ReadOnlySpan<char> args)
    {
        if (!TryParsePoint(args, out int type, out uint address, out uint kind)) return args.Length > 0 && args[0] is >= '5' and <= '9' ? "" : ParseError;
        if (type <= 1) { _points.AddBreakpoint(address); return "OK"; }
        if (kind == 0) return ParseError;
        _points.AddWatchpoint(new Watchpoint(address, kind, (WatchKind)type));
        return "OK";
    }

    private string RemovePoint(ReadOnlySpan<char> args)
    {
        if (!TryParsePoint(args, out int type, out uint address, out uint kind)) return args.Length > 0 && args[0] is >= '5' and <= '9' ? "" : ParseError;
        // Removing a point that is not set succeeds: the client's view is what counts.
        if (type <= 1) _points.RemoveBreakpoint(address);
        else _points.RemoveWatchpoint(new Watchpoint(address, kind, (WatchKind)type));
        return "OK";
    }
}
