/*
 * kernels-elf/tests-fpx/fpx_ops.h -- one inline-asm statement per VFP
 * instruction under test, wrapped in small functions on bit patterns so tables
 * of them can be swept over the edge values.  Operands arrive as u32/u64 bit
 * patterns and reach the FPU through VMOV (no arithmetic on the way), so the
 * only FP data-processing instruction executed is the one named.
 */
#ifndef FPX_OPS_H
#define FPX_OPS_H

#include "fpx.h"

typedef u32 (*bin32_fn)(u32, u32);
typedef u64 (*bin64_fn)(u64, u64);
typedef u32 (*un32_fn)(u32);
typedef u64 (*un64_fn)(u64);
typedef u32 (*tri32_fn)(u32, u32, u32);
typedef u64 (*tri64_fn)(u64, u64, u64);

#define FPX_BIN32(fn, insn) \
    static u32 fn(u32 a, u32 b) \
    { float r; __asm volatile(insn " %0, %1, %2" : "=t"(r) : "t"(f_of(a)), "t"(f_of(b))); return u_of(r); }
#define FPX_BIN64(fn, insn) \
    static u64 fn(u64 a, u64 b) \
    { double r; __asm volatile(insn " %P0, %P1, %P2" : "=w"(r) : "w"(d_of(a)), "w"(d_of(b))); return ud_of(r); }
#define FPX_UN32(fn, insn) \
    static u32 fn(u32 a) \
    { float r; __asm volatile(insn " %0, %1" : "=t"(r) : "t"(f_of(a))); return u_of(r); }
#define FPX_UN64(fn, insn) \
    static u64 fn(u64 a) \
    { double r; __asm volatile(insn " %P0, %P1" : "=w"(r) : "w"(d_of(a))); return ud_of(r); }
/* Accumulating forms: d = d op (n * m); the accumulator is operand c. */
#define FPX_TRI32(fn, insn) \
    static u32 fn(u32 c, u32 a, u32 b) \
    { float r = f_of(c); __asm volatile(insn " %0, %1, %2" : "+t"(r) : "t"(f_of(a)), "t"(f_of(b))); return u_of(r); }
#define FPX_TRI64(fn, insn) \
    static u64 fn(u64 c, u64 a, u64 b) \
    { double r = d_of(c); __asm volatile(insn " %P0, %P1, %P2" : "+w"(r) : "w"(d_of(a)), "w"(d_of(b))); return ud_of(r); }

#endif
