namespace M7Sim.Timing;

/// <summary>Which issue slot an instruction may take in a dual-issue pair.</summary>
internal enum IssueRule : byte
{
    /// <summary>Older or younger slot.</summary>
    Any,
    /// <summary>Only the older (first) slot: LLVM "BeginGroup", jnk0le "must be in the older slot".</summary>
    Older,
    /// <summary>Issues alone: no partner before or after it in the same cycle.</summary>
    Single,
}

/// <summary>Execution units whose sharing rules decide pairing (timing-models/cores/*.json "units").</summary>
[Flags]
internal enum Units : ushort
{
    None = 0,
    Shift1 = 1 << 0,
    Simd = 1 << 1,
    Mac = 1 << 2,
    Load = 1 << 3,
    Store = 1 << 4,
    Branch = 1 << 5,
    Fp = 1 << 6,
    VPort = 1 << 7,
    VPortBoth = 1 << 8,
}

/// <summary>Whether an instruction may execute in the early ALU (results forwarded one stage sooner).</summary>
internal enum EarlyAluMode : byte
{
    None,
    /// <summary>Only from the older slot (add/sub/mov).</summary>
    Older,
    /// <summary>From either slot while the partner does not use the early shifter (plain shifts).</summary>
    Either,
}

/// <summary>How many issue cycles an instruction occupies.</summary>
internal enum CycleRule : byte
{
    Fixed,
    /// <summary>ceil(registers / 2): LDM/STM/PUSH/POP/VLDM/VSTM.</summary>
    RegisterPairs,
}

/// <summary>Timing of one instruction class (or one row with overrides), flattened for the hot loop.</summary>
internal struct ClassTiming
{
    /// <summary>Cycles from issue to a normal (late-ALU) consumer's issue.</summary>
    public sbyte Latency;
    /// <summary>To a consumer reading the operand one stage early (shifted/extracted operand).</summary>
    public sbyte EarlyLatency;
    /// <summary>To address generation of a load/store.</summary>
    public sbyte AddressLatency;
    /// <summary>To a multiply/MAC multiplicand.</summary>
    public sbyte MultiplicandLatency;
    public IssueRule Issue;
    public Units Units;
    /// <summary>Units a partner in the same cycle must not use (union of the pair exclusions of <see cref="Units"/>).</summary>
    public Units Conflicts;
    public CycleRule CycleRule;
    /// <summary>Issue cycles when <see cref="CycleRule"/> is Fixed.</summary>
    public byte Cycles;
    /// <summary>After issuing at t, the next cycle group cannot issue before t + BlockCycles (0 = no block).</summary>
    public byte BlockCycles;
    public EarlyAluMode EarlyAlu;
    /// <summary>MAC: the accumulator (Ra; RdLo/RdHi for long MACs) is read late.</summary>
    public bool Accumulator;
    /// <summary>FP MAC: Vd is also an accumulator input.</summary>
    public bool FpAccumulator;
    /// <summary>An FP multiply-accumulate: blocks FP adds and FP multiple/double transfers for a while after it.</summary>
    public bool FpMac;
    public bool DrainStoreBuffer;
    /// <summary>Cause charged when a consumer waits for this class's result.</summary>
    public StallCause Stall;
    /// <summary>Producer kind: index of (early, address, multiplicand latency minus latency, cause) in CoreModel's kind table.</summary>
    public byte Kind;
}
