/*
 * kernels-elf/tests-fpx/vfprand_main.c -- driver for the random straight-line
 * VFP sequences (tests-fpx/random/vseqNN.S).  For each sequence: derive
 * D0-D15, FPSCR, r0-r7 and APSR from the file seed and the sequence index
 * (xorshift32; a share of IEEE special values in both precisions), run it,
 * and print one line
 *     IIII fpscr apsr d0 d1 ... d15 r0 ... r7
 * in hex (d registers as 16 digits, high word first).
 * Simulator.Tests/DifferentialFpx/VfpRandomInputs.cs replays the same input
 * derivation to report a mismatching sequence's inputs.
 */
#include <stdint.h>
#include <stdio.h>

typedef void (*vseq_fn)(uint32_t *io);
extern const vseq_fn vseq_table[];
extern const uint32_t vseq_count;
extern const uint32_t vseq_file_seed;

enum { IO_S = 0, IO_FPSCR = 32, IO_R = 33, IO_APSR = 41, IO_WORDS = 42 };

static const uint32_t sp32[16] = {
    0x00000000u, 0x80000000u, 0x3F800000u, 0xBF800000u, 0x00000001u, 0x807FFFFFu, 0x00800000u, 0x7F7FFFFFu,
    0x7F800000u, 0xFF800000u, 0x7FC00000u, 0xFFC00001u, 0x7F800001u, 0xFFA00000u, 0x3EAAAAABu, 0x4F000000u,
};
static const uint64_t sp64[16] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3FF0000000000000ull, 0xBFF0000000000000ull,
    0x0000000000000001ull, 0x800FFFFFFFFFFFFFull, 0x0010000000000000ull, 0x7FEFFFFFFFFFFFFFull,
    0x7FF0000000000000ull, 0xFFF0000000000000ull, 0x7FF8000000000000ull, 0xFFF8000000000001ull,
    0x7FF0000000000001ull, 0xFFF4000000000000ull, 0x3FD5555555555555ull, 0x41E0000000000000ull,
};
static const uint32_t spint[8] = {
    0x00000000u, 0x00000001u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x3F800000u, 0x7FC00000u, 0x0000FFFFu,
};

static uint32_t rng;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* A single-precision pattern: special, moderate exponent (results stay
 * finite and mostly normal), or any bits. */
static uint32_t single(void)
{
    uint32_t r = next();
    switch (r & 3u) {
    case 0: return sp32[(r >> 2) & 15u];
    case 1: case 2: return (next() & 0x807FFFFFu) | ((0x70u + ((r >> 2) & 31u)) << 23);
    default: return next();
    }
}

static uint64_t dbl(void)
{
    uint32_t r = next();
    uint64_t hi = next(), lo = next();
    switch (r & 3u) {
    case 0: return sp64[(r >> 2) & 15u];
    case 1: case 2:
        return ((hi << 32 | lo) & 0x800FFFFFFFFFFFFFull) | ((uint64_t)(0x3E0u + ((r >> 2) & 63u)) << 52);
    default: return hi << 32 | lo;
    }
}

static void inputs(uint32_t index, uint32_t io[IO_WORDS])
{
    rng = vseq_file_seed * 0x9E3779B9u + index * 0x85EBCA6Bu;
    if (rng == 0)
        rng = 1;
    for (int i = 0; i < 4; i++)
        next();
    for (int d = 0; d < 16; d++) {
        if (next() & 1u) {
            uint64_t v = dbl();
            io[IO_S + 2 * d] = (uint32_t)v;
            io[IO_S + 2 * d + 1] = (uint32_t)(v >> 32);
        } else {
            io[IO_S + 2 * d] = single();
            io[IO_S + 2 * d + 1] = single();
        }
    }
    uint32_t m = next();
    uint32_t fpscr = (m & 3u) << 22;                        /* RMode */
    if (((m >> 2) & 3u) == 0) fpscr |= 1u << 24;            /* FZ */
    if (((m >> 4) & 3u) == 0) fpscr |= 1u << 25;            /* DN */
    if (((m >> 6) & 7u) == 0) fpscr |= 1u << 26;            /* AHP */
    if (((m >> 9) & 3u) == 0) fpscr |= (m >> 12) & 0x9Fu;   /* cumulative flags */
    fpscr |= m & 0xF0000000u;                               /* NZCV */
    io[IO_FPSCR] = fpscr;
    for (int i = 0; i < 8; i++) {
        uint32_t r = next();
        io[IO_R + i] = (r & 3u) == 0 ? spint[(r >> 2) & 7u] : (r & 3u) == 1 ? single() : next();
    }
    io[IO_APSR] = next() & 0xF80F0000u;                     /* N Z C V Q, GE[3:0] */
}

static char *hex8(char *p, uint32_t v)
{
    for (int s = 28; s >= 0; s -= 4)
        *p++ = "0123456789abcdef"[(v >> s) & 15u];
    return p;
}

int main(void)
{
    static uint32_t io[IO_WORDS];
    static char line[5 + 2 * 9 + 16 * 17 + 8 * 9 + 2];
    for (uint32_t i = 0; i < vseq_count; i++) {
        inputs(i, io);
        vseq_table[i](io);
        char *p = line;
        for (int s = 12; s >= 0; s -= 4)    /* 4 hex digits of the index */
            *p++ = "0123456789abcdef"[(i >> s) & 15u];
        *p++ = ' ';
        p = hex8(p, io[IO_FPSCR]);
        *p++ = ' ';
        p = hex8(p, io[IO_APSR]);
        for (int d = 0; d < 16; d++) {
            *p++ = ' ';
            p = hex8(p, io[IO_S + 2 * d + 1]);
            p = hex8(p, io[IO_S + 2 * d]);
        }
        for (int r = 0; r < 8; r++) {
            *p++ = ' ';
            p = hex8(p, io[IO_R + r]);
        }
        *p++ = '\n';
        *p = '\0';
        fputs(line, stdout);
    }
    /* leave the FPU in the default mode for libc */
    __asm volatile("vmsr fpscr, %0" : : "r"(0u));
    printf("done %lu sequences\n", (unsigned long)vseq_count);
    return 0;
}
