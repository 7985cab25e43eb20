/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_convolve_wrapper_s8.
 *
 * Selection (same rules as CMSIS-NN's wrapper for the DSP build):
 *   1x1 filter, padding 0, stride 1, dilation 1, in_ch % 4 == 0
 *                                   -> arm_convolve_1x1_s8_fast
 *   input h == 1, filter h == 1, output w % 4 == 0, dilation 1
 *                                   -> arm_convolve_1_x_n_s8
 *   otherwise                       -> arm_convolve_s8
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

static int use_1x1_fast(const cmsis_nn_conv_params *p, const cmsis_nn_dims *in, const cmsis_nn_dims *f)
{
    return p->padding.w == 0 && p->padding.h == 0 && p->stride.w == 1 && p->stride.h == 1 && f->w == 1 &&
           f->h == 1 && p->dilation.w == 1 && p->dilation.h == 1 && (in->c % 4) == 0;
}

static int use_1_x_n(const cmsis_nn_conv_params *p, const cmsis_nn_dims *in, const cmsis_nn_dims *f,
                     const cmsis_nn_dims *out)
{
    return in->h == 1 && f->h == 1 && (out->w % 4) == 0 && p->dilation.w == 1 && p->dilation.h == 1;
}

int32_t arm_convolve_wrapper_s8_get_buffer_size(const cmsis_nn_conv_params *conv_params,
                                                const cmsis_nn_dims *input_dims,
                                                const cmsis_nn_dims *filter_dims,
                                                const cmsis_nn_dims *output_dims)
{
    if (use_1x1_fast(conv_params, input_dims, filter_dims))
        return arm_convolve_1x1_s8_fast_get_buffer_size(input_dims);
    if (use_1_x_n(conv_params, input_dims, filter_dims, output_dims))
        return arm_convolve_1_x_n_s8_get_buffer_size(input_dims, filter_dims);
    return arm_convolve_s8_get_buffer_size(input_dims, filter_dims);
}

arm_cmsis_nn_status arm_convolve_wrapper_s8(const cmsis_nn_context *ctx,
                                            const cmsis_nn_conv_params *conv_params,
                                            const cmsis_nn_per_channel_quant_params *quant_params,
                                            const cmsis_nn_dims *input_dims,
                                            const int8_t *input_data,
                                            const cmsis_nn_dims *filter_dims,
                                            const int8_t *filter_data,
                                            const cmsis_nn_dims *bias_dims,
                                            const int32_t *bias_data,
                                            const cmsis_nn_dims *output_dims,
                                            int8_t *output_data)
{
    if (use_1x1_fast(conv_params, input_dims, filter_dims))
        return arm_convolve_1x1_s8_fast(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                        filter_data, bias_dims, bias_data, output_dims, output_data);
    if (use_1_x_n(conv_params, input_dims, filter_dims, output_dims))
        return arm_convolve_1_x_n_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                     filter_data, bias_dims, bias_data, output_dims, output_data);
    return arm_convolve_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims, filter_data,
                           bias_dims, bias_data, output_dims, output_data);
}
