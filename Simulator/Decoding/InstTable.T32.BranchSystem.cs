namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>32-bit branches and miscellaneous control (A5.3.4).</summary>
    private static unsafe Row[] T32BranchSystemRows() =>
    [
    ];
}
