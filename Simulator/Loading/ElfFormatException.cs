namespace M7Sim.Loading;

/// <summary>The file is not a loadable ELF32 Arm image; the message says why in one line.</summary>
public sealed class ElfFormatException(string message) : Exception(message);
