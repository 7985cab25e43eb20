using System.Globalization;

namespace M7Sim.Reporting;

/// <summary>Human formatting of counts, times, energies and bytes (invariant culture).</summary>
internal static class Units
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Count(double v) => v.ToString("#,0", Inv);

    public static string Fixed(double v, int digits = 2) => v.ToString("F" + digits, Inv);

    public static string Time(double seconds) =>
        seconds >= 1 ? $"{Fixed(seconds, 3)} s" : seconds >= 1e-3 ? $"{Fixed(seconds * 1e3, 3)} ms" : $"{Fixed(seconds * 1e6, 1)} us";

    public static string Energy(double joules) =>
        joules >= 1e-3 ? $"{Fixed(joules * 1e3, 3)} mJ" : joules >= 1e-6 ? $"{Fixed(joules * 1e6, 2)} uJ" : $"{Fixed(joules * 1e9, 1)} nJ";

    public static string Power(double watts) => $"{Fixed(watts * 1e3, 1)} mW";

    public static string Bytes(double b) => b >= 1024 * 1024 ? $"{Fixed(b / 1048576, 2)} MB" : b >= 1024 ? $"{Fixed(b / 1024, 1)} KB" : $"{Count(b)} B";
}
