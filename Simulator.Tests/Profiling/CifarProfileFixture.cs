using M7Sim.Reporting;
using M7Sim.Tests.TestSupport;

namespace M7Sim.Tests.Profiling;

/// <summary>Profiles the bundled cifar10_cnn once (Cortex-M7 model) for every test that reads the report.</summary>
public sealed class CifarProfileFixture
{
    public CifarProfileFixture()
    {
        Output = new MemoryStream();
        Report = ProfileRunner.Profile(Path.Combine(ToolchainPaths.KernelsBuild, "cifar10_cnn.f746.elf"), new ProfileOptions
        {
            Machine = new Simulation.MachineOptions { Stdout = Output },
        });
    }

    public ProfileReport Report { get; }
    public MemoryStream Output { get; }
}
