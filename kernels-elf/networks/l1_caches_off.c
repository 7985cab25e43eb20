/*
 * kernels-elf/networks/l1_caches_off.c -- linked into the *_nocache programs:
 * turns the Cortex-M7 L1 caches back off before main(), so the same network
 * runs from AXI flash with no I-cache (every fetch pays the flash wait states
 * the ART does not hide on that path) and with no D-cache for its constants.
 * This is the "uncached AXI flash" placement of the placement comparison.
 *
 * Runs from __libc_init_array (a constructor), after startup.c enabled the
 * caches the CMSIS way.  Order per the Armv7-M cache maintenance rules:
 * clear CCR.DC, clean+invalidate the D-cache by set/way so nothing dirty
 * stays behind, then clear CCR.IC and invalidate the I-cache; barriers
 * between the steps.
 */
#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(addr))
#define SCB_CCR     REG32(0xE000ED14u)
#define SCB_CCSIDR  REG32(0xE000ED80u)
#define SCB_CSSELR  REG32(0xE000ED84u)
#define SCB_ICIALLU REG32(0xE000EF50u)
#define SCB_DCCISW  REG32(0xE000EF74u)
#define CCR_DC      (1u << 16)
#define CCR_IC      (1u << 17)

static inline void barriers(void)
{
    __asm volatile("dsb 0xF\n\tisb 0xF" ::: "memory");
}

__attribute__((constructor)) static void l1_caches_off(void)
{
    SCB_CSSELR = 0u;                                  /* level 1 data cache */
    barriers();
    uint32_t ccsidr = SCB_CCSIDR;
    uint32_t line_shift = (ccsidr & 0x7u) + 4u;       /* log2(line bytes) */
    uint32_t ways_m1 = (ccsidr >> 3) & 0x3FFu;
    uint32_t sets_m1 = (ccsidr >> 13) & 0x7FFFu;
    uint32_t way_shift = ways_m1 ? (uint32_t)__builtin_clz(ways_m1) : 0u;

    SCB_CCR &= ~CCR_DC;
    barriers();
    for (uint32_t set = 0; set <= sets_m1; set++)
        for (uint32_t way = 0; way <= ways_m1; way++)
            SCB_DCCISW = (way << way_shift) | (set << line_shift);
    barriers();

    SCB_CCR &= ~CCR_IC;
    barriers();
    SCB_ICIALLU = 0u;
    barriers();
}
