/*
 * M7Sim CMSIS-NN compatible int8 library -- arm_convolve_1_x_n_s8.
 *
 * Convolution of a 1-row input with a 1xN filter (e.g. audio / time series).
 * Constraints: input_dims->h == 1, filter_dims->h == 1, output width a
 * multiple of 4, dilation 1.  Because the kernel covers one row, the
 * receptive field of an output pixel is one contiguous run of
 * kernel_x * in_ch input bytes: the im2col copies it with a single q15
 * conversion (zero-filling only the padded ends), then the same 2x2 SMLAD
 * kernel as arm_convolve_s8 is used.
 */
#include "arm_nnfunctions.h"
#include "arm_nnsupportfunctions.h"

int32_t arm_convolve_1_x_n_s8_get_buffer_size(const cmsis_nn_dims *input_dims, const cmsis_nn_dims *filter_dims)
{
    return 2 * input_dims->c * filter_dims->w * (int32_t)sizeof(int16_t);
}

arm_cmsis_nn_status arm_convolve_1_x_n_s8(const cmsis_nn_context *ctx,
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
    (void)bias_dims;
    if (input_dims->h != 1 || filter_dims->h != 1 || output_dims->w % 4 != 0 ||
        conv_params->dilation.w != 1 || conv_params->dilation.h != 1)
        return ARM_CMSIS_NN_ARG_ERROR;
    int16_t *buffer_a = (int16_t *)ctx->buf;
    if (buffer_a == 0)
        return ARM_CMSIS_NN_ARG_ERROR;

    const int32_t input_x = input_dims->w;
    const int32_t input_ch = input_dims->c;
    const int32_t kernel_x = filter_dims->w;
    const int32_t output_x = output_dims->w;
    const int32_t output_ch = output_dims->c;
    const int32_t pad_x = conv_params->padding.w;
    const int32_t stride_x = conv_params->stride.w;
    const int16_t input_offset = (int16_t)conv_params->input_offset;
    const int32_t rhs_cols = kernel_x * input_ch;

    for (int32_t i_batch = 0; i_batch < input_dims->n; i_batch++) {
        int16_t *col = buffer_a;
        int8_t *out = output_data;
        for (int32_t i_out_x = 0; i_out_x < output_x; i_out_x++) {
            const int32_t start = stride_x * i_out_x - pad_x;
            const int32_t lo = MAX(start, 0);
            const int32_t hi = MIN(start + kernel_x, input_x);
            const int32_t pre = lo - start;
            const int32_t valid = hi > lo ? hi - lo : 0;
            const int32_t post = kernel_x - pre - valid;
            if (pre > 0)
                memset(col, 0, sizeof(int16_t) * (size_t)(pre * input_ch));
            if (valid > 0)
                arm_q7_to_q15_with_offset(input_data + lo * input_ch, col + pre * input_ch, valid * input_ch,
                                          input_offset);
            if (post > 0)
                memset(col + (pre + valid) * input_ch, 0, sizeof(int16_t) * (size_t)(post * input_ch));
            col += rhs_cols;

            if (col == buffer_a + 2 * rhs_cols) {
                out = arm_nn_mat_mult_kernel_s8_s16(filter_data, buffer_a, (uint16_t)output_ch,
                                                    quant_params->shift, quant_params->multiplier,
                                                    conv_params->output_offset,
                                                    (int16_t)conv_params->activation.min,
                                                    (int16_t)conv_params->activation.max, rhs_cols, bias_data,
                                                    out);
                col = buffer_a;
            }
        }
        /* output_x is a multiple of 4, so no leftover column */
        input_data += input_x * input_ch;
        output_data += output_x * output_ch;
    }
    return ARM_CMSIS_NN_SUCCESS;
}
