/* kernels-elf/networks/nn_runner.c -- see nn_runner.h */
#include "nn_runner.h"
#include <stdio.h>
#include <string.h>
#include "m7sim_io.h"

static int32_t tensor_bytes(const cmsis_nn_dims *d)
{
    return d->n * d->h * d->w * d->c;
}

static arm_cmsis_nn_status run_layer(const nn_network_t *net, const nn_layer_t *L)
{
    const int8_t *src = net->buf[L->src];
    int8_t *dst = net->buf[L->dst];
    cmsis_nn_context ctx = {net->scratch, net->scratch_bytes};
    const cmsis_nn_dims bias_dims = {1, 1, 1, L->out.c};

    switch (L->type) {
    case NN_LAYER_CONV: {
        const cmsis_nn_conv_params p = {
            .input_offset = L->input_offset, .output_offset = L->output_offset,
            .stride = {L->stride_w, L->stride_h}, .padding = {L->pad_w, L->pad_h}, .dilation = {1, 1},
            .activation = {L->act_min, L->act_max}};
        const cmsis_nn_per_channel_quant_params q = {(int32_t *)L->mult, (int32_t *)L->shift};
        const cmsis_nn_dims filter = {L->out.c, L->kh, L->kw, L->in.c};
        if (arm_convolve_wrapper_s8_get_buffer_size(&p, &L->in, &filter, &L->out) > net->scratch_bytes)
            return ARM_CMSIS_NN_ARG_ERROR;
        return arm_convolve_wrapper_s8(&ctx, &p, &q, &L->in, src, &filter, L->weights, &bias_dims, L->bias, &L->out,
                                       dst);
    }
    case NN_LAYER_DW: {
        const cmsis_nn_dw_conv_params p = {
            .input_offset = L->input_offset, .output_offset = L->output_offset, .ch_mult = L->ch_mult,
            .stride = {L->stride_w, L->stride_h}, .padding = {L->pad_w, L->pad_h}, .dilation = {1, 1},
            .activation = {L->act_min, L->act_max}};
        const cmsis_nn_per_channel_quant_params q = {(int32_t *)L->mult, (int32_t *)L->shift};
        const cmsis_nn_dims filter = {1, L->kh, L->kw, L->out.c};
        if (arm_depthwise_conv_wrapper_s8_get_buffer_size(&p, &L->in, &filter, &L->out) > net->scratch_bytes)
            return ARM_CMSIS_NN_ARG_ERROR;
        return arm_depthwise_conv_wrapper_s8(&ctx, &p, &q, &L->in, src, &filter, L->weights, &bias_dims, L->bias,
                                             &L->out, dst);
    }
    case NN_LAYER_FC: {
        const cmsis_nn_fc_params p = {.input_offset = L->input_offset, .filter_offset = 0,
                                      .output_offset = L->output_offset, .activation = {L->act_min, L->act_max}};
        const cmsis_nn_per_tensor_quant_params q = {L->fc_mult, L->fc_shift};
        const cmsis_nn_dims in = {1, 1, 1, tensor_bytes(&L->in)};
        const cmsis_nn_dims filter = {tensor_bytes(&L->in), 1, 1, L->out.c};
        return arm_fully_connected_s8(&ctx, &p, &q, &in, src, &filter, L->weights, &bias_dims, L->bias, &L->out,
                                      dst);
    }
    case NN_LAYER_MAXPOOL:
    case NN_LAYER_AVGPOOL: {
        const cmsis_nn_pool_params p = {.stride = {L->stride_w, L->stride_h}, .padding = {L->pad_w, L->pad_h},
                                        .activation = {L->act_min, L->act_max}};
        const cmsis_nn_dims filter = {1, L->kh, L->kw, 1};
        if (L->type == NN_LAYER_MAXPOOL)
            return arm_max_pool_s8(&ctx, &p, &L->in, src, &filter, &L->out, dst);
        if (arm_avgpool_s8_get_buffer_size(L->out.w, L->in.c) > net->scratch_bytes)
            return ARM_CMSIS_NN_ARG_ERROR;
        return arm_avgpool_s8(&ctx, &p, &L->in, src, &filter, &L->out, dst);
    }
    case NN_LAYER_RELU:
        if (dst != src)
            memcpy(dst, src, (size_t)tensor_bytes(&L->in));
        arm_relu_q7(dst, (uint16_t)tensor_bytes(&L->in));
        return ARM_CMSIS_NN_SUCCESS;
    case NN_LAYER_SOFTMAX:
        arm_softmax_s8(src, 1, tensor_bytes(&L->in), L->sm_mult, L->sm_shift, L->sm_diff_min, dst);
        return ARM_CMSIS_NN_SUCCESS;
    }
    return ARM_CMSIS_NN_NO_IMPL_ERROR;
}

int nn_run(const nn_network_t *net, int dump)
{
    uint32_t checksum = M7SIM_FNV_INIT;
    if (net->input_bytes > net->buf_bytes[0]) {
        printf("%s: input does not fit buffer 0\n", net->name);
        return 2;
    }
    memcpy(net->buf[0], net->input, (size_t)net->input_bytes);

    const nn_layer_t *L = net->layers;
    for (int32_t i = 0; i < net->num_layers; i++, L++) {
        const int32_t out_bytes = tensor_bytes(&L->out);
        if (out_bytes > net->buf_bytes[L->dst]) {
            printf("%s: layer %s output does not fit buffer %ld\n", net->name, L->name, (long)L->dst);
            return 2;
        }
        arm_cmsis_nn_status st = run_layer(net, L);
        if (st != ARM_CMSIS_NN_SUCCESS) {
            printf("%s: layer %s failed with status %d\n", net->name, L->name, (int)st);
            return 2;
        }
        checksum = m7sim_fnv1a(checksum, net->buf[L->dst], (size_t)out_bytes);
        if (dump) {
            printf("layer %ld %s: %ldx%ldx%ld checksum 0x%08lx\n", (long)i, L->name, (long)L->out.h,
                   (long)L->out.w, (long)L->out.c,
                   (unsigned long)m7sim_fnv1a(M7SIM_FNV_INIT, net->buf[L->dst], (size_t)out_bytes));
            m7sim_dump_s8(L->name, net->buf[L->dst], (size_t)out_bytes);
        }
    }

    L = &net->layers[net->num_layers - 1];
    const int8_t *result = net->buf[L->dst];
    printf("%s output:", net->name);
    for (int32_t i = 0; i < tensor_bytes(&L->out); i++)
        printf(" %d", result[i]);
    printf("\n%s checksum 0x%08lx\n", net->name, (unsigned long)checksum);
    return 0;
}
