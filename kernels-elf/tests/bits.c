/*
 * kernels-elf/tests/bits.c -- bit manipulation: CLZ, RBIT, REV/REV16/REVSH,
 * ctz/popcount/parity, bitfield insert/extract (BFI/BFC/UBFX/SBFX) through C
 * bitfields and shifts/masks, and packed structures.
 */
#include "tcommon.h"

static uint32_t rbit(uint32_t x) { uint32_t r; __asm("rbit %0, %1" : "=r"(r) : "r"(x)); return r; }
static uint32_t rev16(uint32_t x) { uint32_t r; __asm("rev16 %0, %1" : "=r"(r) : "r"(x)); return r; }
static uint32_t revsh(uint32_t x) { uint32_t r; __asm("revsh %0, %1" : "=r"(r) : "r"(x)); return r; }
static uint32_t clz(uint32_t x) { uint32_t r; __asm("clz %0, %1" : "=r"(r) : "r"(x)); return r; }

struct packet {
    unsigned version : 3;
    unsigned type : 5;
    signed delta : 7;
    unsigned flag : 1;
    unsigned length : 12;
    signed tiny : 4;
};

struct __attribute__((packed)) unaligned_rec {
    uint8_t tag;
    uint32_t word;
    uint16_t half;
    int16_t shalf;
};

static uint32_t fields(uint32_t v)
{
    struct packet p;
    p.version = v;
    p.type = v >> 3;
    p.delta = (int)(v >> 8);
    p.flag = v >> 15;
    p.length = v >> 16;
    p.tiny = (int)(v >> 28);
    uint32_t h = (uint32_t)p.version * 3u + p.type;
    h = h * 31u + (uint32_t)p.delta;
    h = h * 31u + p.flag;
    h = h * 31u + p.length;
    h = h * 31u + (uint32_t)p.tiny;
    p.delta += 5;
    p.length ^= 0xABCu;
    h = h * 31u + (uint32_t)p.delta + p.length;
    return h;
}

static uint32_t asm_fields(uint32_t a, uint32_t b)
{
    uint32_t r1 = a, r2 = a, r3, r4, r5 = b;
    __asm("bfi %0, %1, #12, #8" : "+r"(r1) : "r"(b));
    __asm("bfi %0, %1, #0, #32" : "+r"(r2) : "r"(b ^ 0x55u));
    __asm("bfc %0, #3, #17" : "+r"(r5));
    __asm("sbfx %0, %1, #31, #1" : "=r"(r3) : "r"(a));
    __asm("ubfx %0, %1, #1, #31" : "=r"(r4) : "r"(b));
    return r1 ^ (r2 * 3u) ^ (r3 * 5u) ^ (r4 * 7u) ^ (r5 * 11u);
}

static uint32_t manual_fields(uint32_t a, uint32_t b)
{
    uint32_t ux = (a >> 5) & 0x3FFu;                       /* UBFX */
    int32_t sx = (int32_t)(a << 7) >> 20;                   /* SBFX */
    uint32_t ins = (a & ~(0xFFu << 12)) | ((b & 0xFFu) << 12); /* BFI */
    uint32_t clr = b & ~0x00FFF000u;                       /* BFC */
    uint32_t top = a >> 31;
    int32_t sgn = (int32_t)b >> 31;
    return ux ^ (uint32_t)sx ^ (ins * 3u) ^ (clr * 5u) ^ top ^ (uint32_t)sgn;
}

int main(void)
{
    t_init_edges();
    printf("clz(1)=%lu clz(0)=%lu clz(0x80000000)=%lu\n",
           (unsigned long)clz(T_OPAQUE(1u)), (unsigned long)clz(T_OPAQUE(0u)),
           (unsigned long)clz(T_OPAQUE(0x80000000u)));
    printf("rbit(0x12345678)=%08lx rev=%08lx rev16=%08lx revsh(0x1280)=%08lx\n",
           (unsigned long)rbit(T_OPAQUE(0x12345678u)),
           (unsigned long)__builtin_bswap32(T_OPAQUE(0x12345678u)),
           (unsigned long)rev16(T_OPAQUE(0x12345678u)),
           (unsigned long)revsh(T_OPAQUE(0x1280u)));

    for (int i = 0; i < T_NEDGES + 200; i++) {
        uint32_t x = i < T_NEDGES ? t_edges[i] : t_rand();
        t_mix(clz(x));
        t_mix(x ? (uint32_t)__builtin_ctz(x) : 32u);
        t_mix((uint32_t)__builtin_popcount(x));
        t_mix((uint32_t)__builtin_parity(x));
        t_mix((uint32_t)__builtin_clrsb((int32_t)x));
    }
    t_section("clz_ctz_popcount");

    for (int i = 0; i < T_NEDGES + 200; i++) {
        uint32_t x = i < T_NEDGES ? t_edges[i] : t_rand();
        t_mix(rbit(x));
        t_mix(__builtin_bswap32(x));
        t_mix(rev16(x));
        t_mix(revsh(x));
        t_mix((uint32_t)__builtin_bswap16((uint16_t)x));
    }
    t_section("rbit_rev");

    for (int i = 0; i < T_NEDGES + 200; i++) {
        uint32_t x = i < T_NEDGES ? t_edges[i] : t_rand();
        t_mix(fields(x));
        t_mix(manual_fields(x, t_rand()));
        t_mix(asm_fields(x, t_rand()));
    }
    t_section("bitfields");

    static struct unaligned_rec recs[8];
    for (int i = 0; i < 8; i++) {
        recs[i].tag = (uint8_t)i;
        recs[i].word = t_rand();
        recs[i].half = (uint16_t)t_rand();
        recs[i].shalf = (int16_t)t_rand();
    }
    uint32_t acc = 0;
    for (int i = 0; i < 8; i++)
        acc = acc * 131u + recs[i].word + recs[i].half + (uint32_t)recs[i].shalf + recs[i].tag;
    printf("packed records: %08lx (size %u)\n", (unsigned long)acc, (unsigned)sizeof recs[0]);

    /* variable shifts by every amount */
    for (uint32_t s = 0; s < 32; s++) {
        uint32_t x = T_OPAQUE(0x9E3779B9u);
        t_mix(x << s);
        t_mix(x >> s);
        t_mix((uint32_t)((int32_t)x >> s));
        t_mix(s ? (x >> s) | (x << (32 - s)) : x);
    }
    t_section("variable_shifts");
    return 0;
}
