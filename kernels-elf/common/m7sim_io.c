/* kernels-elf/common/m7sim_io.c -- see m7sim_io.h */
#include "m7sim_io.h"
#include <stdio.h>
#include <string.h>

uint32_t m7sim_fnv1a(uint32_t h, const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x01000193u;
    }
    return h;
}

int m7sim_has_flag(int argc, char **argv, const char *flag)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], flag) == 0)
            return 1;
    return 0;
}

void m7sim_dump_s8(const char *label, const int8_t *data, size_t n)
{
    printf("%s [%u]:\n", label, (unsigned)n);
    for (size_t i = 0; i < n; i++)
        printf("%4d%s", data[i], ((i % 16u) == 15u || i + 1 == n) ? "\n" : " ");
}

void m7sim_dump_s16(const char *label, const int16_t *data, size_t n)
{
    printf("%s [%u]:\n", label, (unsigned)n);
    for (size_t i = 0; i < n; i++)
        printf("%6d%s", data[i], ((i % 16u) == 15u || i + 1 == n) ? "\n" : " ");
}

void m7sim_dump_s32(const char *label, const int32_t *data, size_t n)
{
    printf("%s [%u]:\n", label, (unsigned)n);
    for (size_t i = 0; i < n; i++)
        printf("%ld%s", (long)data[i], ((i % 8u) == 7u || i + 1 == n) ? "\n" : " ");
}
