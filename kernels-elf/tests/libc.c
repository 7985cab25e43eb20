/*
 * kernels-elf/tests/libc.c -- newlib string and formatting routines (their
 * optimised Thumb-2 code uses LDRD/LDM/STM, unaligned LDR, UADD8/SEL in
 * strlen/strchr, CLZ...): memcpy/memset/memmove at every alignment and
 * length, strcmp/strlen/strchr/strncpy/strstr, sprintf/printf of integers
 * in many formats, strtol/atoi, qsort, malloc/free.
 */
#include <stdlib.h>
#include <string.h>
#include "tcommon.h"

static uint8_t src[160], dst[160];

static uint32_t hash_bytes(const uint8_t *p, size_t n)
{
    uint32_t h = 0x811C9DC5u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x01000193u;
    }
    return h;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    for (int i = 0; i < 160; i++)
        src[i] = (uint8_t)(t_rand() >> 24);

    /* memcpy / memset / memmove over alignments 0..7 and lengths 0..67 */
    for (int so = 0; so < 8; so++)
        for (int doff = 0; doff < 8; doff++)
            for (int len = 0; len < 68; len += (len < 20 ? 1 : 7)) {
                memset(dst, 0xA5, sizeof dst);
                memcpy(dst + doff, src + so, (size_t)len);
                t_mix(hash_bytes(dst, 80));
            }
    t_section("memcpy");
    for (int off = 0; off < 8; off++)
        for (int len = 0; len < 70; len += 3) {
            memset(dst, 0, sizeof dst);
            memset(dst + off, 0x100 + off * 17 + len, (size_t)len);
            t_mix(hash_bytes(dst, 80));
        }
    t_section("memset");
    for (int shift = -9; shift <= 9; shift++)
        for (int len = 0; len < 60; len += 5) {
            memcpy(dst, src, sizeof dst);
            memmove(dst + 40 + shift, dst + 40, (size_t)len);
            t_mix(hash_bytes(dst, 120));
        }
    t_section("memmove");

    /* strings */
    static const char *words[] = {
        "", "a", "ab", "abc", "abcd", "hello", "hello, world", "Hello",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzz", "the quick brown fox jumps over",
        "\x80\xff high bytes", "abcdefgh", "abcdefgi", "abcdefg",
    };
    const int nw = (int)(sizeof words / sizeof words[0]);
    static char buf[64];
    for (int i = 0; i < nw; i++) {
        /* copy to every alignment so the word-at-a-time paths see all cases */
        for (int off = 0; off < 4; off++) {
            strcpy(buf + off, words[i]);
            t_mix((uint32_t)strlen(buf + off));
            const char *c = strchr(buf + off, 'o');
            t_mix(c ? (uint32_t)(c - (buf + off)) : 0xFFFFu);
            c = strchr(buf + off, '\0');
            t_mix((uint32_t)(c - (buf + off)));
            c = strrchr(buf + off, 'a');
            t_mix(c ? (uint32_t)(c - (buf + off)) : 0xFFFFu);
            for (int j = 0; j < nw; j++) {
                int r = strcmp(buf + off, words[j]);
                t_mix((uint32_t)((r > 0) - (r < 0)));
                r = strncmp(buf + off, words[j], 5);
                t_mix((uint32_t)((r > 0) - (r < 0)));
            }
        }
    }
    t_section("strings");
    printf("strstr: %d\n", (int)(strstr("the quick brown fox", "own") - "the quick brown fox"));
    strncpy(buf, "truncated copy", 9);
    buf[9] = '\0';
    printf("strncpy: [%s]\n", buf);
    strcat(buf, "+tail");
    printf("strcat: [%s] len %u\n", buf, (unsigned)strlen(buf));

    /* integer formatting */
    static const long vals[] = {0, 1, -1, 42, -42, 2147483647L, -2147483647L - 1, 123456789, -987654};
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        long v = vals[i];
        printf("[%ld] [%8ld] [%-8ld|] [%+ld] [%08ld] [%lx] [%lX] [%lo] [%#lx] [%lu]\n",
               v, v, v, v, v, (unsigned long)v, (unsigned long)v, (unsigned long)v,
               (unsigned long)v, (unsigned long)v);
    }
    printf("[%hhd] [%hd] [%hu] [%c] [%5s] [%-5s|] [%.3s] [%%]\n",
           (signed char)300, (short)70000, (unsigned short)70000, 'Q', "ab", "ab", "abcdef");
    printf("[%lld] [%llu] [%llx]\n", -1234567890123456789LL, 18446744073709551615ULL, 0x0123456789ABCDEFULL);
    printf("[%*d] [%-*d|] [%.*d]\n", 6, 77, 6, 77, 5, 77);
    char sb[96];
    int n = snprintf(sb, sizeof sb, "%d-%u-%x-%s", -5, 5u, 0xBEEFu, "str");
    printf("snprintf %d [%s]\n", n, sb);
    n = snprintf(sb, T_OPAQUE(8u), "%s", "longer than eight");
    printf("snprintf truncated %d [%s]\n", n, sb);
    sprintf(sb, "%010d|%-10x|%+5d", 12345, 0xABCu, 9);
    printf("sprintf [%s]\n", sb);

    /* parsing */
    printf("strtol: %ld %ld %ld %lu\n", strtol("  -12345xyz", NULL, 10), strtol("0x7fffffff", NULL, 16),
           strtol("-777", NULL, 8), strtoul("4294967295", NULL, 10));
    printf("atoi: %d %d\n", atoi("2024"), atoi("-17abc"));

    /* qsort and heap */
    int arr[50];
    for (int i = 0; i < 50; i++)
        arr[i] = (int)(t_rand() % 2001u) - 1000;
    qsort(arr, 50, sizeof arr[0], cmp_int);
    printf("qsort: %d %d %d ... %d\n", arr[0], arr[1], arr[2], arr[49]);
    uint32_t acc = 0;
    for (int round = 0; round < 20; round++) {
        size_t sz = 16u + (t_rand() % 500u);
        uint8_t *p = malloc(sz);
        if (!p) {
            printf("malloc failed\n");
            return 1;
        }
        memset(p, round, sz);
        acc = acc * 31u + hash_bytes(p, sz);
        free(p);
    }
    printf("heap: %08lx\n", (unsigned long)acc);
    return 0;
}
