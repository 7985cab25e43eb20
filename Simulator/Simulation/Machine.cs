using M7Sim.Decoding;
using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Loading;
using M7Sim.Memory;
using M7Sim.Semihosting;
using Microsoft.Extensions.Logging;

namespace M7Sim.Simulation;

/// <summary>
/// One simulated board with its core, memory and loaded firmware: the public API shared by the CLI,
/// the GDB server and library users.
/// </summary>
public sealed partial class Machine
{
    internal readonly Cpu Cpu;
    internal readonly Bus Bus;
    internal readonly DecodeCache Cache;
    internal readonly SystemControlSpace Scs;
    internal readonly Semihost Semihost;
    private readonly ILogger _logger;

    public Board Board { get; }
    public MachineOptions Options { get; }
    public SymbolTable Symbols { get; private set; } = new([]);
    public Elf32Reader? Elf { get; private set; }
    public string? ElfPath { get; private set; }

    /// <summary>Instructions retired since reset (including ones skipped by their condition).</summary>
    public ulong Instructions { get; internal set; }

    public Machine(MachineOptions? options = null)
    {
        Options = options ?? new MachineOptions();
        _logger = Options.Logger;
        Board = Board.Load(Options.Board);
        Bus = new Bus();
        Cache = new DecodeCache(Bus);
        foreach (var region in BuildRegions(Board)) Bus.Map(region);
        Cpu = new Cpu(Bus);
        Scs = new SystemControlSpace(this);
        Bus.Map(new MemoryRegion { Name = "PPB", Base = 0xE000_0000, Size = 0x0010_0000, Kind = RegionKind.Mmio, Interface = BusInterface.Ppb, Device = Scs });
        foreach (var p in Board.Peripherals)
            Bus.Map(new MemoryRegion { Name = p.Type, Base = p.Base, Size = p.Size, Kind = RegionKind.Mmio, Interface = BusInterface.Ahbp, Device = Peripherals.Create(p) });
        Bus.CodeWritten = (a, n) =>
        {
            Cache.Invalidate(a, n);
            Cpu.InterruptCheck = true; // the run loop must look its next slot up again (see RunCore)
        };
        Semihost = new Semihost(this);
    }

    /// <summary>Builds a machine and loads an ELF file into it, ready to run from reset.</summary>
    public static Machine Load(string elfPath, MachineOptions? options = null)
    {
        var elf = Elf32Reader.Load(elfPath);
        var m = new Machine(options);
        m.LoadElf(elf, elfPath);
        return m;
    }

    private static IEnumerable<MemoryRegion> BuildRegions(Board board)
    {
        var made = new Dictionary<string, MemoryRegion>();
        foreach (var r in board.Regions.OrderBy(r => r.AliasOf is null ? 0 : 1))
        {
            MemoryRegion? target = null;
            if (r.AliasOf is not null && !made.TryGetValue(r.AliasOf, out target))
                throw new BoardException($"{board.SourcePath}: region {r.Name} aliases unknown region {r.AliasOf}");
            var kind = r.Kind == "flash" ? RegionKind.Flash : RegionKind.Ram;
            var region = new MemoryRegion
            {
                Name = r.Name,
                Base = r.Base,
                Size = r.Size,
                Kind = kind,
                Interface = Enum.Parse<BusInterface>(r.Interface, ignoreCase: true),
                Data = target?.Data ?? new byte[r.Size],
                ReadOnly = kind == RegionKind.Flash,
                AliasOf = target,
            };
            made[r.Name] = region;
            yield return region;
        }
    }

    /// <summary>Places every PT_LOAD segment at its physical (load) address and resets the core.</summary>
    public void LoadElf(Elf32Reader elf, string path)
    {
        var placed = new List<(uint Start, uint End, int Index)>();
        for (int i = 0; i < elf.Segments.Count; i++)
        {
            var s = elf.Segments[i];
            uint start = s.PhysicalAddress, end = s.PhysicalAddress + s.MemorySize;
            var region = Bus.Find(start);
            if (region is null || region.Data is null || end - region.Base > region.Size)
                throw new LoadException($"segment {i} (0x{start:X8}-0x{end - 1:X8}, {s.MemorySize} bytes) is outside every memory region of board {Board.Name}");
            foreach (var (ps, pe, pi) in placed)
            {
                // Compare the storage both occupy: aliases map the same bytes.
                if (start < pe && ps < end)
                    throw new LoadException($"segment {i} (0x{start:X8}-0x{end - 1:X8}) overlaps segment {pi} (0x{ps:X8}-0x{pe - 1:X8})");
            }
            placed.Add((start, end, i));
            Bus.WriteBytes(start, elf.SegmentBytes(s));
            if (s.MemorySize > s.FileSize)
                Bus.WriteBytes(start + s.FileSize, new byte[s.MemorySize - s.FileSize]);
        }
        Elf = elf;
        ElfPath = path;
        Symbols = new SymbolTable(elf.Symbols);
        Reset();
    }

    /// <summary>
    /// Reset as the chip does (Armv7-M ARM B1.5.5 TakeReset): VTOR = the board's boot address; SP_main
    /// from word 0 and PC from word 1 of the vector table there. If that table is empty (firmware not
    /// linked for this board's boot address), the ELF entry point is used and SP is set to the top of
    /// the highest RAM region; the run summary notes it.
    /// </summary>
    public void Reset()
    {
        var c = Cpu;
        c.R.AsSpan().Clear();
        c.N = c.Z = c.C = c.V = c.Q = false;
        c.GE = 0; c.ItState = 0; c.ThumbClear = false; c.Primask = c.Basepri = c.Faultmask = c.Control = 0; c.Ipsr = 0;
        c.Fault = FaultKind.None; c.ExclusiveOpen = false; c.ExceptionReturnRequested = false;
        Scs.Reset(Board.BootAddress);
        Instructions = 0;
        BlockInstructions = 0;
        ResetNote = null;
        Bus.TryReadWord(Board.BootAddress, out uint sp);
        Bus.TryReadWord(Board.BootAddress + 4, out uint pc);
        if ((pc & 1) == 1 && Bus.Find(pc & ~1u)?.Data is not null)
        {
            c.R[13] = sp & ~3u;
            c.Pc = pc & ~1u;
        }
        else if (Elf is not null)
        {
            var topRam = Bus.Regions.Where(r => r.Kind == RegionKind.Ram && r.AliasOf is null).OrderBy(r => r.Base).LastOrDefault();
            c.R[13] = topRam is null ? 0 : topRam.Base + topRam.Size;
            c.Pc = Elf.Entry & ~1u;
            ResetNote = $"no vector table at 0x{Board.BootAddress:X8}; started at the ELF entry 0x{c.Pc:X8} with SP=0x{c.R[13]:X8}";
        }
        c.Msp = c.R[13];
        c.Psp = 0;
        c.NextPc = c.Pc;
        Semihost.Reset();
        ResetTiming();
    }

    /// <summary>Set when reset could not follow the vector table (see <see cref="Reset"/>).</summary>
    public string? ResetNote { get; private set; }

    public uint Pc => Cpu.Pc;

    /// <summary>Core register R<paramref name="n"/> (0-15; 15 reads the address of the next instruction).</summary>
    public uint GetRegister(int n) => CheckedRegister(n) == 15 ? Cpu.Pc : Cpu.R[n];

    /// <summary>Sets R<paramref name="n"/> (0-15; 15 moves the PC).</summary>
    public void SetRegister(int n, uint value)
    {
        if (CheckedRegister(n) == 15) { Cpu.Pc = value & ~1u; Cpu.NextPc = Cpu.Pc; } else Cpu.R[n] = value;
    }

    // The register file does not range-check its indexer (CoreRegisters): the public API does.
    private static int CheckedRegister(int n) =>
        (uint)n < CoreRegisters.Count ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "core registers are R0-R15");

    public uint Xpsr => Cpu.Xpsr;

    internal ILogger Logger => _logger;

    /// <summary>Reads memory without side effects on timing (debugger, reports).</summary>
    public bool ReadMemory(uint address, Span<byte> destination) => Bus.ReadBytes(address, destination);

    /// <summary>Writes memory, flash included (debugger, loaders).</summary>
    public bool WriteMemory(uint address, ReadOnlySpan<byte> source) => Bus.WriteBytes(address, source);
}
