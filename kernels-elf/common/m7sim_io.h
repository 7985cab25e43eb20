/*
 * kernels-elf/common/m7sim_io.h -- small helpers shared by all target programs:
 * raw semihosting calls, the output checksum, tensor dumps, argv flags.
 */
#ifndef M7SIM_IO_H
#define M7SIM_IO_H

#include <stddef.h>
#include <stdint.h>

#ifdef M7SIM_PROGRAM
#define M7SIM_PROGRAM_NAME M7SIM_PROGRAM
#else
#define M7SIM_PROGRAM_NAME "program"
#endif

/* Semihosting operation numbers (Arm semihosting v2). */
#define M7SIM_SYS_WRITE0        0x04
#define M7SIM_SYS_GET_CMDLINE   0x15
#define M7SIM_SYS_EXIT          0x18
#define M7SIM_ADP_STOPPED_APPLICATION_EXIT 0x20026
#define M7SIM_ADP_STOPPED_RUNTIME_ERROR    0x20023

/* One semihosting call (BKPT 0xAB, r0 = op, r1 = arg); returns r0. */
static inline int m7sim_semihost(int op, void *arg)
{
    register int r0 __asm("r0") = op;
    register void *r1 __asm("r1") = arg;
    __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

/* Running checksum over output bytes: 32-bit FNV-1a
 * (h = 0x811C9DC5; for each byte b: h = (h ^ b) * 0x01000193 mod 2^32). */
#define M7SIM_FNV_INIT 0x811C9DC5u
uint32_t m7sim_fnv1a(uint32_t h, const void *data, size_t len);

/* 1 if `flag` appears in argv[1..argc-1]. */
int m7sim_has_flag(int argc, char **argv, const char *flag);

/* Print an int8 tensor: "<label> [n]:" then 16 values per line. */
void m7sim_dump_s8(const char *label, const int8_t *data, size_t n);
void m7sim_dump_s16(const char *label, const int16_t *data, size_t n);
void m7sim_dump_s32(const char *label, const int32_t *data, size_t n);

/* Place a large zero-initialised buffer in the .bss_big section (SRAM1 on
 * the DTCM variants, the normal RAM region elsewhere). */
#define M7SIM_BIG_BUFFER __attribute__((section(".bss_big"), aligned(8)))

#endif
