using FluentAssertions;
using M7Sim.Energy;
using M7Sim.Simulation;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>The energy estimate: each term is a counter times a coefficient, with user coefficient files.</summary>
public sealed class EnergyModelTests
{
    private static string WriteCoefficients(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"m7sim-energy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Simple = """
        {
          "name": "test",
          "supplyVolts": { "value": 3.3, "source": "test", "confidence": "high" },
          "staticWatts": { "value": 1.0, "source": "test", "confidence": "high" },
          "joulesPerCycle": { "value": 1e-9, "source": "test", "confidence": "high" },
          "classJoules": { "values": { "Mac": 0.5e-9 }, "source": "test", "confidence": "estimate" },
          "accessJoules": { "values": { "Tcm": 0.1e-9 }, "source": "test", "confidence": "estimate" },
          "flashLineReadJoules": { "value": 2e-9, "source": "test", "confidence": "estimate" },
          "cacheLineFillJoules": { "value": 3e-9, "source": "test", "confidence": "estimate" }
        }
        """;

    [Fact]
    public void Energy_is_the_sum_of_counters_times_coefficients()
    {
        string path = WriteCoefficients(Simple);
        try
        {
            var k = EnergyCoefficients.Load(path);
            var c = new TimingCounters(1);
            c.ByClass[(int)TimingClass.Mac] = 100;
            c.ByClass[(int)TimingClass.Alu] = 300;
            c.RegionReads[0] = 40;
            c.RegionWrites[0] = 10;
            c.FlashReads = 10;
            c.DCacheMisses = 2;
            // 1000 cycles at 1 MHz = 1 ms.
            var r = EnergyModel.Estimate(k, c, 1000, 1_000_000, [("DTCM", MemKind.Tcm)]);
            r.Seconds.Should().BeApproximately(1e-3, 1e-15);
            r.StaticJoules.Should().BeApproximately(1e-3, 1e-15);        // 1 W x 1 ms
            r.CycleJoules.Should().BeApproximately(1e-6, 1e-18);         // 1000 x 1 nJ
            r.ByClass[TimingClass.Mac].Joules.Should().BeApproximately(50e-9, 1e-18);
            r.ByClass[TimingClass.Alu].Joules.Should().Be(0);            // no coefficient: base only
            r.ByRegion["DTCM"].Joules.Should().BeApproximately(5e-9, 1e-18);
            r.FlashJoules.Should().BeApproximately(20e-9, 1e-18);
            r.CacheFillJoules.Should().BeApproximately(6e-9, 1e-18);
            r.TotalJoules.Should().BeApproximately(1e-3 + 1e-6 + 50e-9 + 5e-9 + 20e-9 + 6e-9, 1e-15);
            r.AverageWatts.Should().BeApproximately(r.TotalJoules / 1e-3, 1e-9);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_machine_reports_energy_from_a_user_coefficient_file()
    {
        string path = WriteCoefficients(Simple);
        try
        {
            var m = new Machine(new MachineOptions { Board = "stm32f746-nucleo", EnergyModel = path });
            m.WriteMemory(0, [0x00, 0xBF, 0x00, 0xBF]); // nop; nop
            m.SetRegister(15, 0);
            m.Run(2);
            var e = m.Energy!;
            e.CoefficientFile.Should().Be(path);
            e.CycleJoules.Should().BeApproximately(m.Cycles * 1e-9, 1e-18);
            e.StaticJoules.Should().BeApproximately(m.Cycles / 216e6, 1e-15);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_default_stm32f746_coefficients_follow_the_linear_fit_of_the_facts()
    {
        // Facts 6.1 [L]: IDD ~ 5 mA + 0.5 mA/MHz at 3.3 V -> 16.5 mW static, 1.65 nJ per cycle.
        var k = EnergyCoefficients.Load(Path.Combine(M7Sim.Loading.Board.ModelsDirectory, "energy", "stm32f746.json"));
        k.StaticWatts.Should().BeApproximately(0.005 * 3.3, 1e-12);
        k.JoulesPerCycle.Should().BeApproximately(0.5e-3 / 1e6 * 3.3, 1e-15);
        k.Confidence["joulesPerCycle"].Should().Be("low");
    }

    [Fact]
    public void Functional_mode_has_no_counters_and_no_energy()
    {
        var m = new Machine(new MachineOptions { Board = "stm32f746-nucleo", Timing = TimingMode.None });
        m.WriteMemory(0, [0x00, 0xBF]);
        m.SetRegister(15, 0);
        m.Run(1);
        m.Cycles.Should().Be(1);
        m.TimingCounters.Should().BeNull();
        m.Energy.Should().BeNull();
    }

    [Fact]
    public void A_broken_coefficient_file_is_a_one_line_user_error()
    {
        string path = WriteCoefficients(Simple.Replace("\"Mac\"", "\"Macc\""));
        try
        {
            var act = () => EnergyCoefficients.Load(path);
            act.Should().Throw<EnergyModelException>().WithMessage($"{path}: classJoules: unknown instruction class 'Macc'*");
        }
        finally { File.Delete(path); }
    }
}
