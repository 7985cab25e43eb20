using System.Buffers.Binary;
using System.Text;

namespace M7Sim.Loading;

/// <summary>A PT_LOAD program header.</summary>
public sealed record ElfSegment(uint Offset, uint VirtualAddress, uint PhysicalAddress, uint FileSize, uint MemorySize, uint Flags);

/// <summary>A section header (name resolved).</summary>
public sealed record ElfSection(string Name, uint Type, uint Flags, uint Address, uint Offset, uint Size)
{
    public const uint ShfWrite = 1, ShfAlloc = 2, ShfExecInstr = 4;
    public const uint ShtProgbits = 1, ShtSymtab = 2, ShtStrtab = 3, ShtNobits = 8;
    public bool IsAlloc => (Flags & ShfAlloc) != 0;
    public bool IsWritable => (Flags & ShfWrite) != 0;
    public bool IsExecutable => (Flags & ShfExecInstr) != 0;
    public bool IsNoBits => Type == ShtNobits;
}

/// <summary>Symbol types we care about (STT_*).</summary>
public enum ElfSymbolType : byte { NoType = 0, Object = 1, Func = 2, Section = 3, File = 4 }

/// <summary>A symbol with the Thumb bit stripped from function addresses.</summary>
public sealed record ElfSymbol(string Name, uint Address, uint Size, ElfSymbolType Type, bool IsGlobal, ushort SectionIndex);

/// <summary>
/// Reader for little-endian ELF32 Arm executables (the subset firmware uses: header, program
/// headers, section headers, .symtab/.strtab). Every offset and size is checked against the file;
/// anything inconsistent throws <see cref="ElfFormatException"/> with a one-line reason.
/// </summary>
public sealed class Elf32Reader
{
    private const ushort EtExec = 2, EmArm = 40;
    private const uint PtLoad = 1;

    private readonly byte[] _data;

    private Elf32Reader(byte[] data) => _data = data;

    public uint Entry { get; private set; }
    public uint Flags { get; private set; }
    public IReadOnlyList<ElfSegment> Segments { get; private set; } = [];
    public IReadOnlyList<ElfSection> Sections { get; private set; } = [];
    public IReadOnlyList<ElfSymbol> Symbols { get; private set; } = [];

    public static Elf32Reader Load(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ElfFormatException($"cannot read: {e.Message}"); }
        return Parse(data);
    }

    public static Elf32Reader Parse(byte[] data)
    {
        var r = new Elf32Reader(data);
        r.ParseAll();
        return r;
    }

    /// <summary>Bytes of a segment's file image.</summary>
    public ReadOnlySpan<byte> SegmentBytes(ElfSegment s) => _data.AsSpan((int)s.Offset, (int)s.FileSize);

    /// <summary>Bytes of a section (empty for NOBITS).</summary>
    public ReadOnlySpan<byte> SectionBytes(ElfSection s) => s.IsNoBits ? default : _data.AsSpan((int)s.Offset, (int)s.Size);

    private ushort U16(uint off) => BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan((int)off, 2));
    private uint U32(uint off) => BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan((int)off, 4));

    private void Require(bool condition, string reason)
    {
        if (!condition) throw new ElfFormatException(reason);
    }

    private bool InFile(uint offset, ulong size) => offset <= (ulong)_data.Length && offset + size <= (ulong)_data.Length;

    private void ParseAll()
    {
        Require(_data.Length >= 4 && _data[0] == 0x7F && _data[1] == (byte)'E' && _data[2] == (byte)'L' && _data[3] == (byte)'F', "not an ELF file (bad magic)");
        Require(_data.Length >= 52, $"truncated ELF header ({_data.Length} bytes, need 52)");
        Require(_data[4] == 1, _data[4] == 2 ? "64-bit ELF; M7Sim runs 32-bit Arm (ELFCLASS32) images" : $"bad ELF class {_data[4]}");
        Require(_data[5] == 1, _data[5] == 2 ? "big-endian ELF; the Cortex-M7 image must be little-endian" : $"bad ELF data encoding {_data[5]}");
        Require(_data[6] == 1, $"unsupported ELF version {_data[6]}");
        ushort type = U16(16), machine = U16(18);
        Require(machine == EmArm, $"not an Arm ELF (e_machine {machine}, expected 40 EM_ARM)");
        Require(type == EtExec, type == 1 ? "relocatable object (.o), not a linked executable" : $"not an executable ELF (e_type {type})");
        Entry = U32(24);
        uint phoff = U32(28), shoff = U32(32);
        Flags = U32(36);
        ushort phentsize = U16(42), phnum = U16(44), shentsize = U16(46), shnum = U16(48), shstrndx = U16(50);

        Require(phnum > 0, "no program headers: nothing to load");
        Require(phentsize >= 32, $"program header entry size {phentsize} is too small");
        Require(InFile(phoff, (ulong)phentsize * phnum), $"program header table (offset 0x{phoff:X}, {phnum} entries) runs past the end of the file");
        var segments = new List<ElfSegment>();
        for (int i = 0; i < phnum; i++)
        {
            uint o = phoff + (uint)(i * phentsize);
            if (U32(o) != PtLoad) continue;
            var s = new ElfSegment(U32(o + 4), U32(o + 8), U32(o + 12), U32(o + 16), U32(o + 20), U32(o + 24));
            Require(s.FileSize <= s.MemorySize, $"segment {i}: file size 0x{s.FileSize:X} exceeds memory size 0x{s.MemorySize:X}");
            Require(InFile(s.Offset, s.FileSize), $"segment {i}: file data (offset 0x{s.Offset:X}, 0x{s.FileSize:X} bytes) runs past the end of the file");
            Require((ulong)s.PhysicalAddress + s.MemorySize <= 0x1_0000_0000UL, $"segment {i}: 0x{s.MemorySize:X} bytes at 0x{s.PhysicalAddress:X8} wrap the 32-bit address space");
            Require(s.MemorySize <= 256u << 20, $"segment {i}: absurd size 0x{s.MemorySize:X} bytes");
            if (s.MemorySize > 0) segments.Add(s);
        }
        Require(segments.Count > 0, "no PT_LOAD segment with contents");
        Segments = segments;

        var sections = new List<ElfSection>();
        if (shnum > 0 && shoff != 0)
        {
            Require(shentsize >= 40, $"section header entry size {shentsize} is too small");
            Require(InFile(shoff, (ulong)shentsize * shnum), $"section header table (offset 0x{shoff:X}, {shnum} entries) runs past the end of the file");
            Require(shstrndx < shnum, $"section name table index {shstrndx} is out of range ({shnum} sections)");
            var raw = new List<(uint name, uint type, uint flags, uint addr, uint off, uint size, uint link)>();
            for (int i = 0; i < shnum; i++)
            {
                uint o = shoff + (uint)(i * shentsize);
                raw.Add((U32(o), U32(o + 4), U32(o + 8), U32(o + 12), U32(o + 16), U32(o + 20), U32(o + 24)));
            }
            var strtab = raw[shstrndx];
            foreach (var (sec, i) in raw.Select((s, i) => (s, i)))
            {
                if (sec.type != ElfSection.ShtNobits && sec.type != 0)
                    Require(InFile(sec.off, sec.size), $"section {i}: data (offset 0x{sec.off:X}, 0x{sec.size:X} bytes) runs past the end of the file");
                string name = i == 0 ? "" : ReadString(strtab.off, strtab.size, sec.name, "section name");
                sections.Add(new ElfSection(name, sec.type, sec.flags, sec.addr, sec.off, sec.size));
            }
            Sections = sections;
            for (int i = 0; i < raw.Count; i++)
            {
                if (raw[i].type != ElfSection.ShtSymtab) continue;
                Require(raw[i].link < raw.Count, $"symbol table {i}: string table index {raw[i].link} out of range");
                var str = raw[(int)raw[i].link];
                Symbols = ReadSymbols(raw[i].off, raw[i].size, str.off, str.size);
                break;
            }
        }
    }

    private string ReadString(uint tableOffset, uint tableSize, uint index, string what)
    {
        Require(index < tableSize, $"{what} offset {index} is outside its string table");
        int start = (int)(tableOffset + index);
        int end = start;
        int limit = (int)(tableOffset + tableSize);
        while (end < limit && _data[end] != 0) end++;
        Require(end < limit, $"{what} at offset {index} is not NUL-terminated");
        return Encoding.UTF8.GetString(_data, start, end - start);
    }

    private List<ElfSymbol> ReadSymbols(uint off, uint size, uint strOff, uint strSize)
    {
        var list = new List<ElfSymbol>();
        for (uint o = off + 16; o + 16 <= off + size; o += 16) // entry 0 is the null symbol
        {
            uint nameIdx = U32(o), value = U32(o + 4), symSize = U32(o + 8);
            byte info = _data[o + 12];
            ushort shndx = U16(o + 14);
            var type = (ElfSymbolType)(info & 0xF);
            bool global = (info >> 4) != 0;
            string name = ReadString(strOff, strSize, nameIdx, "symbol name");
            if (type == ElfSymbolType.Func) value &= ~1u; // Thumb bit
            list.Add(new ElfSymbol(name, value, symSize, type, global, shndx));
        }
        return list;
    }
}
