using M7Sim.Loading;

namespace M7Sim.Tests.Differential;

/// <summary>
/// The register inputs kernels-elf/tests/random_main.c derives for sequence i of a random-sequence
/// ELF, replayed here only to print them in a failure report (the comparison itself uses QEMU's
/// output). Must follow random_main.c exactly: xorshift32 seeded from the file seed and the index,
/// four warm-up steps, a 2/8 share of edge values and a 1/8 share of small values (shift amounts).
/// </summary>
internal static class RandomSequenceInputs
{
    private static readonly uint[] Specials =
    [
        0x00000000, 0x00000001, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x00008000, 0x00007FFF, 0xFFFF8000,
        0x80008000, 0x7FFF7FFF, 0x00FF00FF, 0x80808080, 0x7F7F7F7F, 0xFFFF0000, 0x0000FFFF, 0x01010101,
    ];

    /// <summary>The word at symbol seq_file_seed in the ELF's loadable data.</summary>
    public static uint FileSeed(string elfPath)
    {
        var elf = Elf32Reader.Load(elfPath);
        var sym = elf.Symbols.First(s => s.Name == "seq_file_seed");
        foreach (var sec in elf.Sections)
        {
            if (!sec.IsAlloc || sec.IsNoBits || sym.Address < sec.Address || sym.Address + 4 > sec.Address + sec.Size) continue;
            var bytes = elf.SectionBytes(sec);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(int)(sym.Address - sec.Address)..]);
        }
        throw new InvalidOperationException($"seq_file_seed is not in a loadable section of {elfPath}");
    }

    /// <summary>io[0..12] = r0-r12, io[13] = r14, io[14] = APSR.</summary>
    public static uint[] For(uint fileSeed, uint index)
    {
        uint rng = unchecked(fileSeed * 0x9E3779B9u + index * 0x85EBCA6Bu);
        if (rng == 0) rng = 1;
        uint Next()
        {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            return rng;
        }
        uint Value()
        {
            uint r = Next();
            return (r & 7) switch
            {
                0 or 1 => Specials[(r >> 3) & 15],
                2 => (r >> 3) & 31,
                _ => Next(),
            };
        }
        for (int i = 0; i < 4; i++) Next();
        var io = new uint[15];
        for (int i = 0; i < 14; i++) io[i] = Value();
        io[14] = Next() & 0xF80F0000u;
        return io;
    }
}
