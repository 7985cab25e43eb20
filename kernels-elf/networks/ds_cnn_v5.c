/*
 * kernels-elf/networks/ds_cnn_v5.c -- variant 5: multi-resolution, stride-2 depthwise to 13x3, wide pointwise (64->120->128->128).
 * Total MACs: 2678600 (per-layer table in generated/ds_cnn_v5_weights.h and README.md).
 *
 * int8 NHWC inference with the cmsis-nn/ kernels; weights, quantisation and the
 * input tensor come from tools/gen_weights.py.  Prints the output tensor and
 * "ds_cnn_v5 checksum 0x........" (FNV-1a over every layer output); with the
 * semihosting argument --dump also every layer's output tensor.
 */
#include "m7sim_io.h"
#include "nn_runner.h"
#include "generated/ds_cnn_v5_weights.h"

static int8_t buf0[DS_CNN_V5_BUF0_BYTES] __attribute__((aligned(8)));
static int8_t buf1[DS_CNN_V5_BUF1_BYTES] __attribute__((aligned(8)));
static int32_t scratch[(DS_CNN_V5_SCRATCH_BYTES + 3) / 4];

int main(int argc, char **argv)
{
    const nn_network_t net = {
        .name = "ds_cnn_v5",
        .layers = ds_cnn_v5_layers,
        .num_layers = DS_CNN_V5_NUM_LAYERS,
        .input = ds_cnn_v5_input,
        .input_bytes = (int32_t)sizeof ds_cnn_v5_input,
        .buf = {buf0, buf1},
        .buf_bytes = {(int32_t)sizeof buf0, (int32_t)sizeof buf1},
        .scratch = scratch,
        .scratch_bytes = (int32_t)sizeof scratch,
    };
    return nn_run(&net, m7sim_has_flag(argc, argv, "--dump"));
}
