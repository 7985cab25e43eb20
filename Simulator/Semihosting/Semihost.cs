using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Semihosting;

/// <summary>
/// Arm semihosting v2 (BKPT 0xAB on M-profile): operation number in R0, parameter block address in
/// R1, result in R0. Behaviour follows the "Semihosting for AArch32 and AArch64" specification and,
/// where it leaves room, QEMU's implementation (the functional oracle), so newlib's rdimon works
/// unmodified. Deterministic: every clock is simulated time, host files live under
/// <see cref="MachineOptions.SemihostingRoot"/> only, and a bad guest pointer yields -1, never an
/// exception.
/// </summary>
internal sealed partial class Semihost
{
    // Operation numbers (spec table 5-1).
    public const uint SysOpen = 0x01, SysClose = 0x02, SysWriteC = 0x03, SysWrite0 = 0x04, SysWrite = 0x05,
        SysRead = 0x06, SysReadC = 0x07, SysIsError = 0x08, SysIsTty = 0x09, SysSeek = 0x0A, SysFlen = 0x0C,
        SysTmpNam = 0x0D, SysRemove = 0x0E, SysRename = 0x0F, SysClock = 0x10, SysTime = 0x11, SysSystem = 0x12,
        SysErrno = 0x13, SysGetCmdline = 0x15, SysHeapInfo = 0x16, SysExit = 0x18, SysExitExtended = 0x20,
        SysElapsed = 0x30, SysTickFreq = 0x31;

    /// <summary>ADP_Stopped_ApplicationExit: the normal-exit reason code of SYS_EXIT.</summary>
    public const uint AdpStoppedApplicationExit = 0x20026;

    private const uint Fail = 0xFFFF_FFFF;

    private readonly Machine _m;
    private readonly Stream _stdout;
    private readonly Stream? _stdin;
    private readonly GuestMemory _mem;

    /// <summary>Value of the last failing call's host-style errno, returned by SYS_ERRNO.</summary>
    public int Errno { get; private set; }

    /// <summary>Reason code of the last SYS_EXIT / SYS_EXIT_EXTENDED (null until the firmware exits).</summary>
    public uint? ExitReason { get; private set; }

    /// <summary>SP at reset: the fallback stack top for SYS_HEAPINFO.</summary>
    private uint _initialSp;

    public Semihost(Machine m)
    {
        _m = m;
        _stdout = m.Options.Stdout ?? Stream.Null;
        _stdin = m.Options.Stdin;
        _mem = new GuestMemory(m.Bus);
        _sandbox = m.Options.SemihostingRoot is { } root ? SemihostSandbox.Create(root) : null;
    }

    /// <summary>Called at machine reset: closes every open file and forgets errno.</summary>
    public void Reset()
    {
        CloseAll();
        Errno = 0;
        ExitReason = null;
        _initialSp = _m.Cpu.R[13];
    }

    /// <summary>Performs the call in R0/R1 and leaves the result in R0. <paramref name="cycles"/> is simulated time now.</summary>
    public void Handle(Cpu c, ulong cycles)
    {
        uint op = c.R[0], arg = c.R[1];
        uint result = op switch
        {
            SysOpen => Open(arg),
            SysClose => Close(arg),
            SysWriteC => WriteC(arg),
            SysWrite0 => Write0(arg),
            SysWrite => Write(arg),
            SysRead => Read(arg),
            SysReadC => ReadC(),
            SysIsError => IsError(arg),
            SysIsTty => IsTty(arg),
            SysSeek => Seek(arg),
            SysFlen => Flen(arg),
            SysTmpNam => Refuse(Errnos.EACCES),
            SysRemove => Remove(arg),
            SysRename => Rename(arg),
            SysClock => Clock(cycles),
            SysTime => Time(cycles),
            SysSystem => Refuse(Errnos.EACCES),
            SysErrno => (uint)Errno,
            SysGetCmdline => GetCmdline(arg),
            SysHeapInfo => HeapInfo(arg),
            SysExit => Exit(c, arg),
            SysExitExtended => ExitExtended(c, arg),
            SysElapsed => Elapsed(arg, cycles),
            SysTickFreq => (uint)_m.Board.ClockHz,
            _ => Refuse(Errnos.ENOSYS),
        };
        // WRITEC/WRITE0 and the exits leave R0 alone (the spec says R0 is corrupted; QEMU keeps it).
        if (op is not (SysWriteC or SysWrite0 or SysExit or SysExitExtended)) c.R[0] = result;
    }

    /// <summary>SYS_ISERROR {status}: 1 when the status word is negative.</summary>
    private uint IsError(uint block) => !Arg(block, 0, out uint status) ? Refuse(Errnos.EFAULT) : (int)status < 0 ? 1u : 0u;

    private uint Refuse(int errno)
    {
        Errno = errno;
        return Fail;
    }

    /// <summary>Reads word <paramref name="index"/> of a parameter block; false for a bad pointer.</summary>
    private bool Arg(uint block, int index, out uint value) => _mem.TryReadWord(block + (uint)(4 * index), out value);
}

/// <summary>errno values reported by SYS_ERRNO: the Linux/newlib numbers (identical for these).</summary>
internal static class Errnos
{
    public const int ENOENT = 2, EIO = 5, E2BIG = 7, EBADF = 9, EFAULT = 14, EACCES = 13, EEXIST = 17,
        ENOTDIR = 20, EISDIR = 21, EINVAL = 22, EMFILE = 24, ENOTTY = 25, ESPIPE = 29, ENOSYS = 38;
}
