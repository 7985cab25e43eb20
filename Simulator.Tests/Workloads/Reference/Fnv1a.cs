namespace M7Sim.Tests.Workloads.Reference;

/// <summary>FNV-1a 32 as the firmware's m7sim_fnv1a: h = (h ^ byte) · 0x01000193 from 0x811C9DC5, bytes of the int8 tensor.</summary>
internal static class Fnv1a
{
    public const uint Init = 0x811C9DC5;

    public static uint Hash(uint h, ReadOnlySpan<sbyte> data)
    {
        foreach (sbyte b in data) h = unchecked((h ^ (byte)b) * 0x01000193u);
        return h;
    }

    public static uint Hash(ReadOnlySpan<sbyte> data) => Hash(Init, data);
}
