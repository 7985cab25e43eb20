namespace M7Sim.Timing;

/// <summary>
/// Static timing class of an instruction, fixed at decode time. The Cortex-M7 model maps each class to
/// latencies, units and issue rules from timing-models/cores/cortex-m7.json.
/// </summary>
public enum TimingClass : byte
{
    Alu,            // ADD/SUB/MOV/logic reg or imm, CMP/TST
    AluShiftedOp,   // ALU with an inline shifted register operand (operand read early)
    Shift,          // LSL/LSR/ASR/ROR/RRX
    Bitfield,       // BFI/BFC/SBFX/UBFX
    Extend,         // SXTB/UXTH/SXTB16 ...
    ExtendAdd,      // SXTAB/SXTAB16/UXTAH ... (extracted operand read early)
    Pack,           // PKHBT/PKHTB
    Simd,           // parallel add/sub (non-saturating), SEL
    SimdSat,        // saturating parallel ops, QADD/QSUB
    Saturate,       // SSAT/USAT/SSAT16/USAT16, QDADD/QDSUB
    Reverse,        // REV/REV16/REVSH/RBIT
    Clz,
    Mul,            // MUL, SMULxy, SMUAD, SMMUL, 32x32 products
    Mac,            // MLA/MLS, SMLAxy, SMLAD, SMLSD, SMMLA (accumulator read late)
    MulLong,        // SMULL/UMULL
    MacLong,        // SMLAL/UMLAL/UMAAL/SMLALD/SMLALxy
    Div,            // SDIV/UDIV
    Load,           // LDR word
    LoadSub,        // LDRB/LDRH/LDRSB/LDRSH
    LoadDual,       // LDRD
    LoadMultiple,   // LDM/POP
    LoadExclusive,
    Store,          // STR/STRB/STRH
    StoreDual,      // STRD
    StoreMultiple,  // STM/PUSH
    StoreExclusive,
    Branch,         // B, BL, BX, BLX, CBZ/CBNZ
    TableBranch,    // TBB/TBH
    It,
    System,         // MRS/MSR/CPS/barriers/hints/SVC/BKPT/UDF: single issue
    FpAlu,          // VADD/VSUB/VABS/VNEG/VCVT/VMAX... single precision
    FpAluDouble,
    FpMul,
    FpMulDouble,
    FpMac,          // VMLA/VMLS
    FpFma,          // VFMA/VFMS
    FpMacDouble,
    FpDiv,          // VDIV/VSQRT .F32
    FpDivDouble,
    FpMove,         // VMOV core<->FP
    FpLoad,         // VLDR.32
    FpLoadDouble,   // VLDR.64
    FpStore,
    FpLoadMultiple, // VLDM/VPOP
    FpStoreMultiple,// VSTM/VPUSH
    FpCompare,
    FpSystem,       // VMRS/VMSR
    Nop,
}
