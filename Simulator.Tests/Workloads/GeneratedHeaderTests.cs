using FluentAssertions;
using M7Sim.Tests.Workloads.Reference;
using Xunit;

namespace M7Sim.Tests.Workloads;

/// <summary>The generated-header reader on a small header written in the generator's format.</summary>
public sealed class GeneratedHeaderTests
{
    private const string Text = """
        #define NET_MACS 1234L
        #define NET_EXPECTED_CHECKSUM 0x95fd6fc1u
        #define NET_NUM_LAYERS 2
        static const int8_t net_input[3] = {
            -128, 0, 127,
        };
        static const int32_t net_l1_bias[2] = {
            -2147483648, 5,
        };
        static const nn_layer_t net_layers[2] = {
            { .name = "l1", .type = NN_LAYER_CONV, .src = 0, .dst = 1,
              .in = {1, 3, 1, 1}, .out = {1, 3, 1, 2}, .kh = 1, .kw = 1,
              .weights = 0, .bias = net_l1_bias, .input_offset = -83 },
            { .name = "sm", .type = NN_LAYER_SOFTMAX, .src = 1, .dst = 0,
              .in = {1, 1, 1, 6}, .out = {1, 1, 1, 6}, .sm_diff_min = -248 },
        };
        """;

    [Fact]
    public void Arrays_defines_and_layer_tables_are_read_with_their_values()
    {
        var h = new GeneratedHeader(Text, "test");

        h.Int8Array("net_input").Should().Equal(-128, 0, 127);
        h.Int32Array("net_l1_bias").Should().Equal(int.MinValue, 5);
        h.Define("NET_MACS").Should().Be(1234);
        h.Define("NET_EXPECTED_CHECKSUM").Should().Be(0x95fd6fc1);
        var table = h.Table("net_layers");
        table.Should().HaveCount(2);
        table[0]["name"].Should().Be("\"l1\"");
        table[0]["in"].Should().Be("{1, 3, 1, 1}");
        table[0]["bias"].Should().Be("net_l1_bias");
        table[0]["input_offset"].Should().Be("-83");
        table[1]["type"].Should().Be("NN_LAYER_SOFTMAX");
        table[1]["sm_diff_min"].Should().Be("-248");
    }

    [Fact]
    public void An_array_whose_length_disagrees_with_its_declaration_is_rejected()
    {
        var act = () => new GeneratedHeader("static const int8_t a[3] = { 1, 2, };", "test");
        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Benchmark_shift_and_fill_follow_nn_bench()
    {
        ReferenceBench.ShiftFor(1).Should().Be(-6);
        ReferenceBench.ShiftFor(9).Should().Be(-7);      // floor(log2 9) = 3
        ReferenceBench.ShiftFor(1024).Should().Be(-11);
        // xorshift32 from 0x9E3779B9: x ^= x<<13 -> 0x9E3779B9 ^ 0xEF372000 = 0x710059B9; x ^= x>>17 -> ^ 0x3880 = 0x71006139;
        // x ^= x<<5 -> ^ 0x200C2720 = 0x510C4619; low byte 0x19 = 25
        ReferenceBench.Fill(1, 0).Should().Equal(25);
    }
}
