using System.Text;
using M7Sim.Isa;
using M7Sim.Memory;

namespace M7Sim.Semihosting;

/// <summary>Time, command line, heap layout and exit: everything answered from simulated state, never the host.</summary>
internal sealed partial class Semihost
{
    /// <summary>
    /// SYS_TIME reports seconds since the Unix epoch as if reset happened at this instant
    /// (2000-01-01T00:00:00Z): the epoch plus simulated seconds, so runs are reproducible.
    /// </summary>
    public const uint TimeEpoch = 946_684_800;

    private ulong ClockHz => _m.Board.ClockHz == 0 ? 1 : _m.Board.ClockHz;

    /// <summary>SYS_CLOCK: centiseconds of simulated time since reset.</summary>
    private uint Clock(ulong cycles) => (uint)(cycles / ClockHz * 100 + cycles % ClockHz * 100 / ClockHz);

    private uint Time(ulong cycles) => TimeEpoch + (uint)(cycles / ClockHz);

    /// <summary>SYS_ELAPSED: the 64-bit cycle count, low word first, into the 8-byte block at R1.</summary>
    private uint Elapsed(uint block, ulong cycles) =>
        _mem.IsBacked(block, 8, write: true) && _mem.TryWriteWord(block, (uint)cycles) && _mem.TryWriteWord(block + 4, (uint)(cycles >> 32))
            ? 0 : Refuse(Errnos.EFAULT);

    /// <summary>The command line SYS_GET_CMDLINE returns: the ELF's file name, then the arguments, joined by spaces.</summary>
    public string CommandLine
    {
        get
        {
            string program = _m.ElfPath is { } p ? Path.GetFileName(p) : "firmware";
            return _m.Options.Arguments.Count == 0 ? program : program + " " + string.Join(' ', _m.Options.Arguments);
        }
    }

    /// <summary>SYS_GET_CMDLINE {buffer, size}: writes the NUL-terminated line and its length (without NUL) to word 1; -1 if it does not fit.</summary>
    private uint GetCmdline(uint block)
    {
        if (!Arg(block, 0, out uint buffer) || !Arg(block, 1, out uint size)) return Refuse(Errnos.EFAULT);
        byte[] line = Encoding.UTF8.GetBytes(CommandLine + "\0");
        if ((uint)line.Length > size) return Refuse(Errnos.E2BIG);
        if (!_mem.TryWrite(buffer, line) || !_mem.TryWriteWord(block + 4, (uint)line.Length - 1)) return Refuse(Errnos.EFAULT);
        return 0;
    }

    /// <summary>The four words SYS_HEAPINFO reports: heap base, heap limit, stack base (top), stack limit.</summary>
    public (uint HeapBase, uint HeapLimit, uint StackBase, uint StackLimit) HeapLayout()
    {
        // Rule, first match wins (documented in the README's semihosting section):
        //   stack top   = __StackTop | _estack | __stack | initial SP (vector table word 0)
        //   heap base   = end | __end__ | _end | __HeapBase | __heap_start__ | base of the RAM region holding the stack top
        //   heap limit  = __HeapLimit | __heap_end__ | __StackLimit | stack top (heap and stack share the gap)
        //   stack limit = __StackLimit | _sstack | heap limit
        var symbols = _m.Symbols;
        uint stackTop = Symbol("__StackTop", "_estack", "__stack") ?? InitialSp();
        MemoryRegion? region = null;
        foreach (var r in _m.Bus.Regions)
        {
            if (r.Kind == RegionKind.Ram && stackTop - 1 - r.Base < r.Size) { region = r; break; }
        }
        uint heapBase = Symbol("end", "__end__", "_end", "__HeapBase", "__heap_start__") ?? region?.Base ?? 0;
        uint heapLimit = Symbol("__HeapLimit", "__heap_end__", "__StackLimit") ?? stackTop;
        uint stackLimit = Symbol("__StackLimit", "_sstack") ?? heapLimit;
        return (heapBase, heapLimit, stackTop, stackLimit);

        uint? Symbol(params string[] names)
        {
            foreach (string n in names)
            {
                if (symbols.Find(n) is { } s) return s.Address;
            }
            return null;
        }
    }

    /// <summary>SP as reset loads it: word 0 of the boot vector table, else what reset chose.</summary>
    private uint InitialSp() =>
        _m.Bus.TryReadWord(_m.Board.BootAddress, out uint sp) && sp != 0 ? sp & ~3u : _initialSp;

    /// <summary>SYS_HEAPINFO: [R1] holds the address of a four-word block to fill.</summary>
    private uint HeapInfo(uint pointer)
    {
        if (!Arg(pointer, 0, out uint block)) return Refuse(Errnos.EFAULT);
        var (heapBase, heapLimit, stackBase, stackLimit) = HeapLayout();
        if (!_mem.IsBacked(block, 16, write: true)) return Refuse(Errnos.EFAULT);
        _mem.TryWriteWord(block, heapBase);
        _mem.TryWriteWord(block + 4, heapLimit);
        _mem.TryWriteWord(block + 8, stackBase);
        _mem.TryWriteWord(block + 12, stackLimit);
        return 0;
    }

    /// <summary>
    /// SYS_EXIT: in the AArch32 form R1 is the reason code itself. ADP_Stopped_ApplicationExit exits
    /// with 0; any other reason exits with 1 (QEMU does the same) and is kept in <see cref="ExitReason"/>.
    /// </summary>
    private uint Exit(Cpu c, uint reason) => Stop(c, reason, reason == AdpStoppedApplicationExit ? 0 : 1);

    /// <summary>
    /// SYS_EXIT_EXTENDED {reason, subcode}: ApplicationExit exits with the subcode (newlib's exit
    /// status); other reasons exit with 1 as in QEMU. A bad block pointer is a plain -1 return.
    /// </summary>
    private uint ExitExtended(Cpu c, uint block)
    {
        if (!Arg(block, 0, out uint reason) || !Arg(block, 1, out uint subcode))
        {
            c.R[0] = Refuse(Errnos.EFAULT);
            return Fail;
        }
        return Stop(c, reason, reason == AdpStoppedApplicationExit ? unchecked((int)subcode) : 1);
    }

    private uint Stop(Cpu c, uint reason, int code)
    {
        ExitReason = reason;
        c.ExitCode = code;
        c.Raise(FaultKind.Halt);
        return 0;
    }

    /// <summary>Name of a SYS_EXIT reason code (spec table 5-6), for stop messages.</summary>
    public static string ReasonName(uint reason) => reason switch
    {
        0x20000 => "ADP_Stopped_BranchThroughZero",
        0x20001 => "ADP_Stopped_UndefinedInstr",
        0x20002 => "ADP_Stopped_SoftwareInterrupt",
        0x20003 => "ADP_Stopped_PrefetchAbort",
        0x20004 => "ADP_Stopped_DataAbort",
        0x20005 => "ADP_Stopped_AddressException",
        0x20006 => "ADP_Stopped_IRQ",
        0x20007 => "ADP_Stopped_FIQ",
        0x20020 => "ADP_Stopped_BreakPoint",
        0x20021 => "ADP_Stopped_WatchPoint",
        0x20022 => "ADP_Stopped_StepComplete",
        0x20023 => "ADP_Stopped_RunTimeErrorUnknown",
        0x20024 => "ADP_Stopped_InternalError",
        0x20025 => "ADP_Stopped_UserInterruption",
        0x20026 => "ADP_Stopped_ApplicationExit",
        0x20027 => "ADP_Stopped_StackOverflow",
        0x20028 => "ADP_Stopped_DivisionByZero",
        0x20029 => "ADP_Stopped_OSSpecific",
        _ => $"reason 0x{reason:X}",
    };
}
