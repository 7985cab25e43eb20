using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using M7Sim.Memory;

namespace M7Sim.Isa;

/// <summary>Why the core stopped executing the current instruction. Status codes, never .NET exceptions.</summary>
internal enum FaultKind : byte
{
    None = 0,
    // UsageFault causes (CFSR.UFSR bits)
    Undefined,        // UNDEFSTR
    InvalidState,     // INVSTATE (e.g. BX to an ARM-state address)
    InvalidPc,        // INVPC (bad EXC_RETURN)
    NoCoprocessor,    // NOCP
    Unaligned,        // UNALIGNED
    DivideByZero,     // DIVBYZERO
    // BusFault causes
    PreciseBusError,  // PRECISERR, BFAR valid
    InstructionBusError, // IBUSERR
    // MemManage
    DataAccessViolation, // DACCVIOL: the MPU refused a data access (the bus reports it as a failed access, Exceptions.TakeFault tells)
    InstructionAccessViolation, // IACCVIOL: the MPU or the default map's execute-never rule refused a fetch
    // Not faults: requests to the run loop
    Breakpoint,       // BKPT other than semihosting: debug halt
    Semihosting,      // BKPT 0xAB
    SupervisorCall,   // SVC: the run loop takes the exception
    Halt,             // firmware asked to stop (semihosting exit), see Cpu.ExitCode
    WaitForInterrupt, // WFI/WFE
}

/// <summary>
/// Architectural state of the core (Armv7-M, Thumb only). Registers are plain fields so the hot
/// loop reaches them with one load. R[15] holds the address of the current instruction + 4 while it
/// executes (what Thumb instructions read as PC); instructions that branch write <see cref="NextPc"/>.
/// </summary>
internal sealed class Cpu
{
    /// <summary>R0-R15 stored inside the object (<see cref="CoreRegisters"/>, not a uint[]): a register
    /// access is one load from the Cpu with no array header or length to fetch first.</summary>
    public CoreRegisters R;

    // APSR flags kept split: cheaper to set and test than a packed word.
    public bool N, Z, C, V, Q;
    public uint GE; // 4 bits

    /// <summary>ITSTATE as in EPSR (IT[7:0]); 0 outside an IT block.</summary>
    public uint ItState;

    /// <summary>Address of the instruction executing now.</summary>
    public uint Pc;
    /// <summary>Address of the next instruction; handlers that branch overwrite it.</summary>
    public uint NextPc;

    /// <summary>FP register file: S0..S31 as 32 words (D[n] = S[2n+1]:S[2n]), FPv5-D16.</summary>
    public readonly uint[] S = new uint[32];
    public uint Fpscr;
    /// <summary>CPACR.CP10/CP11 grant access (kept in sync by the SCB model); false raises NOCP.</summary>
    public bool FpEnabled;
    /// <summary>FPCCR, FPCAR, FPDSCR (B3.2.22-24): written by the SCS model, kept here so FP instructions reach
    /// lazy state preservation (Exceptions.FpContextCheck) without a lookup.</summary>
    public uint Fpccr = 0xC000_0000, Fpcar, Fpdscr;

    // Special registers.
    public uint Primask, Basepri, Faultmask, Control;
    public uint Msp, Psp; // the inactive stack pointer lives here; the active one is R[13]
    public uint Ipsr;     // exception number, 0 in Thread mode

    // Local exclusive monitor (LDREX/STREX).
    public bool ExclusiveOpen;
    public uint ExclusiveAddress;

    // Raised by handlers; the run loop turns it into an exception or a stop.
    public FaultKind Fault;
    public uint FaultAddress;
    public uint FaultImm; // BKPT/SVC immediate
    public int ExitCode;

    // Configuration bits of SCB.CCR that change instruction semantics.
    public bool UnalignTrap; // CCR.UNALIGN_TRP
    public bool DivZeroTrap; // CCR.DIV_0_TRP

    public readonly Bus Bus;

    /// <summary>The bus's fast-path page table (<see cref="Bus.FastPages"/>), one load closer for handlers.</summary>
    public readonly Bus.FastPage[] FastPages;

    public Cpu(Bus bus)
    {
        Bus = bus;
        FastPages = bus.FastPages;
    }

    public bool InItBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (ItState & 0xF) != 0;
    }

    public bool LastInItBlock => (ItState & 0xF) == 0x8;

    public bool Privileged => Ipsr != 0 || (Control & 1) == 0;

    /// <summary>APSR as a word (N Z C V Q in bits 31..27, GE in 19..16).</summary>
    public uint Apsr
    {
        get => (N ? 1u << 31 : 0) | (Z ? 1u << 30 : 0) | (C ? 1u << 29 : 0) | (V ? 1u << 28 : 0) | (Q ? 1u << 27 : 0) | (GE << 16);
        set
        {
            N = (value & (1u << 31)) != 0; Z = (value & (1u << 30)) != 0; C = (value & (1u << 29)) != 0;
            V = (value & (1u << 28)) != 0; Q = (value & (1u << 27)) != 0; GE = (value >> 16) & 0xF;
        }
    }

    /// <summary>EPSR: T bit and ITSTATE.</summary>
    public uint Epsr => (ThumbClear ? 0u : 1u << 24) | ((ItState & 3) << 25) | ((ItState >> 2) << 10);

    /// <summary>
    /// EPSR.T == 0, after an interworking branch to an even address or an exception return whose
    /// stacked xPSR has T clear (ARM ARM A2.3.1 BXWritePC: the branch completes and the UsageFault
    /// INVSTATE is taken on the next instruction, stacking the target as return address and T = 0).
    /// While it holds, bit 0 of <see cref="Pc"/> is set: the decode cache returns no slot for an odd
    /// address, and the run loop's slow path then takes INVSTATE, with no per-instruction test.
    /// Exception entry clears it.
    /// </summary>
    public bool ThumbClear;

    /// <summary>An interworking branch to an even address (EPSR.T = 0): see <see cref="ThumbClear"/>.</summary>
    public void BranchToArmState(uint address)
    {
        ThumbClear = true;
        NextPc = address | 1u;
    }

    public uint Xpsr => Apsr | Epsr | Ipsr;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raise(FaultKind kind, uint address = 0)
    {
        if (Fault == FaultKind.None) { Fault = kind; FaultAddress = address; }
    }

    /// <summary>BranchWritePC: a branch within Thumb state (bit 0 ignored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BranchTo(uint address) => NextPc = address & ~1u;

    /// <summary>BXWritePC / BLXWritePC / LoadWritePC: interworking branch; EXC_RETURN values start exception return.</summary>
    public void BranchExchange(uint address)
    {
        if (Ipsr != 0 && (address & 0xF000_0000) == 0xF000_0000)
        {
            ExceptionReturnRequested = true;
            ExceptionReturnValue = address;
            NextPc = address;
            return;
        }
        if ((address & 1) == 0) { BranchToArmState(address); return; }
        NextPc = address & ~1u;
    }

    /// <summary>Set when an interrupt may have become pending or unmasked (NVIC writes, PRIMASK/BASEPRI changes, CPSIE, exception return); the run loop then checks for one.</summary>
    public bool InterruptCheck
    {
        get => _interruptCheck;
        set { _interruptCheck = value; if (value) EventAt = 0; }
    }

    /// <summary>The instruction that just ran wrote an EXC_RETURN value to the PC.</summary>
    public bool ExceptionReturnRequested
    {
        get => _exceptionReturnRequested;
        set { _exceptionReturnRequested = value; if (value) EventAt = 0; }
    }

    private bool _interruptCheck, _exceptionReturnRequested;

    /// <summary>
    /// The cycle from which the run loop must leave its fast path after an instruction: the next timer
    /// event (Machine.NextTimerEvent), or 0 at once while <see cref="InterruptCheck"/> or
    /// <see cref="ExceptionReturnRequested"/> is set. One compare per instruction stands for all three; a
    /// stale 0 only costs one visit to the slow path, which recomputes it.
    /// </summary>
    public ulong EventAt;
    public uint ExceptionReturnValue;

    /// <summary>Writes a general register; R15 writes from data-processing are a branch (ALUWritePC).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteReg(int n, uint value)
    {
        if (n == 15) BranchTo(value); else R[n] = value;
    }
}

/// <summary>
/// The sixteen core registers stored inline in the Cpu (see <see cref="Cpu.R"/>). The indexer does not
/// range-check: every index comes from a 4-bit instruction field or a 0-15 loop, and on the hot path the
/// check would cost a compare and branch per operand for nothing.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CoreRegisters
{
    private uint _r0, _r1, _r2, _r3, _r4, _r5, _r6, _r7, _r8, _r9, _r10, _r11, _r12, _r13, _r14, _r15;

    public const int Count = 16;

    [UnscopedRef]
    public ref uint this[int n]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Debug.Assert((uint)n < Count);
            return ref Unsafe.Add(ref _r0, n);
        }
    }

    /// <summary>All sixteen as a span (reset, debugger bulk access).</summary>
    [UnscopedRef]
    public Span<uint> AsSpan() => MemoryMarshal.CreateSpan(ref _r0, Count);
}
