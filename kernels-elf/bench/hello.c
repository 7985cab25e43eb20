/* bench/hello.c -- smallest program: proves startup, semihosting printf,
 * argv and exit work on a board variant.  Prints its argv and a checksum. */
#include <stdio.h>
#include "m7sim_io.h"

int main(int argc, char **argv)
{
    uint32_t h = M7SIM_FNV_INIT;
    printf("hello from %s (%s), argc=%d\n", M7SIM_PROGRAM_NAME, M7SIM_VARIANT, argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    h = m7sim_fnv1a(h, "hello", 5);
    printf("hello checksum 0x%08lx\n", (unsigned long)h);
    return m7sim_has_flag(argc, argv, "--fail") ? 3 : 0;
}
