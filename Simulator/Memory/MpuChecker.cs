using M7Sim.Isa;

namespace M7Sim.Memory;

/// <summary>
/// The PMSAv7 access check (Armv7-M ARM B3.5, the ValidateAddress pseudocode) over the 8 MPU regions
/// the firmware programmed, compiled from MPU_RBAR/MPU_RASR whenever they change so a check is a walk
/// over 8 (mask, base) pairs. Also the default memory map's execute-never rule (B3.1, table B3-1),
/// which applies with the MPU off too. Only the slow paths ask it: the bus takes every data access off
/// its fast path while the MPU is on, and the decode cache checks every instruction lookup then.
/// </summary>
internal sealed class MpuChecker
{
    /// <summary>Permission bits of a region (from RASR.AP and RASR.XN) or of the default map.</summary>
    [Flags]
    private enum Perm : byte
    {
        None = 0,
        PrivRead = 1, PrivWrite = 2, UserRead = 4, UserWrite = 8,
        Execute = 16, // XN clear; a fetch also needs read permission at the current privilege
        All = PrivRead | PrivWrite | UserRead | UserWrite,
    }

    public enum Access : byte { Read, Write, Fetch }

    private readonly Cpu _c;
    private readonly SystemControlSpace _scs;
    private readonly uint[] _base = new uint[SystemControlSpace.MpuRegions];
    private readonly uint[] _mask = new uint[SystemControlSpace.MpuRegions];
    private readonly int[] _subregionShift = new int[SystemControlSpace.MpuRegions]; // 0: no subregions (region below 256 bytes)
    private readonly uint[] _subregionDisable = new uint[SystemControlSpace.MpuRegions];
    private readonly Perm[] _perm = new Perm[SystemControlSpace.MpuRegions];
    private readonly bool[] _regionEnabled = new bool[SystemControlSpace.MpuRegions];
    private bool _privDefault, _hfNmi;

    public MpuChecker(Cpu c, SystemControlSpace scs)
    {
        _c = c;
        _scs = scs;
    }

    /// <summary>MPU_CTRL.ENABLE.</summary>
    public bool Enabled { get; private set; }

    /// <summary>Recompiles the regions from the register values (B3.5.8-B3.5.9).</summary>
    public void Load(uint ctrl, ReadOnlySpan<uint> rbar, ReadOnlySpan<uint> rasr)
    {
        Enabled = (ctrl & 1) != 0;
        _hfNmi = (ctrl & 2) != 0;
        _privDefault = (ctrl & 4) != 0;
        for (int r = 0; r < _base.Length; r++)
        {
            uint attr = rasr[r];
            // Region size 2^(SIZE+1); SIZE values below 4 (under 32 bytes) are UNPREDICTABLE: treated as 32 bytes.
            int lsbit = Math.Max((int)((attr >> 1) & 0x1F) + 1, 5);
            _regionEnabled[r] = (attr & 1) != 0;
            _mask[r] = lsbit >= 32 ? 0 : ~((1u << lsbit) - 1);
            _base[r] = rbar[r] & _mask[r]; // base bits below the size are ignored (UNPREDICTABLE if set)
            _subregionShift[r] = lsbit >= 8 ? lsbit - 3 : 0; // eight subregions only from 256 bytes up
            _subregionDisable[r] = (attr >> 8) & 0xFF;
            _perm[r] = ApPermissions((attr >> 24) & 7) | ((attr & (1u << 28)) == 0 ? Perm.Execute : Perm.None);
        }
    }

    /// <summary>RASR.AP (B3.5.9, table B3-15); 100 is reserved: no access.</summary>
    private static Perm ApPermissions(uint ap) => ap switch
    {
        1 => Perm.PrivRead | Perm.PrivWrite,
        2 => Perm.PrivRead | Perm.PrivWrite | Perm.UserRead,
        3 => Perm.All,
        5 => Perm.PrivRead,
        6 or 7 => Perm.PrivRead | Perm.UserRead,
        _ => Perm.None,
    };

    /// <summary>
    /// Default memory map execute permission (B3.1, table B3-1): Code, SRAM and the two RAM regions
    /// (0x00000000-0x3FFFFFFF, 0x60000000-0x9FFFFFFF) are executable; Peripheral, both Device regions
    /// and System (0x40000000-0x5FFFFFFF, 0xA0000000-0xFFFFFFFF) are execute-never.
    /// </summary>
    public static bool DefaultExecutable(uint address) => ((0x1Bu >> (int)(address >> 29)) & 1) != 0;

    /// <summary>Whether a data access of <paramref name="size"/> bytes at <paramref name="address"/> is permitted.</summary>
    /// <param name="unprivileged">LDRT/STRT: checked as unprivileged whatever the mode (AccType_UNPRIV).</param>
    public bool PermitsData(uint address, int size, bool write, bool unprivileged = false)
    {
        var access = write ? Access.Write : Access.Read;
        if (!Permits(address, access, unprivileged)) return false;
        // An unaligned access is made of smaller ones, each checked; regions are 32-byte multiples, so
        // checking the last byte covers the one other region it can reach.
        uint last = address + (uint)size - 1;
        return ((address ^ last) & ~31u) == 0 || Permits(last, access, unprivileged);
    }

    /// <summary>Whether the instruction at <paramref name="pc"/> may be fetched (both halfwords of a 32-bit one).</summary>
    public bool PermitsInstruction(Bus bus, uint pc)
    {
        if (!Permits(pc, Access.Fetch)) return false;
        // The second halfword of a 32-bit instruction can lie in the next 32-byte granule.
        if ((pc & 31) != 30 || !bus.Fetch16(pc, out ushort hw1) || !Decoding.Decoder.Is32Bit(hw1)) return true;
        return Permits(pc + 2, Access.Fetch);
    }

    /// <summary>ValidateAddress (B3.5) for one byte address.</summary>
    public bool Permits(uint address, Access access, bool unprivileged = false)
    {
        bool privileged = _c.Privileged && !unprivileged;
        Perm perm;
        // The MPU does not apply to the PPB (always the default map), nor when it is off, nor (without
        // HFNMIENA) at execution priorities below 0.
        if (!Enabled || (address >> 20) == 0xE00 || (!_hfNmi && _scs.ExecutionPriorityNegative)) perm = Default(address);
        else
        {
            int hit = -1;
            for (int r = _base.Length - 1; r >= 0; r--) // the highest-numbered matching region wins
            {
                if (!_regionEnabled[r] || (address & _mask[r]) != _base[r]) continue;
                int shift = _subregionShift[r];
                if (shift != 0 && ((_subregionDisable[r] >> (int)((address >> shift) & 7)) & 1) != 0) continue;
                hit = r;
                break;
            }
            if (hit >= 0)
            {
                perm = _perm[hit];
                if ((address >> 29) == 7) perm &= ~Perm.Execute; // System space is never executable
            }
            else if (privileged && _privDefault) perm = Default(address); // background region
            else return false;
        }
        return access switch
        {
            Access.Read => (perm & (privileged ? Perm.PrivRead : Perm.UserRead)) != 0,
            Access.Write => (perm & (privileged ? Perm.PrivWrite : Perm.UserWrite)) != 0,
            _ => (perm & Perm.Execute) != 0 && (perm & (privileged ? Perm.PrivRead : Perm.UserRead)) != 0,
        };
    }

    private static Perm Default(uint address) => DefaultExecutable(address) ? Perm.All | Perm.Execute : Perm.All;
}
