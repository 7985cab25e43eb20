using System.Buffers.Binary;
using System.Text;
using M7Sim.Memory;

namespace M7Sim.Semihosting;

/// <summary>
/// Checked access to firmware memory for semihosting: buffers must lie wholly in RAM or flash (not
/// MMIO, not past 4 GB), writes must not land in read-only memory. Every failure is a false return
/// so a bad pointer in a parameter block becomes -1 for the firmware, never a host exception.
/// </summary>
internal sealed class GuestMemory(Bus bus)
{
    /// <summary>Longest NUL-terminated string SYS_WRITE0 will scan before giving up.</summary>
    public const int MaxString = 1 << 20;

    public bool TryReadWord(uint address, out uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (!IsBacked(address, 4, write: false) || !bus.ReadBytes(address, b)) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt32LittleEndian(b);
        return true;
    }

    public bool TryWriteWord(uint address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return TryWrite(address, b);
    }

    /// <summary>Copies <paramref name="length"/> bytes out of the firmware, or null for a bad range.</summary>
    public byte[]? TryRead(uint address, uint length)
    {
        if (!IsBacked(address, length, write: false)) return null;
        var data = new byte[length];
        return bus.ReadBytes(address, data) ? data : null;
    }

    public bool TryWrite(uint address, ReadOnlySpan<byte> data) =>
        IsBacked(address, (uint)data.Length, write: true) && bus.WriteBytes(address, data);

    /// <summary>A string given as pointer + length (SYS_OPEN, SYS_REMOVE, SYS_RENAME), decoded as UTF-8.</summary>
    public string? TryReadString(uint address, uint length)
    {
        if (length > MaxString) return null;
        var bytes = TryRead(address, length);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The bytes of a NUL-terminated string (without the NUL), or null when it runs into unmapped memory.</summary>
    public byte[]? TryReadCString(uint address)
    {
        var bytes = new List<byte>();
        Span<byte> b = stackalloc byte[1];
        for (uint a = address; bytes.Count < MaxString; a++)
        {
            if (a < address || !IsBacked(a, 1, write: false) || !bus.ReadBytes(a, b)) return null;
            if (b[0] == 0) return bytes.ToArray();
            bytes.Add(b[0]);
        }
        return null;
    }

    /// <summary>Whether [address, address+length) lies in RAM/flash regions (writable ones for a write).</summary>
    public bool IsBacked(uint address, uint length, bool write)
    {
        if (length == 0) return true;
        if ((ulong)address + length > 0x1_0000_0000UL) return false;
        ulong a = address, end = (ulong)address + length;
        while (a < end)
        {
            var r = bus.Find((uint)a);
            if (r is null || r.Data is null || (write && r.ReadOnly)) return false;
            a = Math.Min(end, (ulong)r.Base + r.Size);
        }
        return true;
    }
}
