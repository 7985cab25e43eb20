/*
 * M7Sim CMSIS-NN compatible int8 library -- pooling: arm_max_pool_s8 and
 * arm_avgpool_s8.  NHWC, window filter_dims->h x filter_dims->w, positions
 * outside the input (padding) are skipped (not counted in the average).
 *
 * max: per output pixel, copy the first valid input pixel, then a SIMD max
 *      with every other valid pixel (SSUB8 sets GE per byte, SEL picks),
 *      then clamp to the activation range (again SSUB8/SEL).
 * avg: per output pixel, int32 sums per channel (4 channels per load with
 *      SXTB16), then sum / count rounded half away from zero:
 *      sum > 0 ? (sum + count/2) / count : (sum - count/2) / count, clamp.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

static void max_in_place_s8(int8_t *dst, const int8_t *src, int32_t length)
{
    int32_t cnt = length >> 2;
#if defined(ARM_MATH_DSP)
    while (cnt-- > 0) {
        const int32_t ref = arm_nn_read_s8x4(dst);
        const int32_t cmp = arm_nn_read_s8x4_ia(&src);
        (void)__ssub8(cmp, ref);                     /* GE[i] = cmp[i] >= ref[i] */
        arm_nn_write_s8x4_ia(&dst, (int32_t)__sel((uint32_t)cmp, (uint32_t)ref));
    }
    cnt = length & 3;
#else
    cnt = length;
#endif
    while (cnt-- > 0) {
        if (*src > *dst)
            *dst = *src;
        dst++;
        src++;
    }
}

static void clamp_s8(int8_t *dst, int32_t length, int32_t act_min, int32_t act_max)
{
    int32_t cnt = length >> 2;
#if defined(ARM_MATH_DSP)
    const uint32_t lo = 0x01010101u * (uint8_t)act_min;
    const uint32_t hi = 0x01010101u * (uint8_t)act_max;
    while (cnt-- > 0) {
        uint32_t v = (uint32_t)arm_nn_read_s8x4(dst);
        (void)__ssub8((int32_t)v, (int32_t)lo);
        v = __sel(v, lo);                            /* max(v, act_min) */
        (void)__ssub8((int32_t)v, (int32_t)hi);
        v = __sel(hi, v);                            /* min(v, act_max) */
        arm_nn_write_s8x4_ia(&dst, (int32_t)v);
    }
    cnt = length & 3;
#else
    cnt = length;
#endif
    while (cnt-- > 0) {
        int32_t v = *dst;
        v = MAX(v, act_min);
        v = MIN(v, act_max);
        *dst++ = (int8_t)v;
    }
}

arm_cmsis_nn_status arm_max_pool_s8(const cmsis_nn_context *ctx,
                                    const cmsis_nn_pool_params *pool_params,
                                    const cmsis_nn_dims *input_dims,
                                    const int8_t *src,
                                    const cmsis_nn_dims *filter_dims,
                                    const cmsis_nn_dims *output_dims,
                                    int8_t *dst)
{
    (void)ctx;
    const int32_t input_y = input_dims->h, input_x = input_dims->w, ch = input_dims->c;
    const int32_t output_y = output_dims->h, output_x = output_dims->w;
    const int32_t stride_y = pool_params->stride.h, stride_x = pool_params->stride.w;
    const int32_t kernel_y = filter_dims->h, kernel_x = filter_dims->w;
    const int32_t pad_y = pool_params->padding.h, pad_x = pool_params->padding.w;
    const int32_t act_min = pool_params->activation.min, act_max = pool_params->activation.max;

    for (int32_t b = 0; b < input_dims->n; b++) {
        for (int32_t i_y = 0; i_y < output_y; i_y++) {
            const int32_t base_y = i_y * stride_y - pad_y;
            const int32_t ky_start = MAX(0, -base_y);
            const int32_t ky_end = MIN(kernel_y, input_y - base_y);
            for (int32_t i_x = 0; i_x < output_x; i_x++) {
                const int32_t base_x = i_x * stride_x - pad_x;
                const int32_t kx_start = MAX(0, -base_x);
                const int32_t kx_end = MIN(kernel_x, input_x - base_x);
                int first = 1;
                for (int32_t ky = ky_start; ky < ky_end; ky++) {
                    for (int32_t kx = kx_start; kx < kx_end; kx++) {
                        const int8_t *p = src + ((base_y + ky) * input_x + base_x + kx) * ch;
                        if (first) {
                            memcpy(dst, p, (size_t)ch);
                            first = 0;
                        } else {
                            max_in_place_s8(dst, p, ch);
                        }
                    }
                }
                if (first)
                    memset(dst, act_min, (size_t)ch);   /* empty window */
                clamp_s8(dst, ch, act_min, act_max);
                dst += ch;
            }
        }
        src += input_y * input_x * ch;
    }
    return ARM_CMSIS_NN_SUCCESS;
}

int32_t arm_avgpool_s8_get_buffer_size(const int dim_dst_width, const int ch_src)
{
    (void)dim_dst_width;
    return ch_src * (int32_t)sizeof(int32_t);
}

arm_cmsis_nn_status arm_avgpool_s8(const cmsis_nn_context *ctx,
                                   const cmsis_nn_pool_params *pool_params,
                                   const cmsis_nn_dims *input_dims,
                                   const int8_t *src,
                                   const cmsis_nn_dims *filter_dims,
                                   const cmsis_nn_dims *output_dims,
                                   int8_t *dst)
{
    const int32_t input_y = input_dims->h, input_x = input_dims->w, ch = input_dims->c;
    const int32_t output_y = output_dims->h, output_x = output_dims->w;
    const int32_t stride_y = pool_params->stride.h, stride_x = pool_params->stride.w;
    const int32_t kernel_y = filter_dims->h, kernel_x = filter_dims->w;
    const int32_t pad_y = pool_params->padding.h, pad_x = pool_params->padding.w;
    const int32_t act_min = pool_params->activation.min, act_max = pool_params->activation.max;

    int32_t *sums = (int32_t *)(ctx ? ctx->buf : 0);
    if (sums == 0 || ctx->size < ch * (int32_t)sizeof(int32_t))
        return ARM_CMSIS_NN_ARG_ERROR;

    for (int32_t b = 0; b < input_dims->n; b++) {
        for (int32_t i_y = 0; i_y < output_y; i_y++) {
            const int32_t base_y = i_y * stride_y - pad_y;
            const int32_t ky_start = MAX(0, -base_y);
            const int32_t ky_end = MIN(kernel_y, input_y - base_y);
            for (int32_t i_x = 0; i_x < output_x; i_x++) {
                const int32_t base_x = i_x * stride_x - pad_x;
                const int32_t kx_start = MAX(0, -base_x);
                const int32_t kx_end = MIN(kernel_x, input_x - base_x);

                memset(sums, 0, sizeof(int32_t) * (size_t)ch);
                int32_t count = 0;
                for (int32_t ky = ky_start; ky < ky_end; ky++) {
                    for (int32_t kx = kx_start; kx < kx_end; kx++) {
                        const int8_t *p = src + ((base_y + ky) * input_x + base_x + kx) * ch;
                        int32_t *s = sums;
                        int32_t c = ch >> 2;
#if defined(ARM_MATH_DSP)
                        while (c-- > 0) {
                            const int32_t v = arm_nn_read_s8x4_ia(&p);
                            const int32_t e = __sxtb16(v);             /* v0, v2 */
                            const int32_t o = arm_nn_sxtb16_ror8(v);   /* v1, v3 */
                            s[0] += (int16_t)e;
                            s[1] += (int16_t)o;
                            s[2] += e >> 16;
                            s[3] += o >> 16;
                            s += 4;
                        }
                        c = ch & 3;
#else
                        c = ch;
#endif
                        while (c-- > 0)
                            *s++ += *p++;
                        count++;
                    }
                }
                if (count == 0)
                    return ARM_CMSIS_NN_ARG_ERROR;
                for (int32_t c = 0; c < ch; c++) {
                    const int32_t sum = sums[c];
                    int32_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
                    avg = MAX(avg, act_min);
                    avg = MIN(avg, act_max);
                    dst[c] = (int8_t)avg;
                }
                dst += ch;
            }
        }
        src += input_y * input_x * ch;
    }
    return ARM_CMSIS_NN_SUCCESS;
}
