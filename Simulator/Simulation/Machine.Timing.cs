using M7Sim.Decoding;
using M7Sim.Energy;
using M7Sim.Timing;

namespace M7Sim.Simulation;

/// <summary>The timing and energy side of the Machine API: which model runs, its counters and the energy estimate.</summary>
public sealed partial class Machine
{
    private bool _timingBuilt;
    private EnergyCoefficients? _energy;

    /// <summary>The timing model this machine runs under.</summary>
    public TimingMode TimingMode => Options.Timing;

    /// <summary>Cycle-model counters (stalls by cause, dual issue, accesses by region, classes); null in functional mode.</summary>
    public TimingCounters? TimingCounters => _m7Active ? _m7.Counters : null;

    /// <summary>Bus region names by index, for <see cref="Timing.TimingCounters"/> per-region arrays.</summary>
    public IReadOnlyList<string> RegionNames => Bus.Regions.Select(r => r.Name).ToArray();

    /// <summary>Kind of memory the timing model sees for each region index (TCM, flash via ITCM, AXI, device).</summary>
    internal IReadOnlyList<MemKind> RegionKinds => _m7Active ? _m7.Memory.Kinds : [];

    /// <summary>Instructions per cycle so far.</summary>
    public double Ipc => Cycles == 0 ? 0 : (double)Instructions / Cycles;

    /// <summary>
    /// Energy estimate for the run so far from the counters and the board's coefficient file
    /// (MachineOptions.EnergyModel or timing-models/energy/BOARD.json); null in functional mode.
    /// </summary>
    public EnergyReport? Energy
    {
        get
        {
            if (!_m7Active) return null;
            if (_energy is null)
            {
                string? path = Options.EnergyModel ?? EnergyCoefficients.DefaultFor(Board);
                if (path is null) return null;
                _energy = EnergyCoefficients.Load(path);
            }
            return EnergyModel.Estimate(_energy, _m7.Counters, Cycles, Board.ClockHz, Bus.Regions.Select(r => (r.Name, _m7.Memory.Kinds[r.Index])).ToArray());
        }
    }

    private void EnsureTimingModel()
    {
        if (_timingBuilt) return;
        _timingBuilt = true;
        if (Options.Timing != TimingMode.CortexM7) return;
        var core = CoreModelCache.Get(Options.CoreModel ?? Board.Core);
        _m7 = new CortexM7Timing(core, BoardMemoryTiming.From(Board), Bus, () => Scs.Ccr, InstTable.All);
        _m7Active = true;
        Bus.DeviceAccess = () => _m7.SyncReplay();
    }
}
