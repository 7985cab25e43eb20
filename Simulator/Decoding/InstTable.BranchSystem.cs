namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>Branches, IT, hints, miscellaneous control, MRS/MSR/CPS, barriers, SVC/BKPT/UDF, 16- and 32-bit (A5.2.5, A5.2.6 branch parts, A5.3.4).</summary>
    private static unsafe Row[] BranchSystemRows() =>
    [
    ];
}
