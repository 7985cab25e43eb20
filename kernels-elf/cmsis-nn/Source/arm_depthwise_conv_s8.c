/*
 * M7Sim CMSIS-NN compatible int8 library -- depthwise convolutions:
 * arm_depthwise_conv_s8 (generic), arm_depthwise_conv_s8_opt (ch_mult 1,
 * q15 im2col + SMLAD), arm_depthwise_conv_3x3_s8 (3x3, padding <= 1,
 * SXTAB16 + SMLABB/SMLATT) and the wrapper that chooses between them.
 *
 * Filter layout 1HWC with C = in_ch * ch_mult; output channel
 * o = in_ch_index * ch_mult + m reads input channel in_ch_index.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

static inline int8_t dw_requant(int32_t acc, int32_t mult, int32_t shift, int32_t out_offset, int32_t act_min,
                                int32_t act_max)
{
    acc = arm_nn_requantize(acc, mult, shift) + out_offset;
    acc = MAX(acc, act_min);
    acc = MIN(acc, act_max);
    return (int8_t)acc;
}

/* ------------------------------------------------------------------ generic */

arm_cmsis_nn_status arm_depthwise_conv_s8(const cmsis_nn_context *ctx,
                                          const cmsis_nn_dw_conv_params *dw_conv_params,
                                          const cmsis_nn_per_channel_quant_params *quant_params,
                                          const cmsis_nn_dims *input_dims,
                                          const int8_t *input,
                                          const cmsis_nn_dims *filter_dims,
                                          const int8_t *kernel,
                                          const cmsis_nn_dims *bias_dims,
                                          const int32_t *bias,
                                          const cmsis_nn_dims *output_dims,
                                          int8_t *output)
{
    (void)ctx;
    (void)bias_dims;
    const int32_t input_x = input_dims->w, input_y = input_dims->h, input_ch = input_dims->c;
    const int32_t kernel_x = filter_dims->w, kernel_y = filter_dims->h;
    const int32_t output_x = output_dims->w, output_y = output_dims->h, output_ch = output_dims->c;
    const int32_t ch_mult = dw_conv_params->ch_mult;
    const int32_t pad_x = dw_conv_params->padding.w, pad_y = dw_conv_params->padding.h;
    const int32_t stride_x = dw_conv_params->stride.w, stride_y = dw_conv_params->stride.h;
    const int32_t dil_x = dw_conv_params->dilation.w, dil_y = dw_conv_params->dilation.h;
    const int32_t input_offset = dw_conv_params->input_offset;
    const int32_t output_offset = dw_conv_params->output_offset;
    const int32_t act_min = dw_conv_params->activation.min, act_max = dw_conv_params->activation.max;

    for (int32_t b = 0; b < input_dims->n; b++) {
        for (int32_t out_y = 0; out_y < output_y; out_y++) {
            const int32_t base_y = stride_y * out_y - pad_y;
            for (int32_t out_x = 0; out_x < output_x; out_x++) {
                const int32_t base_x = stride_x * out_x - pad_x;
                for (int32_t in_ch = 0; in_ch < input_ch; in_ch++) {
                    for (int32_t m = 0; m < ch_mult; m++) {
                        const int32_t out_ch = in_ch * ch_mult + m;
                        int32_t acc = bias ? bias[out_ch] : 0;
                        for (int32_t ky = 0; ky < kernel_y; ky++) {
                            const int32_t in_y = base_y + dil_y * ky;
                            if (in_y < 0 || in_y >= input_y)
                                continue;
                            for (int32_t kx = 0; kx < kernel_x; kx++) {
                                const int32_t in_x = base_x + dil_x * kx;
                                if (in_x < 0 || in_x >= input_x)
                                    continue;
                                const int32_t in_val = input[(in_y * input_x + in_x) * input_ch + in_ch];
                                const int32_t k_val = kernel[(ky * kernel_x + kx) * output_ch + out_ch];
                                acc += (in_val + input_offset) * k_val;
                            }
                        }
                        *output++ = dw_requant(acc, quant_params->multiplier[out_ch],
                                               quant_params->shift[out_ch], output_offset, act_min, act_max);
                    }
                }
            }
        }
        input += input_x * input_y * input_ch;
    }
    return ARM_CMSIS_NN_SUCCESS;
}

/* ---------------------------------------------------------------------- opt */

int32_t arm_depthwise_conv_s8_opt_get_buffer_size(const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    /* one q15 window of kernel_x * kernel_y * in_ch, rounded up to a whole
     * number of 4-channel groups */
    const int32_t ch = (input_dims->c + 3) & ~3;
    return ch * filter_dims->w * filter_dims->h * (int32_t)sizeof(int16_t);
}

arm_cmsis_nn_status arm_depthwise_conv_s8_opt(const cmsis_nn_context *ctx,
                                              const cmsis_nn_dw_conv_params *dw_conv_params,
                                              const cmsis_nn_per_channel_quant_params *quant_params,
                                              const cmsis_nn_dims *input_dims,
                                              const int8_t *input,
                                              const cmsis_nn_dims *filter_dims,
                                              const int8_t *kernel,
                                              const cmsis_nn_dims *bias_dims,
                                              const int32_t *bias,
                                              const cmsis_nn_dims *output_dims,
                                              int8_t *output)
{
    (void)bias_dims;
    const int32_t input_ch = input_dims->c;
    const int32_t output_ch = output_dims->c;
    if (dw_conv_params->ch_mult != 1 || input_ch != output_ch || dw_conv_params->dilation.w != 1 ||
        dw_conv_params->dilation.h != 1)
        return ARM_CMSIS_NN_ARG_ERROR;
    int16_t *buffer_a = (int16_t *)ctx->buf;
    if (buffer_a == 0)
        return ARM_CMSIS_NN_ARG_ERROR;

    const int32_t input_x = input_dims->w, input_y = input_dims->h;
    const int32_t kernel_x = filter_dims->w, kernel_y = filter_dims->h;
    const int32_t output_x = output_dims->w, output_y = output_dims->h;
    const int32_t pad_x = dw_conv_params->padding.w, pad_y = dw_conv_params->padding.h;
    const int32_t stride_x = dw_conv_params->stride.w, stride_y = dw_conv_params->stride.h;
    const int16_t input_offset = (int16_t)dw_conv_params->input_offset;
    const int32_t output_offset = dw_conv_params->output_offset;
    const int32_t act_min = dw_conv_params->activation.min, act_max = dw_conv_params->activation.max;
    const int32_t *output_mult = quant_params->multiplier;
    const int32_t *output_shift = quant_params->shift;
    const int32_t kernel_size = kernel_x * kernel_y;

    for (int32_t b = 0; b < input_dims->n; b++) {
        for (int32_t out_y = 0; out_y < output_y; out_y++) {
            const int32_t base_y = stride_y * out_y - pad_y;
            for (int32_t out_x = 0; out_x < output_x; out_x++) {
                const int32_t base_x = stride_x * out_x - pad_x;

                /* im2col of the window: [kernel position][channel] q15 */
                int16_t *col = buffer_a;
                for (int32_t ky = 0; ky < kernel_y; ky++) {
                    const int32_t in_y = base_y + ky;
                    for (int32_t kx = 0; kx < kernel_x; kx++) {
                        const int32_t in_x = base_x + kx;
                        if (in_y < 0 || in_y >= input_y || in_x < 0 || in_x >= input_x)
                            memset(col, 0, sizeof(int16_t) * (size_t)input_ch);
                        else
                            arm_q7_to_q15_with_offset(input + (in_y * input_x + in_x) * input_ch, col, input_ch,
                                                      input_offset);
                        col += input_ch;
                    }
                }

                int32_t ch = 0;
#if defined(ARM_MATH_DSP)
                /* 4 channels at a time, 2 kernel positions per SMLAD */
                for (; ch <= output_ch - 4; ch += 4) {
                    int32_t sum0 = bias ? bias[ch] : 0;
                    int32_t sum1 = bias ? bias[ch + 1] : 0;
                    int32_t sum2 = bias ? bias[ch + 2] : 0;
                    int32_t sum3 = bias ? bias[ch + 3] : 0;
                    const int8_t *w = kernel + ch;
                    const int16_t *x = buffer_a + ch;
                    int32_t k = kernel_size >> 1;
                    while (k--) {
                        const int32_t wa = arm_nn_read_s8x4(w);               /* pos p, ch..ch+3 */
                        const int32_t wb = arm_nn_read_s8x4(w + output_ch);   /* pos p+1 */
                        const int32_t wa_e = __sxtb16(wa), wa_o = arm_nn_sxtb16_ror8(wa);
                        const int32_t wb_e = __sxtb16(wb), wb_o = arm_nn_sxtb16_ror8(wb);
                        const int32_t xa01 = arm_nn_read_q15x2(x);
                        const int32_t xa23 = arm_nn_read_q15x2(x + 2);
                        const int32_t xb01 = arm_nn_read_q15x2(x + input_ch);
                        const int32_t xb23 = arm_nn_read_q15x2(x + input_ch + 2);

                        /* channel c: {w(p,c), w(p+1,c)} . {x(p,c), x(p+1,c)} */
                        sum0 = __smlad(ARM_NN_PKHBT(wa_e, wb_e, 16), ARM_NN_PKHBT(xa01, xb01, 16), sum0);
                        sum1 = __smlad(ARM_NN_PKHBT(wa_o, wb_o, 16), ARM_NN_PKHTB(xb01, xa01, 16), sum1);
                        sum2 = __smlad(ARM_NN_PKHTB(wb_e, wa_e, 16), ARM_NN_PKHBT(xa23, xb23, 16), sum2);
                        sum3 = __smlad(ARM_NN_PKHTB(wb_o, wa_o, 16), ARM_NN_PKHTB(xb23, xa23, 16), sum3);

                        w += 2 * output_ch;
                        x += 2 * input_ch;
                    }
                    if (kernel_size & 1) {
                        sum0 += w[0] * x[0];
                        sum1 += w[1] * x[1];
                        sum2 += w[2] * x[2];
                        sum3 += w[3] * x[3];
                    }
                    output[ch] = dw_requant(sum0, output_mult[ch], output_shift[ch], output_offset, act_min, act_max);
                    output[ch + 1] = dw_requant(sum1, output_mult[ch + 1], output_shift[ch + 1], output_offset,
                                                act_min, act_max);
                    output[ch + 2] = dw_requant(sum2, output_mult[ch + 2], output_shift[ch + 2], output_offset,
                                                act_min, act_max);
                    output[ch + 3] = dw_requant(sum3, output_mult[ch + 3], output_shift[ch + 3], output_offset,
                                                act_min, act_max);
                }
#endif
                /* leftover channels */
                for (; ch < output_ch; ch++) {
                    int32_t sum = bias ? bias[ch] : 0;
                    for (int32_t p = 0; p < kernel_size; p++)
                        sum += kernel[p * output_ch + ch] * buffer_a[p * input_ch + ch];
                    output[ch] = dw_requant(sum, output_mult[ch], output_shift[ch], output_offset, act_min, act_max);
                }
                output += output_ch;
            }
        }
        input += input_x * input_y * input_ch;
    }
    return ARM_CMSIS_NN_SUCCESS;
}

/* ---------------------------------------------------------------------- 3x3 */

arm_cmsis_nn_status arm_depthwise_conv_3x3_s8(const cmsis_nn_context *ctx,
                                              const cmsis_nn_dw_conv_params *dw_conv_params,
                                              const cmsis_nn_per_channel_quant_params *quant_params,
                                              const cmsis_nn_dims *input_dims,
                                              const int8_t *input,
                                              const cmsis_nn_dims *filter_dims,
                                              const int8_t *kernel,
                                              const cmsis_nn_dims *bias_dims,
                                              const int32_t *bias,
                                              const cmsis_nn_dims *output_dims,
                                              int8_t *output)
{
    (void)ctx;
    (void)bias_dims;
    const int32_t input_x = input_dims->w, input_y = input_dims->h, input_ch = input_dims->c;
    const int32_t output_ch = output_dims->c;
    const int32_t pad_x = dw_conv_params->padding.w, pad_y = dw_conv_params->padding.h;
    const int32_t stride_x = dw_conv_params->stride.w, stride_y = dw_conv_params->stride.h;
    const int32_t input_offset = dw_conv_params->input_offset;
    const int32_t output_offset = dw_conv_params->output_offset;
    const int32_t act_min = dw_conv_params->activation.min, act_max = dw_conv_params->activation.max;
    const int32_t *output_mult = quant_params->multiplier;
    const int32_t *output_shift = quant_params->shift;

    if (filter_dims->w != 3 || filter_dims->h != 3 || dw_conv_params->ch_mult != 1 || input_ch != output_ch ||
        pad_x > 1 || pad_y > 1 || dw_conv_params->dilation.w != 1 || dw_conv_params->dilation.h != 1)
        return ARM_CMSIS_NN_ARG_ERROR;

#if defined(ARM_MATH_DSP)
    const int32_t off_q15x2 = (int32_t)(((uint32_t)(uint16_t)input_offset << 16) | (uint16_t)input_offset);
#endif

    for (int32_t b = 0; b < input_dims->n; b++) {
        for (int32_t out_y = 0; out_y < output_dims->h; out_y++) {
            const int32_t base_y = stride_y * out_y - pad_y;
            const int32_t ky_start = MAX(0, -base_y);
            const int32_t ky_end = MIN(3, input_y - base_y);
            for (int32_t out_x = 0; out_x < output_dims->w; out_x++) {
                const int32_t base_x = stride_x * out_x - pad_x;
                const int32_t kx_start = MAX(0, -base_x);
                const int32_t kx_end = MIN(3, input_x - base_x);

                int32_t ch = 0;
#if defined(ARM_MATH_DSP)
                for (; ch <= input_ch - 4; ch += 4) {
                    int32_t sum0 = bias ? bias[ch] : 0;
                    int32_t sum1 = bias ? bias[ch + 1] : 0;
                    int32_t sum2 = bias ? bias[ch + 2] : 0;
                    int32_t sum3 = bias ? bias[ch + 3] : 0;
                    for (int32_t ky = ky_start; ky < ky_end; ky++) {
                        const int8_t *in_row = input + ((base_y + ky) * input_x + base_x) * input_ch + ch;
                        const int8_t *k_row = kernel + ky * 3 * input_ch + ch;
                        for (int32_t kx = kx_start; kx < kx_end; kx++) {
                            const int32_t in = arm_nn_read_s8x4(in_row + kx * input_ch);
                            const int32_t w = arm_nn_read_s8x4(k_row + kx * input_ch);
                            const int32_t in_e = __sxtab16(off_q15x2, in);           /* c, c+2 */
                            const int32_t in_o = arm_nn_sxtab16_ror8(off_q15x2, in); /* c+1, c+3 */
                            const int32_t w_e = __sxtb16(w);
                            const int32_t w_o = arm_nn_sxtb16_ror8(w);
                            sum0 = __smlabb(in_e, w_e, sum0);
                            sum2 = __smlatt(in_e, w_e, sum2);
                            sum1 = __smlabb(in_o, w_o, sum1);
                            sum3 = __smlatt(in_o, w_o, sum3);
                        }
                    }
                    output[ch] = dw_requant(sum0, output_mult[ch], output_shift[ch], output_offset, act_min, act_max);
                    output[ch + 1] = dw_requant(sum1, output_mult[ch + 1], output_shift[ch + 1], output_offset,
                                                act_min, act_max);
                    output[ch + 2] = dw_requant(sum2, output_mult[ch + 2], output_shift[ch + 2], output_offset,
                                                act_min, act_max);
                    output[ch + 3] = dw_requant(sum3, output_mult[ch + 3], output_shift[ch + 3], output_offset,
                                                act_min, act_max);
                }
#endif
                for (; ch < input_ch; ch++) {
                    int32_t sum = bias ? bias[ch] : 0;
                    for (int32_t ky = ky_start; ky < ky_end; ky++)
                        for (int32_t kx = kx_start; kx < kx_end; kx++)
                            sum += (input[((base_y + ky) * input_x + base_x + kx) * input_ch + ch] + input_offset) *
                                   kernel[(ky * 3 + kx) * input_ch + ch];
                    output[ch] = dw_requant(sum, output_mult[ch], output_shift[ch], output_offset, act_min, act_max);
                }
                output += output_ch;
            }
        }
        input += input_x * input_y * input_ch;
    }
    return ARM_CMSIS_NN_SUCCESS;
}

/* ------------------------------------------------------------------ wrapper */

static int dw_use_3x3(const cmsis_nn_dw_conv_params *p, const cmsis_nn_dims *in, const cmsis_nn_dims *f)
{
    return p->ch_mult == 1 && f->w == 3 && f->h == 3 && p->padding.w <= 1 && p->padding.h <= 1 &&
           p->dilation.w == 1 && p->dilation.h == 1 && (in->c % 4) == 0;
}

static int dw_use_opt(const cmsis_nn_dw_conv_params *p)
{
    return p->ch_mult == 1 && p->dilation.w == 1 && p->dilation.h == 1;
}

int32_t arm_depthwise_conv_wrapper_s8_get_buffer_size(const cmsis_nn_dw_conv_params *dw_conv_params,
                                                      const cmsis_nn_dims *input_dims,
                                                      const cmsis_nn_dims *filter_dims,
                                                      const cmsis_nn_dims *output_dims)
{
    (void)output_dims;
    if (dw_use_3x3(dw_conv_params, input_dims, filter_dims))
        return 0;
    if (dw_use_opt(dw_conv_params))
        return arm_depthwise_conv_s8_opt_get_buffer_size(input_dims, filter_dims);
    return 0;
}

arm_cmsis_nn_status arm_depthwise_conv_wrapper_s8(const cmsis_nn_context *ctx,
                                                  const cmsis_nn_dw_conv_params *dw_conv_params,
                                                  const cmsis_nn_per_channel_quant_params *quant_params,
                                                  const cmsis_nn_dims *input_dims,
                                                  const int8_t *input,
                                                  const cmsis_nn_dims *filter_dims,
                                                  const int8_t *filter,
                                                  const cmsis_nn_dims *bias_dims,
                                                  const int32_t *bias,
                                                  const cmsis_nn_dims *output_dims,
                                                  int8_t *output)
{
    if (dw_use_3x3(dw_conv_params, input_dims, filter_dims))
        return arm_depthwise_conv_3x3_s8(ctx, dw_conv_params, quant_params, input_dims, input, filter_dims, filter,
                                         bias_dims, bias, output_dims, output);
    if (dw_use_opt(dw_conv_params))
        return arm_depthwise_conv_s8_opt(ctx, dw_conv_params, quant_params, input_dims, input, filter_dims, filter,
                                         bias_dims, bias, output_dims, output);
    return arm_depthwise_conv_s8(ctx, dw_conv_params, quant_params, input_dims, input, filter_dims, filter,
                                 bias_dims, bias, output_dims, output);
}
