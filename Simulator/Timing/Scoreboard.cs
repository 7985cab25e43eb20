using System.Runtime.CompilerServices;

namespace M7Sim.Timing;

/// <summary>Per-register cycle times: R0-R15 and the flags (index 16). Inline so the scoreboard lives in the timing struct.</summary>
[InlineArray(17)]
internal struct RegTimes
{
    private long _element;
}

/// <summary>Per-register producer kind (CoreModel.KindDeltas index).</summary>
[InlineArray(17)]
internal struct RegKinds
{
    private byte _element;
}

/// <summary>Per single-precision FP register (S0-S31; D16-D31 halves at 32-63) ready times.</summary>
[InlineArray(64)]
internal struct FpTimes
{
    private long _element;
}
