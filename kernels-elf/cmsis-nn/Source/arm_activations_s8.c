/*
 * M7Sim CMSIS-NN compatible int8 library -- activations on raw int8 values:
 * arm_relu6_s8 (clamp to [0, 6]) and arm_relu_q7 (max with 0).
 * DSP path: 4 bytes per word, SSUB8 sets the per-byte GE flags, SEL picks.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

void arm_relu6_s8(int8_t *data, uint16_t size)
{
    int32_t i = size >> 2;
#if defined(ARM_MATH_DSP)
    const uint32_t six = 0x06060606u;
    int8_t *p = data;
    while (i-- > 0) {
        uint32_t v = (uint32_t)arm_nn_read_s8x4(p);
        (void)__ssub8((int32_t)v, 0);       /* GE = v >= 0 */
        v = __sel(v, 0u);                   /* max(v, 0) */
        (void)__ssub8((int32_t)v, (int32_t)six);
        v = __sel(six, v);                  /* min(v, 6) */
        arm_nn_write_s8x4_ia(&p, (int32_t)v);
    }
    data = p;
    i = size & 3;
#else
    i = size;
#endif
    while (i-- > 0) {
        int8_t v = *data;
        v = MAX(v, 0);
        v = MIN(v, 6);
        *data++ = v;
    }
}

void arm_relu_q7(int8_t *data, uint16_t size)
{
    int32_t i = size >> 2;
#if defined(ARM_MATH_DSP)
    int8_t *p = data;
    while (i-- > 0) {
        uint32_t v = (uint32_t)arm_nn_read_s8x4(p);
        (void)__ssub8((int32_t)v, 0);
        arm_nn_write_s8x4_ia(&p, (int32_t)__sel(v, 0u));
    }
    data = p;
    i = size & 3;
#else
    i = size;
#endif
    while (i-- > 0) {
        if (*data < 0)
            *data = 0;
        data++;
    }
}
