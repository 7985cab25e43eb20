using System.Text;
using M7Sim.Isa;
using M7Sim.Simulation;

namespace M7Sim.Semihosting;

/// <summary>
/// Arm semihosting (BKPT 0xAB): operation number in R0, parameter block address in R1, result in R0.
/// </summary>
internal sealed class Semihost
{
    private readonly Machine _m;
    private readonly Stream _stdout;

    public Semihost(Machine m)
    {
        _m = m;
        _stdout = m.Options.Stdout ?? Stream.Null;
    }

    public void Reset() { }

    public void Handle(Cpu c)
    {
        uint op = c.R[0], arg = c.R[1];
        switch (op)
        {
            case 0x03: // SYS_WRITEC
                if (_m.Bus.ReadBytes(arg, stackalloc byte[1])) { Span<byte> b = stackalloc byte[1]; _m.Bus.ReadBytes(arg, b); _stdout.Write(b); }
                break;
            case 0x04: // SYS_WRITE0
                {
                    var sb = new List<byte>();
                    Span<byte> b = stackalloc byte[1];
                    for (uint a = arg; _m.Bus.ReadBytes(a, b) && b[0] != 0; a++) sb.Add(b[0]);
                    _stdout.Write(sb.ToArray());
                    break;
                }
            case 0x18: // SYS_EXIT
                c.ExitCode = arg == 0x20026 ? 0 : 1;
                c.Fault = FaultKind.Halt;
                break;
            default:
                c.R[0] = unchecked((uint)-1);
                break;
        }
        _ = Encoding.ASCII;
    }
}
