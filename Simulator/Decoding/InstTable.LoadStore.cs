namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>Loads and stores of every width and addressing mode, LDM/STM/PUSH/POP, LDRD/STRD, exclusives, TBB/TBH, PLD/PLI, 16- and 32-bit (A5.2.4, A5.3.5-A5.3.10).</summary>
    private static unsafe Row[] LoadStoreRows() =>
    [
    ];
}
