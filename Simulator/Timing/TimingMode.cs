namespace M7Sim.Timing;

/// <summary>Which timing model a machine runs under.</summary>
public enum TimingMode
{
    /// <summary>Functional: one cycle per instruction, no pipeline or memory model.</summary>
    None,
    /// <summary>The Cortex-M7 cycle model (timing-models/cores/cortex-m7.json and the board's memory system).</summary>
    CortexM7,
}
