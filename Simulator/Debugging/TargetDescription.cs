using System.Text;
using M7Sim.Memory;

namespace M7Sim.Debugging;

/// <summary>
/// The XML documents GDB reads with qXfer: the target description ("Debugging with GDB" G.5.1, ARM
/// features) and the memory map (E.17). Register numbers match <see cref="GdbRegisters"/>.
/// </summary>
internal static class TargetDescription
{
    public static string Features()
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        sb.Append("<architecture>arm</architecture>\n");
        sb.Append("<feature name=\"org.gnu.gdb.arm.m-profile\">\n");
        for (int i = 0; i <= 12; i++) Reg(sb, $"r{i}", 32, "uint32", i);
        Reg(sb, "sp", 32, "data_ptr", GdbRegisters.Sp);
        Reg(sb, "lr", 32, "int", GdbRegisters.Lr);
        Reg(sb, "pc", 32, "code_ptr", GdbRegisters.Pc);
        Reg(sb, "xpsr", 32, "int", GdbRegisters.Xpsr);
        sb.Append("</feature>\n<feature name=\"org.gnu.gdb.arm.vfp\">\n");
        for (int i = 0; i < 16; i++) Reg(sb, $"d{i}", 64, "ieee_double", GdbRegisters.D0 + i, "float");
        Reg(sb, "fpscr", 32, "int", GdbRegisters.Fpscr, "float");
        sb.Append("</feature>\n<feature name=\"org.gnu.gdb.arm.m-system\">\n");
        Reg(sb, "msp", 32, "data_ptr", GdbRegisters.Msp, "system");
        Reg(sb, "psp", 32, "data_ptr", GdbRegisters.Psp, "system");
        Reg(sb, "primask", 32, "int", GdbRegisters.Primask, "system");
        Reg(sb, "basepri", 32, "int", GdbRegisters.Basepri, "system");
        Reg(sb, "faultmask", 32, "int", GdbRegisters.Faultmask, "system");
        Reg(sb, "control", 32, "int", GdbRegisters.Control, "system");
        sb.Append("</feature>\n</target>\n");
        return sb.ToString();
    }

    private static void Reg(StringBuilder sb, string name, int bits, string type, int regnum, string? group = null)
    {
        sb.Append($"  <reg name=\"{name}\" bitsize=\"{bits}\" type=\"{type}\" regnum=\"{regnum}\"");
        if (group is not null) sb.Append($" group=\"{group}\"");
        sb.Append("/>\n");
    }

    /// <summary>Flash erase granularity we report; erasing only fills with 0xFF, so any power of two works.</summary>
    public const uint FlashBlockSize = 0x800;

    /// <summary>
    /// Every mapped region: flash as "flash" (so GDB plants hardware breakpoints there and loads
    /// through vFlash packets), RAM and devices as "ram". GDB treats unlisted addresses as
    /// inaccessible, so devices are listed too.
    /// </summary>
    public static string MemoryMap(IReadOnlyList<MemoryRegion> regions)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory Map V1.0//EN\" \"http://sourceware.org/gdb/gdb-memory-map.dtd\">\n<memory-map>\n");
        foreach (var r in regions.OrderBy(r => r.Base))
        {
            if (r.Kind == RegionKind.Flash)
                sb.Append($"  <memory type=\"flash\" start=\"0x{r.Base:x}\" length=\"0x{r.Size:x}\">\n    <property name=\"blocksize\">0x{FlashBlockSize:x}</property>\n  </memory>\n");
            else
                sb.Append($"  <memory type=\"ram\" start=\"0x{r.Base:x}\" length=\"0x{r.Size:x}\"/>\n");
        }
        sb.Append("</memory-map>\n");
        return sb.ToString();
    }
}
