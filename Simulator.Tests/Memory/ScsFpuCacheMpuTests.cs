using FluentAssertions;
using M7Sim.Memory;
using Xunit;

namespace M7Sim.Tests.Memory;

/// <summary>FP context registers (B3.2.20-24), cache maintenance (B2.2.7), MPU registers (B3.5).</summary>
public class ScsFpuCacheMpuTests
{
    private const uint Fpccr = 0xE000_EF34, Fpcar = 0xE000_EF38, Fpdscr = 0xE000_EF3C, Mvfr0 = 0xE000_EF40,
        Mvfr1 = 0xE000_EF44, Mvfr2 = 0xE000_EF48, Iciallu = 0xE000_EF50, Dcisw = 0xE000_EF60, Dccimvac = 0xE000_EF70,
        Bpiall = 0xE000_EF78, MpuType = 0xE000_ED90, MpuCtrl = 0xE000_ED94, MpuRnr = 0xE000_ED98, MpuRbar = 0xE000_ED9C,
        MpuRasr = 0xE000_EDA0, MpuRbarA2 = 0xE000_EDAC;

    [Fact]
    public void Fpccr_resets_to_aspen_and_lspen()
    {
        var f = new ScsFixture();
        f.Read(Fpccr).Should().Be(0xC000_0000u);
        f.Cpu.Fpccr.Should().Be(0xC000_0000u);
    }

    [Fact]
    public void Fp_context_registers_keep_their_defined_fields()
    {
        var f = new ScsFixture();
        f.Write(Fpccr, 0xFFFF_FFFF);
        f.Read(Fpccr).Should().Be(0xC000_017Bu);
        f.Write(Fpcar, 0x2000_0FFF);
        f.Read(Fpcar).Should().Be(0x2000_0FF8u);
        f.Write(Fpdscr, 0xFFFF_FFFF);
        f.Read(Fpdscr).Should().Be(0x07C0_0000u);
        f.Cpu.Fpdscr.Should().Be(0x07C0_0000u);
    }

    [Fact]
    public void Mvfr_registers_describe_fpv5_with_double_precision()
    {
        var f = new ScsFixture();
        f.Read(Mvfr0).Should().Be(0x1011_0221u);
        f.Read(Mvfr1).Should().Be(0x1200_0011u);
        f.Read(Mvfr2).Should().Be(0x0000_0040u);
    }

    [Fact]
    public void Cache_maintenance_writes_are_counted_and_reported_with_their_operand()
    {
        var f = new ScsFixture();
        var seen = new List<(CacheOp, uint)>();
        f.Scs.CacheMaintenance += (op, v) => seen.Add((op, v));
        f.Write(Iciallu, 0);
        f.Write(Dcisw, 0x4000_0020);
        f.Write(Dcisw, 0x8000_0040);
        f.Write(Dccimvac, 0x2000_1000);
        f.Write(Bpiall, 0);
        f.Scs.CacheOpCount(CacheOp.ICacheInvalidateAll).Should().Be(1);
        f.Scs.CacheOpCount(CacheOp.DCacheInvalidateBySetWay).Should().Be(2);
        f.Scs.CacheOpCount(CacheOp.DCacheCleanInvalidateByAddress).Should().Be(1);
        f.Scs.CacheOpCount(CacheOp.BranchPredictorInvalidateAll).Should().Be(1);
        seen.Should().Equal(
            (CacheOp.ICacheInvalidateAll, 0u), (CacheOp.DCacheInvalidateBySetWay, 0x4000_0020u),
            (CacheOp.DCacheInvalidateBySetWay, 0x8000_0040u), (CacheOp.DCacheCleanInvalidateByAddress, 0x2000_1000u),
            (CacheOp.BranchPredictorInvalidateAll, 0u));
        f.Read(Dcisw).Should().Be(0u); // write-only
    }

    [Fact]
    public void Mpu_type_reports_eight_regions()
    {
        new ScsFixture().Read(MpuType).Should().Be(0x0000_0800u);
    }

    [Fact]
    public void Mpu_regions_are_selected_by_rnr_or_by_rbar_valid()
    {
        var f = new ScsFixture();
        f.Write(MpuRnr, 2);
        f.Write(MpuRbar, 0x2000_0000);
        f.Write(MpuRasr, 0xFFFF_FFFF);
        f.Read(MpuRbar).Should().Be(0x2000_0002u);  // REGION reads the selected region
        f.Read(MpuRasr).Should().Be(0x173F_FF3Fu);
        f.Write(MpuRbarA2, 0x0800_0000 | 0x10 | 5); // VALID: region 5
        f.Read(MpuRnr).Should().Be(5u);
        f.Read(MpuRbar).Should().Be(0x0800_0005u);
        f.Write(MpuRnr, 2);
        f.Read(MpuRbar).Should().Be(0x2000_0002u);
        f.Write(MpuCtrl, 0xFF);
        f.Read(MpuCtrl).Should().Be(7u);
        f.Scs.MpuEnabled.Should().BeTrue();
    }
}
