using System.Security.Cryptography;
using M7Sim.Loading;
using M7Sim.Profiling;
using M7Sim.Simulation;

namespace M7Sim.Reporting;

/// <summary>Turns a finished profiling run into the <see cref="ProfileReport"/> model.</summary>
internal static class ReportBuilder
{
    public static ProfileReport Build(Machine m, Profiler p, RunResult result, OperatorCatalog catalog)
    {
        var heap = p.Heap;
        var L = p.Layout;
        double clock = m.Board.ClockHz;
        var total = p.Total;
        double cycles = total[CostLayout.Cycles];
        double energyJ = total[CostLayout.EnergyNj] * 1e-9;
        double seconds = cycles / clock;

        var operators = p.Operators.Select(o => OperatorRowOf(o, L, clock)).ToList();
        var memory = Footprint(m, p, catalog, heap);
        var report = new ProfileReport
        {
            Tool = $"m7sim {typeof(Machine).Assembly.GetName().Version}",
            Elf = m.ElfPath ?? "",
            ElfSha256 = m.ElfPath is null ? "" : Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(m.ElfPath))),
            Board = m.Board.Name,
            ClockHz = clock,
            TimingModel = m.TimingModelName,
            EnergyModel = m.EnergyModelName,
            Totals = new RunTotals(result.Reason.ToString(), result.ExitCode, cycles, total[CostLayout.Instructions],
                Ratio(total[CostLayout.Instructions], cycles), seconds, total[CostLayout.Macs], energyJ, Ratio(energyJ, seconds), Extras(total, L)),
            Operators = operators,
            Types = TypeSummary(operators),
            Functions = p.Functions
                .Where(f => f.Calls > 0)
                .OrderByDescending(f => f.Exclusive[CostLayout.Cycles])
                .Select(f => new FunctionRow(f.Name, $"0x{f.Address:X8}", f.Calls, f.Inclusive[CostLayout.Cycles], f.Exclusive[CostLayout.Cycles],
                    f.Inclusive[CostLayout.Instructions], f.Exclusive[CostLayout.Instructions], f.Inclusive[CostLayout.EnergyNj] * 1e-9,
                    f.Exclusive[CostLayout.EnergyNj] * 1e-9, f.Exclusive[CostLayout.Macs]))
                .ToList(),
            Memory = memory,
            Regions = m.Bus.Regions.Select((r, i) => new RegionTraffic(r.Name, r.Interface.ToString(), total[L.ReadBytes(i)], total[L.WriteBytes(i)]))
                .Where(r => r.BytesRead + r.BytesWritten > 0).ToList(),
            Folded = new SortedDictionary<string, double>(p.FoldedCycles.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            Spans = p.Spans.Select(s => new SpanRow(s.Name, s.Category, s.Depth, s.StartCycle, s.EndCycle)).ToList(),
        };
        if (m.TimingModelName == "none")
            report.Notes.Add("functional timing (--timing none): cycles are instruction counts and energy is not modelled");
        if (p.SpansTruncated) report.Notes.Add("trace spans truncated at 200,000 events");
        if (operators.Count == 0) report.Notes.Add("no operator from the catalog was called; see --operators and the README's operator markers");
        return report;
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;

    private static SortedDictionary<string, double> Extras(double[] v, CostLayout L)
    {
        var d = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < L.ExtraNames.Count; i++) d[L.ExtraNames[i]] = v[L.FirstExtra + i];
        return d;
    }

    private static OperatorRow OperatorRowOf(OperatorInstance o, CostLayout L, double clock)
    {
        var c = o.Costs;
        double cycles = c[CostLayout.Cycles], seconds = cycles / clock, energy = c[CostLayout.EnergyNj] * 1e-9;
        long Bytes(string role) => o.Tensors.Where(t => t.Role.StartsWith(role, StringComparison.Ordinal)).Sum(t => t.Bytes);
        var regions = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        for (int i = 0; i < L.RegionNames.Count; i++)
        {
            double r = c[L.ReadBytes(i)], w = c[L.WriteBytes(i)];
            if (r + w > 0) regions[L.RegionNames[i]] = [r, w];
        }
        return new OperatorRow(o.Index, o.Type, o.Function, o.Wrapper, o.Label, o.ShapeText, cycles, seconds, c[CostLayout.Instructions],
            Ratio(c[CostLayout.Instructions], cycles), c[CostLayout.Macs], o.TheoreticalMacs, o.TheoreticalOps, Ratio(c[CostLayout.Macs], cycles),
            energy, Ratio(energy, seconds), Bytes("input"), Bytes("output"), Bytes("weights") + Bytes("bias"), Bytes("scratch"),
            o.LiveActivationBytes, Extras(c, L), regions, o.StartCycle, o.EndCycle);
    }

    /// <summary>The paper's Fig. 1/2 view: per operation type, throughput and energy per op, normalised to the best type.</summary>
    private static List<TypeRow> TypeSummary(List<OperatorRow> ops)
    {
        var rows = ops.GroupBy(o => o.Type).Select(g =>
        {
            double macs = g.Sum(o => o.Macs), cycles = g.Sum(o => o.Cycles), energy = g.Sum(o => o.EnergyJoules);
            double theoOps = g.Sum(o => (double)(o.TheoreticalOps ?? 0));
            double ops = theoOps > 0 ? theoOps : 2 * macs;
            return new TypeRow(g.Key, g.Count(), macs, ops, cycles, Ratio(macs, cycles), Ratio(ops, cycles), energy,
                Ratio(energy * 1e9, macs), Ratio(energy * 1e9, ops), 0, 0);
        }).ToList();
        double best = rows.Count == 0 ? 0 : rows.Max(r => r.OpsPerCycle);
        double bestEnergy = rows.Where(r => r.EnergyPerOpNj > 0).Select(r => r.EnergyPerOpNj).DefaultIfEmpty(0).Min();
        return rows.Select(r => r with
        {
            RelativeThroughput = Ratio(r.OpsPerCycle, best),
            RelativeEnergyPerOp = Ratio(r.EnergyPerOpNj, bestEnergy),
        }).OrderByDescending(r => r.OpsPerCycle).ToList();
    }

    private static MemoryFootprint Footprint(Machine m, Profiler p, OperatorCatalog catalog, HeapTracker heap)
    {
        var elf = m.Elf!;
        long code = 0, ro = 0, dataInit = 0, data = 0, bss = 0;
        bool InFlash(uint a) => m.Bus.Find(a) is { ReadOnly: true };
        foreach (var s in elf.Sections.Where(s => s.IsAlloc && s.Size > 0))
        {
            if (s.IsNoBits) { bss += s.Size; continue; }
            if (s.IsWritable)
            {
                data += s.Size;
                // The initial image of .data is in flash when some segment loads it from there.
                if (elf.Segments.Any(g => InFlash(g.PhysicalAddress) && g.VirtualAddress <= s.Address && s.Address < g.VirtualAddress + g.MemorySize && g.VirtualAddress != g.PhysicalAddress))
                    dataInit += s.Size;
            }
            else if (s.IsExecutable) code += s.Size;
            else ro += s.Size;
        }
        long weights = m.Symbols.All
            .Where(s => s.Type == ElfSymbolType.Object && s.Size > 0 && catalog.WeightSymbolPattern.IsMatch(s.Name))
            .Where(s => m.Bus.Find(s.Address) is { ReadOnly: true })
            .Sum(s => (long)s.Size);
        long stack = p.InitialSp - p.MinSp;
        long peakAct = p.Operators.Count == 0 ? 0 : p.Operators.Max(o => o.LiveActivationBytes);
        int peakOp = p.Operators.Count == 0 ? 0 : p.Operators.MaxBy(o => o.LiveActivationBytes)!.Index;
        long flash = code + ro + dataInit;
        long ram = data + bss + stack + heap.Bytes;
        return new MemoryFootprint(flash, code, ro, dataInit, weights, ram, data, bss, stack, heap.Bytes, peakAct, peakOp,
            Ratio(peakAct, peakAct + weights), Ratio(peakAct, flash + ram));
    }
}
