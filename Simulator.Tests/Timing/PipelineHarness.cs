using M7Sim.Decoding;
using M7Sim.Isa;
using M7Sim.Simulation;
using M7Sim.Timing;

namespace M7Sim.Tests.Timing;

/// <summary>
/// Drives the Cortex-M7 model with synthetic DecodedInst values (class, register masks, flags) and
/// synthetic bus accesses, without decoding or executing anything: the model's rules are tested in
/// isolation from the instruction tables. Code runs from ITCM RAM (0x00000000) of the
/// stm32f746-nucleo board, data addresses are whatever the step names (DTCM = 0x20000000).
/// Mnemonic overrides of the core JSON apply to instructions built with a mnemonic (a synthetic row).
/// </summary>
internal sealed class PipelineHarness
{
    public const uint Itcm = 0x0000_0000;
    public const uint Dtcm = 0x2000_0000;

    private static readonly string[] Mnemonics = ["add", "mov", "lsl", "vsqrt", "dsb", "nop", "movw", "movt"];
    private static readonly Row[] SyntheticRows = BuildRows();

    private readonly Machine _machine;
    private CortexM7Timing _timing;
    private readonly List<uint> _ccrWrites = new();

    public PipelineHarness(uint codeBase = Itcm, string board = "stm32f746-nucleo")
    {
        _machine = new Machine(new MachineOptions { Board = board, Timing = TimingMode.None });
        Ccr = 0;
        _timing = new CortexM7Timing(CoreModel.Load("cortex-m7"), BoardMemoryTiming.From(_machine.Board), _machine.Bus, () => Ccr, SyntheticRows);
        Pc = codeBase;
    }

    public uint Pc { get; set; }
    public uint Ccr { get; set; }
    public Cpu Cpu => _machine.Cpu;
    public ulong Cycles => _timing.Cycles;
    public TimingCounters Counters => _timing.Counters;
    internal Machine Machine => _machine;

    /// <summary>Writes a word through the FLASH_ACR peripheral (offset 0 of the flash interface).</summary>
    public void SetFlashAcr(uint value) => _machine.Bus.Write(0x4002_3C00, 4, value);

    private static unsafe Row[] BuildRows()
    {
        var rows = new Row[Mnemonics.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            var cls = Mnemonics[i] switch
            {
                "vsqrt" => TimingClass.FpDiv,
                "dsb" => TimingClass.System,
                "nop" => TimingClass.System,
                "lsl" => TimingClass.Shift,
                _ => TimingClass.Alu,
            };
            rows[i] = new Row("1011 1111 0000 0000", "Synthetic" + Mnemonics[i], Mnemonics[i], null, cls, static (in Fields f, ref DecodedInst d) => DecodeStatus.Ok) { Id = (ushort)(i + 1) };
        }
        return rows;
    }

    private static ushort IdOf(string mnemonic) => (ushort)(Array.IndexOf(Mnemonics, mnemonic) + 1);

    public static ushort Mask(params int[] regs)
    {
        ushort m = 0;
        foreach (int r in regs) m |= (ushort)(1 << r);
        return m;
    }

    /// <summary>An instruction with the given class and register sets; size 4 (a .w encoding) unless told.</summary>
    public static DecodedInst Inst(TimingClass cls, ushort src = 0, ushort dst = 0, ushort early = 0, InstFlags flags = InstFlags.None,
        int size = 4, uint raw = 0, string? mnemonic = null, int rd = 0, int rn = 0, int ra = 0, uint imm = 0)
    {
        var d = new DecodedInst
        {
            Class = cls, SrcMask = (ushort)(src | early), DstMask = dst, EarlyMask = early, Flags = flags | (early != 0 ? InstFlags.EarlyOperand : 0),
            Size = (byte)size, Raw = raw, Rd = (byte)rd, Rn = (byte)rn, Ra = (byte)ra, Imm = imm, Cond = 0xE,
            Id = mnemonic is null ? (ushort)0 : IdOf(mnemonic),
        };
        if ((dst & 0x8000) != 0) d.Flags |= InstFlags.WritesPc;
        return d;
    }

    /// <summary>Retires one instruction at the current PC. <paramref name="accesses"/>: (address, size, isWrite).
    /// <paramref name="target"/>: where it branched (null = fell through).</summary>
    public PipelineHarness Step(DecodedInst d, uint? target = null, bool executed = true, params (uint Address, int Size, bool Write)[] accesses)
    {
        var c = _machine.Cpu;
        var bus = _machine.Bus;
        c.Pc = Pc;
        c.NextPc = target ?? Pc + d.Size;
        c.Fault = FaultKind.None;
        bus.AccessCount = 0;
        foreach (var (address, size, write) in accesses)
        {
            ref var a = ref bus.Accesses[bus.AccessCount++];
            a.Address = address;
            a.Size = (byte)size;
            a.IsWrite = write;
            a.Region = bus.Find(address) is { } r ? (byte)r.Index : (byte)0xFF;
        }
        _timing.Retire(c, ref d, executed);
        Pc = c.NextPc;
        return this;
    }

    public PipelineHarness Step(DecodedInst d, params (uint Address, int Size, bool Write)[] accesses) => Step(d, null, true, accesses);

    public PipelineHarness Repeat(int times, DecodedInst d)
    {
        for (int i = 0; i < times; i++) Step(d);
        return this;
    }

    public void AddCycles(ulong n) => _timing.AddCycles(n);
}
