using M7Sim.Execution;

namespace M7Sim.Memory;

/// <summary>
/// MPU registers (Armv7-M ARM B3.5): the 8 regions the firmware programs and reads back. Every write
/// recompiles them into <see cref="Mpu"/> and tells the machine, which routes accesses through the
/// check while MPU_CTRL.ENABLE is set (see Machine.Mpu.cs).
/// </summary>
internal sealed partial class SystemControlSpace
{
    public const int MpuRegions = 8;

    private uint _mpuCtrl, _mpuRnr;
    private readonly uint[] _mpuRbar = new uint[MpuRegions];
    private readonly uint[] _mpuRasr = new uint[MpuRegions];

    /// <summary>MPU_CTRL.ENABLE: the firmware turned the MPU on.</summary>
    public bool MpuEnabled => (_mpuCtrl & 1) != 0;

    /// <summary>The access check compiled from the registers.</summary>
    public MpuChecker Mpu => _mpu ??= new MpuChecker(_c, this);
    private MpuChecker? _mpu;

    /// <summary>
    /// Execution priority below 0 (B1.5.4): only HardFault (-1) and NMI (-2) have negative priorities
    /// and FAULTMASK boosts to -1, so this is ExecutionPriority() &lt; 0 without the walk over all exceptions.
    /// </summary>
    public bool ExecutionPriorityNegative => _active[Exceptions.HardFault] || _active[Exceptions.Nmi] || _c.Faultmask != 0;

    private void ResetMpu()
    {
        _mpuCtrl = _mpuRnr = 0;
        Array.Clear(_mpuRbar);
        Array.Clear(_mpuRasr);
        ApplyMpu();
    }

    private void ApplyMpu()
    {
        Mpu.Load(_mpuCtrl, _mpuRbar, _mpuRasr);
        _m.ApplyMpu(Mpu);
    }

    private uint ReadMpu(uint reg)
    {
        int region = (int)(_mpuRnr & 0xFF);
        bool valid = region < MpuRegions;
        return reg switch
        {
            0xED90 => (uint)MpuRegions << 8, // TYPE: DREGION = 8, IREGION = 0, unified
            0xED94 => _mpuCtrl,
            0xED98 => _mpuRnr,
            0xED9C or 0xEDA4 or 0xEDAC or 0xEDB4 => valid ? _mpuRbar[region] | (uint)region : 0,
            0xEDA0 or 0xEDA8 or 0xEDB0 or 0xEDB8 => valid ? _mpuRasr[region] : 0,
            _ => 0,
        };
    }

    private void WriteMpu(uint reg, uint value, uint mask)
    {
        switch (reg)
        {
            case 0xED94: _mpuCtrl = Merge(_mpuCtrl, value, mask) & 7; break;
            case 0xED98: _mpuRnr = Merge(_mpuRnr, value, mask) & 0xFF; break;
            case 0xED9C or 0xEDA4 or 0xEDAC or 0xEDB4:
                {
                    uint v = Merge(ReadMpu(reg), value, mask);
                    if ((v & 0x10) != 0) _mpuRnr = v & 0xF; // VALID: REGION selects the region (and updates RNR)
                    int region = (int)_mpuRnr;
                    if (region < MpuRegions) _mpuRbar[region] = v & 0xFFFF_FFE0;
                    break;
                }
            case 0xEDA0 or 0xEDA8 or 0xEDB0 or 0xEDB8:
                {
                    int region = (int)_mpuRnr;
                    if (region < MpuRegions) _mpuRasr[region] = Merge(_mpuRasr[region], value, mask) & 0x173F_FF3F;
                    break;
                }
            default: return;
        }
        ApplyMpu();
    }
}
