namespace M7Sim.Cli;

/// <summary>The words after "--" on the command line: the firmware's argv[1..].</summary>
internal static class FirmwareArguments
{
    public static string[] Values { get; set; } = [];
}
