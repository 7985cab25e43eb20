/*
 * kernels-elf/tests/random_main.c -- driver for the random straight-line
 * sequences (tests/random/seqNN.S).  For each sequence: derive r0-r12, r14
 * and APSR from the file seed and the sequence index (xorshift32, with a
 * share of edge values and small shift amounts), run it, and print one line
 *     IIII r0 r1 ... r12 r14 apsr
 * in hex.  Simulator.Tests/Differential/RandomSequenceTests.cs replays the
 * same input derivation to report a mismatching sequence's inputs.
 */
#include <stdint.h>
#include <stdio.h>

typedef void (*seq_fn)(uint32_t *io);
extern const seq_fn seq_table[];
extern const uint32_t seq_count;
extern const uint32_t seq_file_seed;

static const uint32_t specials[16] = {
    0x00000000u, 0x00000001u, 0xFFFFFFFFu, 0x7FFFFFFFu,
    0x80000000u, 0x00008000u, 0x00007FFFu, 0xFFFF8000u,
    0x80008000u, 0x7FFF7FFFu, 0x00FF00FFu, 0x80808080u,
    0x7F7F7F7Fu, 0xFFFF0000u, 0x0000FFFFu, 0x01010101u,
};

static uint32_t rng;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint32_t value(void)
{
    uint32_t r = next();
    switch (r & 7u) {
    case 0:
    case 1:
        return specials[(r >> 3) & 15u];
    case 2:
        return (r >> 3) & 31u;          /* shift amounts, small operands */
    default:
        return next();
    }
}

static void inputs(uint32_t index, uint32_t io[15])
{
    rng = seq_file_seed * 0x9E3779B9u + index * 0x85EBCA6Bu;
    if (rng == 0)
        rng = 1;
    for (int i = 0; i < 4; i++)
        next();
    for (int i = 0; i < 14; i++)
        io[i] = value();
    io[14] = next() & 0xF80F0000u;      /* N Z C V Q, GE[3:0] */
}

static char *hex8(char *p, uint32_t v)
{
    for (int s = 28; s >= 0; s -= 4)
        *p++ = "0123456789abcdef"[(v >> s) & 15u];
    return p;
}

int main(void)
{
    static uint32_t io[15];
    static char line[5 + 15 * 9 + 2];
    for (uint32_t i = 0; i < seq_count; i++) {
        inputs(i, io);
        seq_table[i](io);
        char *p = line;
        for (int s = 12; s >= 0; s -= 4)    /* 4 hex digits of the index */
            *p++ = "0123456789abcdef"[(i >> s) & 15u];
        for (int r = 0; r < 15; r++) {
            *p++ = ' ';
            p = hex8(p, io[r]);
        }
        *p++ = '\n';
        *p = '\0';
        fputs(line, stdout);
    }
    printf("done %lu sequences\n", (unsigned long)seq_count);
    return 0;
}
