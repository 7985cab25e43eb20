using System.Globalization;
using System.Text;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>Text forms the firmware prints (common/m7sim_io.c), for comparing whole console outputs.</summary>
internal static class TensorText
{
    /// <summary>m7sim_dump_s8: "label [n]:" then the values as %4d, 16 per line.</summary>
    public static void AppendDump(StringBuilder sb, string label, ReadOnlySpan<sbyte> data)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{label} [{data.Length}]:\n");
        for (int i = 0; i < data.Length; i++)
        {
            sb.Append(data[i].ToString(CultureInfo.InvariantCulture).PadLeft(4));
            sb.Append(i % 16 == 15 || i + 1 == data.Length ? '\n' : ' ');
        }
    }
}
