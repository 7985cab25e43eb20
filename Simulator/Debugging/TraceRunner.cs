using M7Sim.Simulation;

namespace M7Sim.Debugging;

/// <summary>What a trace run did.</summary>
internal readonly record struct TraceResult(RunResult Run, ulong Traced, bool ReachedFrom);

/// <summary>
/// Runs a machine with an instruction trace: untraced (at full speed, with a breakpoint) up to the
/// From address, then traced until the count, the Until address or the end of the program.
/// </summary>
internal static class TraceRunner
{
    public static TraceResult Run(Machine m, TraceOptions options, TextWriter output)
    {
        ulong budget = options.MaxInstructions;
        if (options.From is { } from)
        {
            var points = new DebugPoints();
            points.AddBreakpoint(from);
            var seek = new DebugTracer(m.Cpu, m.Bus, points, catchFaults: false);
            // A program that starts at the From address is already there.
            if (m.Cpu.Pc != from)
            {
                var r = m.Run(ref seek, budget);
                if (r.Reason != StopReason.DebugHalt) return new TraceResult(r, 0, false);
                if (budget != ulong.MaxValue) budget -= Math.Min(budget, r.Instructions);
            }
        }
        var writer = new TraceWriter(output, options.Format);
        using var recorder = new TraceRecorder(m, writer, options.Count, options.Until);
        var tracer = new TraceTracer(recorder);
        var result = m.Run(ref tracer, budget);
        writer.Flush();
        return new TraceResult(result, recorder.Traced, true);
    }

    /// <summary>Resolves a symbol name or a 0x-prefixed hex address to a code address (Thumb bit cleared); null when neither.</summary>
    public static uint? ResolveAddress(Machine m, string text)
    {
        if (m.Symbols.Find(text) is { } sym) return sym.Address & ~1u;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && RspEncoding.TryParseHex32(text.AsSpan(2), out uint a)) return a & ~1u;
        return null;
    }
}
