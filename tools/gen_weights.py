#!/usr/bin/env python3
"""Generate deterministic int8 networks for kernels-elf/networks/.

    python3 tools/gen_weights.py            # (re)writes kernels-elf/networks/generated/*.h
    python3 tools/gen_weights.py --table    # also prints the per-network MAC table (markdown)

Everything here is a pure function of the layer descriptions below: no
floating-point randomness, no dependency on Python's `random`, so the C#
reference (or anyone) can regenerate the same tensors.  The algorithm, which
kernels-elf/README.md documents, is:

PRNG   SplitMix64, one stream per tensor, seeded with the 64-bit FNV-1a hash of
       the ASCII string "<network>/<layer>/<tensor>" (tensor = weights, bias,
       mult, shift, input).  next(): state += 0x9E3779B97F4A7C15;
       z = state; z = (z ^ z>>30) * 0xBF58476D1CE4E5B9; z = (z ^ z>>27) *
       0x94D049BB133111EB; return z ^ z>>31   (all mod 2^64).
weight r = next(); s = sum of the 4 low bytes of r (0..1020);
       w = max(-127, floor((s - 510) / 4))      -> bell-shaped, |w| <= 127.
input  (network input tensor) r = next(); v = (r & 0xFF) - 128.
mult   per output channel: 0x40000000 + (next() & 0x3FFFFFFF)  (in [2^30, 2^31)).
shift  per output channel: acc_rms = ||w_c||_2 * 40 (40 = assumed rms of
       input + input_offset); shift = -round(log2(acc_rms * 0.75 / 40)),
       computed exactly as int: see shift_for() below (integer arithmetic
       only).  Typical values -7 .. -11.
bias   per output channel: r = next(); b = (r % (2*B+1)) - B with
       B = acc_rms_int // 2 (acc_rms_int = isqrt(sum w^2) * 40).
"""
import argparse
import math
import os
import sys

MASK64 = (1 << 64) - 1
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "kernels-elf", "networks", "generated")


def fnv1a64(s):
    h = 0xCBF29CE484222325
    for b in s.encode("ascii"):
        h ^= b
        h = (h * 0x100000001B3) & MASK64
    return h


class SplitMix64:
    def __init__(self, name):
        self.state = fnv1a64(name)

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)


def gen_weights(name, n):
    rng = SplitMix64(name)
    out = []
    for _ in range(n):
        r = rng.next()
        s = (r & 0xFF) + ((r >> 8) & 0xFF) + ((r >> 16) & 0xFF) + ((r >> 24) & 0xFF)
        out.append(max(-127, (s - 510) // 4))
    return out


def gen_input(name, n):
    rng = SplitMix64(name)
    return [(rng.next() & 0xFF) - 128 for _ in range(n)]


def shift_for(acc_rms_int):
    """shift = -k, k the smallest integer >= 0 with
    (3 * acc_rms)^2 <= 2 * (160 * 2^k)^2, i.e. k = round(log2(acc_rms * 0.75 / 40))
    (rounded in the log domain): the requantised output rms is then ~40."""
    a2 = (acc_rms_int * 3) ** 2
    k = 0
    while a2 > 2 * ((160 << k) ** 2):
        k += 1
    return -k


def same_pad(in_size, k, stride):
    """TFLite SAME padding: (output size, leading pad)."""
    out = -(-in_size // stride)
    total = max((out - 1) * stride + k - in_size, 0)
    return out, total // 2


# ----------------------------------------------------------------------------
# Network descriptions.  Tensor shapes are NHWC with N = 1.
#   conv: (name, k_h, k_w, out_ch, stride_h, stride_w, -, -, relu)
#   dw:   (name, k_h, k_w, ch_mult, stride_h, stride_w, -, -, relu)
#   maxpool / avgpool: (name, k_h, k_w, stride_h, stride_w, -, -)
# All convolutions and pools use TFLite SAME padding (output = ceil(in/stride),
# leading pad = total // 2, the rest implicit at the bottom/right) except the
# global average pool (window = whole input, VALID).
#   relu (in place, arm_relu_q7; tensor zero point must be 0)
#   fc: (name, out)   softmax: (name,)
# relu=True on conv/dw/fc fuses ReLU the TFLite way: output zero point -128,
# clamp [-128, 127].  relu=False: output zero point 0 if a separate "relu"
# layer follows (so arm_relu_q7 is a real ReLU), else zero point ZP_PLAIN.
# ----------------------------------------------------------------------------
ZP_PLAIN = 0

NETWORKS = {}


def net(name, input_hwc, input_zp, layers, comment):
    NETWORKS[name] = dict(name=name, input=input_hwc, input_zp=input_zp, layers=layers, comment=comment)


net("cifar10_cnn", (32, 32, 3), -128, [
    ("conv", "conv1", 5, 5, 32, 1, 1, 2, 2, False),
    ("maxpool", "pool1", 3, 3, 2, 2, 0, 0),
    ("relu", "relu1"),
    ("conv", "conv2", 5, 5, 32, 1, 1, 2, 2, False),
    ("relu", "relu2"),
    ("avgpool", "pool2", 3, 3, 2, 2, 0, 0),
    ("conv", "conv3", 5, 5, 64, 1, 1, 2, 2, False),
    ("relu", "relu3"),
    ("avgpool", "pool3", 3, 3, 2, 2, 0, 0),
    ("fc", "fc1", 10),
    ("softmax", "softmax"),
], "Caffe CIFAR-10 (the CMSIS-NN CIFAR-10 example topology)")


def ds_cnn(name, first_ch, blocks, fc_out=12, comment=""):
    layers = [("conv", "conv1", 10, 4, first_ch, 2, 2, 4, 1, True)]
    for i, b in enumerate(blocks, 1):
        kind = b[0]
        if kind == "dw":
            _, k, mult, stride = b
            pad = 1 if k == 3 else 2
            layers.append(("dw", "dw%d" % i, k, k, mult, stride, stride, pad, pad, True))
        elif kind == "pw":
            _, out = b
            layers.append(("conv", "pw%d" % i, 1, 1, out, 1, 1, 0, 0, True))
    layers.append(("avgpool", "pool", None, None, 1, 1, 0, 0))   # global: window = input h x w
    layers.append(("fc", "fc1", fc_out))
    layers.append(("softmax", "softmax"))
    net(name, (49, 10, 1), 83, layers, comment)


ds_cnn("ds_cnn_s", 64, [("dw", 3, 1, 1), ("pw", 64)] * 4,
       comment="DS-CNN small (Hello Edge keyword spotting): conv 10x4/2 -> 64, 4 x (dw 3x3 + pw 64)")
ds_cnn("ds_cnn_v1", 88, [("dw", 3, 1, 1), ("pw", 88), ("dw", 3, 1, 1), ("pw", 96)],
       comment="variant 1: shallow and wide, 2 DS blocks (pointwise dominated)")
ds_cnn("ds_cnn_v2", 52, [("dw", 3, 1, 1), ("pw", 52)] * 6,
       comment="variant 2: deep and narrow, 6 DS blocks of 52 channels")
ds_cnn("ds_cnn_v3", 64, [("dw", 5, 1, 1), ("pw", 64)] * 3 + [("dw", 5, 1, 1)],
       comment="variant 3: depthwise heavy, 5x5 depthwise (opt path), 4 dw + 3 pw")
ds_cnn("ds_cnn_v4", 32, [("dw", 3, 2, 1), ("pw", 32)] * 7 + [("pw", 56)],
       comment="variant 4: channel multiplier 2 depthwise (generic path), 7 x (dw 3x3 x2 + pw 64->32) + pw 32->56")
ds_cnn("ds_cnn_v5", 64, [("dw", 3, 1, 1), ("pw", 120), ("dw", 3, 1, 2), ("pw", 128), ("dw", 3, 1, 1), ("pw", 128)],
       comment="variant 5: multi-resolution, stride-2 depthwise to 13x3, wide pointwise (64->120->128->128)")


# ----------------------------------------------------------------------------

def c_array(ctype, name, values, per_line=16):
    lines = ["static const %s %s[%d] = {" % (ctype, name, len(values))]
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


# ----------------------------------------------------------------------------
# Exact int8 arithmetic (TFLite reference semantics), used to run the network
# in Python while generating it: calibration needs the real accumulators, and
# the resulting checksum is an independent oracle for the C kernels.
# ----------------------------------------------------------------------------
def wrap32(x):
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x & 0x80000000 else x


def srdhm(a, b):
    if a == b == -(1 << 31):
        return (1 << 31) - 1
    ab = a * b
    q = ab + ((1 << 30) if ab >= 0 else 1 - (1 << 30))
    r = abs(q) >> 31
    return r if q >= 0 else -r


def rdbpot(x, e):
    mask = (1 << e) - 1
    rem = x & mask
    thr = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> e) + (1 if rem > thr else 0)


def mbqm(x, m, s):
    left, right = max(s, 0), max(-s, 0)
    return rdbpot(srdhm(wrap32(x << left), m), right)


def sat_mul_pot(x, e):
    thr = (1 << (31 - e)) - 1
    if x > thr:
        return (1 << 31) - 1
    if x < -thr:
        return -(1 << 31)
    return x << e


def exp_on_negative_values(a):
    def exp_quarter(v):
        x = v + (1 << 28)
        x2 = srdhm(x, x)
        x3 = srdhm(x2, x)
        x4 = srdhm(x2, x2)
        x4_4 = rdbpot(x4, 2)
        poly = rdbpot(srdhm(x4_4 + x3, 715827883) + x2, 1)
        return 1895147668 + srdhm(1895147668, x + poly)
    quarter = 1 << 24
    amq = (a & (quarter - 1)) - quarter
    result = exp_quarter(sat_mul_pot(amq, 5))
    rem = amq - a
    for e, m in ((-2, 1672461947), (-1, 1302514674), (0, 790015084), (1, 290630308),
                 (2, 39332535), (3, 720401), (4, 242)):
        if rem & (1 << (26 + e)):
            result = srdhm(result, m)
    return (1 << 31) - 1 if a == 0 else result


def one_over_one_plus_x(a):
    s = a + (1 << 31) - 1
    hd = (s + (1 if s >= 0 else -1))
    hd = abs(hd) // 2 * (1 if hd >= 0 else -1)
    x = 1515870810 + srdhm(hd, -1010580540)
    for _ in range(3):
        x = x + sat_mul_pot(srdhm(x, (1 << 29) - srdhm(hd, x)), 2)
    return sat_mul_pot(x, 1)


def softmax_s8(vals, mult, shift, diff_min):
    mx = max(vals)
    exps = []
    total = 0
    for v in vals:
        d = v - mx
        if d >= diff_min:
            e = exp_on_negative_values(srdhm(d * (1 << shift), mult))
            exps.append(e)
            total += rdbpot(e, 12)
        else:
            exps.append(None)
    headroom = 32 - total.bit_length()
    scale = one_over_one_plus_x(wrap32((total << headroom) - (1 << 31)))
    out = []
    for e in exps:
        if e is None:
            out.append(-128)
        else:
            r = rdbpot(srdhm(scale, e), 12 - headroom + 23) - 128
            out.append(max(-128, min(127, r)))
    return out


def softmax_params(input_scale_num, input_scale_den):
    """TFLite: real = beta * input_scale * 2^(31-5) (beta = 1), split into a
    Q31 multiplier and left shift (QuantizeMultiplierGreaterThanOne);
    diff_min = -floor(31 * 2^26 / 2^shift).  Exact for the rational scale."""
    from fractions import Fraction
    real = Fraction(input_scale_num, input_scale_den) * (1 << 26)
    shift = 0
    while real >= 1:
        real /= 2
        shift += 1
    while real < Fraction(1, 2):
        real *= 2
        shift -= 1
    q = round(real * (1 << 31))
    if q == (1 << 31):
        q //= 2
        shift += 1
    diff_min = -((31 * (1 << 26)) // (1 << shift))
    return q, shift, diff_min


def requant_out(acc, m, s, zp, lo, hi):
    return max(lo, min(hi, mbqm(acc, m, s) + zp))


def calib_shift(sum_sq, n, target):
    """shift = -k, k >= 0 the smallest with 9*sum_sq <= 2*n*(4*target << k)^2:
    k = round(log2(acc_rms * 0.75 / target)) in the log domain, so the
    requantised output (multipliers average 0.75) has rms ~ target."""
    k = 0
    while 9 * sum_sq > 2 * n * ((4 * target) << k) ** 2:
        k += 1
    return -k


def quantise(prefix, accs, target):
    """accs[c] = list of accumulators (input offset included, no bias) of
    output channel c over all output positions.  Returns mult, shift, bias."""
    mult_rng = SplitMix64(prefix + "/mult")
    bias_rng = SplitMix64(prefix + "/bias")
    mults, shifts, biases = [], [], []
    for acc in accs:
        sum_sq, n = sum(a * a for a in acc), len(acc)
        mults.append(0x40000000 + (mult_rng.next() & 0x3FFFFFFF))
        shifts.append(calib_shift(sum_sq, n, target))
        b = math.isqrt(sum_sq // n) // 2
        biases.append((bias_rng.next() % (2 * b + 1)) - b if b > 0 else 0)
    return mults, shifts, biases


def conv_accs(x, h, w, c, wts, kh, kw, sh, sw, ph, pw, oh, ow, oc, in_off, depthwise, ch_mult):
    """Accumulators [oc][pixel] of a (depthwise) convolution, input offset
    applied, padding contributes 0."""
    import operator
    xo = [v + in_off for v in x]
    accs = [[0] * (oh * ow) for _ in range(oc)]
    if not depthwise:
        per = kh * kw * c
        rows = [wts[o * per:(o + 1) * per] for o in range(oc)]
    for oy in range(oh):
        for ox in range(ow):
            pix = oy * ow + ox
            if not depthwise:
                patch = []
                for ky in range(kh):
                    iy = oy * sh - ph + ky
                    for kx in range(kw):
                        ix = ox * sw - pw + kx
                        if 0 <= iy < h and 0 <= ix < w:
                            base = (iy * w + ix) * c
                            patch.extend(xo[base:base + c])
                        else:
                            patch.extend([0] * c)
                for o in range(oc):
                    accs[o][pix] = sum(map(operator.mul, patch, rows[o]))
            else:
                for o in range(oc):
                    ic = o // ch_mult
                    a = 0
                    for ky in range(kh):
                        iy = oy * sh - ph + ky
                        if not 0 <= iy < h:
                            continue
                        for kx in range(kw):
                            ix = ox * sw - pw + kx
                            if 0 <= ix < w:
                                a += xo[(iy * w + ix) * c + ic] * wts[(ky * kw + kx) * oc + o]
                    accs[o][pix] = a
    return accs


def pool(x, h, w, c, kh, kw, sh, sw, ph, pw, oh, ow, is_max):
    out = []
    for oy in range(oh):
        for ox in range(ow):
            for ch in range(c):
                vals = [x[(iy * w + ix) * c + ch]
                        for iy in range(oy * sh - ph, oy * sh - ph + kh) if 0 <= iy < h
                        for ix in range(ox * sw - pw, ox * sw - pw + kw) if 0 <= ix < w]
                if is_max:
                    r = max(vals)
                else:
                    t, n = sum(vals), len(vals)
                    r = int((t + n // 2) / n) if t > 0 else -int((-t + n // 2) / n) if t < 0 else 0
                    # C: (t + n/2)/n and (t - n/2)/n with truncating division
                    r = (t + n // 2) // n if t > 0 else -((-(t) + n // 2) // n)
                out.append(max(-128, min(127, r)))
    return out


def fnv1a32(h, vals):
    for v in vals:
        h ^= v & 0xFF
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def build(netd):
    name = netd["name"]
    h, w, c = netd["input"]
    zp = netd["input_zp"]
    layers = netd["layers"]
    out = []            # C declarations
    table = []          # layer table initialisers
    macs_total = 0
    summary = []
    buf_sizes = [h * w * c, 0]
    cur = 0             # buffer holding the current tensor
    scratch = 0
    checksum = 0x811C9DC5

    x = gen_input("%s/input/input" % name, h * w * c)
    out.append(c_array("int8_t", "%s_input" % name, x))

    for li, L in enumerate(layers):
        kind, lname = L[0], L[1]
        prefix = "%s/%s" % (name, lname)
        ident = "%s_%s" % (name, lname)
        in_shape = (h, w, c)
        in_zp = zp
        nxt = layers[li + 1][0] if li + 1 < len(layers) else None
        inplace = False
        macs = 0
        entry = None
        if kind in ("conv", "dw"):
            _, _, kh, kw, arg, sh, sw, _, _, relu = L
            depthwise = kind == "dw"
            oc = c * arg if depthwise else arg
            wts = gen_weights(prefix + "/weights", (kh * kw * oc) if depthwise else (oc * kh * kw * c))
            (oh, ph), (ow, pw) = same_pad(h, kh, sh), same_pad(w, kw, sw)
            if relu:
                ozp, amin, amax, target = -128, -128, 127, 80
            else:
                ozp, amin, amax, target = (0 if nxt == "relu" else ZP_PLAIN), -128, 127, 40
            accs = conv_accs(x, h, w, c, wts, kh, kw, sh, sw, ph, pw, oh, ow, oc, -in_zp, depthwise, arg)
            mults, shifts, biases = quantise(prefix, accs, target)
            y = [0] * (oh * ow * oc)
            for o in range(oc):
                for pix, a in enumerate(accs[o]):
                    y[pix * oc + o] = requant_out(a + biases[o], mults[o], shifts[o], ozp, amin, amax)
            macs = oh * ow * oc * kh * kw * (1 if depthwise else c)
            out.append(c_array("int8_t", ident + "_w", wts))
            out.append(c_array("int32_t", ident + "_bias", biases, 8))
            out.append(c_array("int32_t", ident + "_mult", mults, 8))
            out.append(c_array("int32_t", ident + "_shift", shifts, 16))
            if not depthwise:
                if kh == 1 and kw == 1 and sh == 1 and sw == 1 and ph == 0 and pw == 0 and c % 4 == 0:
                    sc = 0
                elif h == 1 and kh == 1 and ow % 4 == 0:
                    sc = 2 * c * kw * 2
                else:
                    sc = 2 * c * kh * kw * 2
            else:
                if arg == 1 and kh == 3 and kw == 3 and ph <= 1 and pw <= 1 and c % 4 == 0:
                    sc = 0
                elif arg == 1:
                    sc = ((c + 3) & ~3) * kh * kw * 2
                else:
                    sc = 0
            scratch = max(scratch, sc)
            entry = dict(type="NN_LAYER_DW" if depthwise else "NN_LAYER_CONV",
                         kh=kh, kw=kw, sh=sh, sw=sw, ph=ph, pw=pw, oh=oh, ow=ow, oc=oc,
                         ch_mult=(arg if depthwise else 1),
                         in_off=-in_zp, out_off=ozp, amin=amin, amax=amax,
                         w=ident + "_w", bias=ident + "_bias", mult=ident + "_mult", shift=ident + "_shift")
            desc = "%s %dx%d/%d%s %d->%d%s%s" % (kind, kh, kw, sh, (" pad %d,%d" % (ph, pw)) if ph or pw else "",
                                               c, oc, (" x%d" % arg) if depthwise and arg > 1 else "",
                                               " +relu" if relu else "")
            h, w, c, zp = oh, ow, oc, ozp
        elif kind in ("maxpool", "avgpool"):
            _, _, kh, kw, sh, sw, _, _ = L
            if kh is None:          # global pooling (VALID, window = whole input)
                kh, kw, oh, ow, ph, pw = h, w, 1, 1, 0, 0
            else:
                (oh, ph), (ow, pw) = same_pad(h, kh, sh), same_pad(w, kw, sw)
            if kind == "avgpool":
                scratch = max(scratch, c * 4)
            y = pool(x, h, w, c, kh, kw, sh, sw, ph, pw, oh, ow, kind == "maxpool")
            entry = dict(type="NN_LAYER_MAXPOOL" if kind == "maxpool" else "NN_LAYER_AVGPOOL",
                         kh=kh, kw=kw, sh=sh, sw=sw, ph=ph, pw=pw, oh=oh, ow=ow, oc=c, ch_mult=1,
                         in_off=0, out_off=0, amin=-128, amax=127, w="0", bias="0", mult="0", shift="0")
            desc = "%s %dx%d/%d" % (kind, kh, kw, sh)
            h, w = oh, ow
        elif kind == "relu":
            assert zp == 0, "relu layer needs zero point 0"
            inplace = True
            y = [max(0, v) for v in x]
            entry = dict(type="NN_LAYER_RELU", kh=0, kw=0, sh=0, sw=0, ph=0, pw=0, oh=h, ow=w, oc=c, ch_mult=1,
                         in_off=0, out_off=0, amin=0, amax=127, w="0", bias="0", mult="0", shift="0")
            desc = "relu (in place)"
        elif kind == "fc":
            import operator
            _, _, n_out = L
            n_in = h * w * c
            wts = gen_weights(prefix + "/weights", n_out * n_in)
            xo = [v - in_zp for v in x]
            accs = [[sum(map(operator.mul, xo, wts[o * n_in:(o + 1) * n_in]))] for o in range(n_out)]
            # per-tensor quantisation: calibrate on all outputs together
            flat = [a[0] for a in accs]
            mults, shifts, biases = quantise(prefix, [flat] + [[a] for a in flat], 40)
            m, s = mults[0], shifts[0]
            biases = biases[1:]
            ozp = 3
            y = [requant_out(flat[o] + biases[o], m, s, ozp, -128, 127) for o in range(n_out)]
            out.append(c_array("int8_t", ident + "_w", wts))
            out.append(c_array("int32_t", ident + "_bias", biases, 8))
            macs = n_in * n_out
            entry = dict(type="NN_LAYER_FC", kh=1, kw=1, sh=1, sw=1, ph=0, pw=0, oh=1, ow=1, oc=n_out, ch_mult=1,
                         in_off=-zp, out_off=ozp, amin=-128, amax=127, w=ident + "_w", bias=ident + "_bias",
                         mult="0", shift="0", fc_mult=m, fc_shift=s)
            desc = "fc %d->%d" % (n_in, n_out)
            h, w, c, zp = 1, 1, n_out, ozp
        elif kind == "softmax":
            # FC output scale taken as 1/10: softmax input_beta from it
            q, s, dmin = softmax_params(1, 10)
            y = softmax_s8(x, q, s, dmin)
            entry = dict(type="NN_LAYER_SOFTMAX", kh=0, kw=0, sh=0, sw=0, ph=0, pw=0, oh=h, ow=w, oc=c,
                         ch_mult=1, in_off=0, out_off=-128, amin=-128, amax=127, w="0", bias="0",
                         mult="0", shift="0", sm_mult=q, sm_shift=s, sm_diff_min=dmin)
            desc = "softmax (input scale 1/10)"
            zp = -128
        else:
            raise ValueError(kind)

        x = y
        checksum = fnv1a32(checksum, x)
        out_bytes = h * w * c
        dst = cur if inplace else 1 - cur
        buf_sizes[dst] = max(buf_sizes[dst], out_bytes)
        entry.update(name=lname, ih=in_shape[0], iw=in_shape[1], ic=in_shape[2], src=cur, dst=dst)
        cur = dst
        table.append(entry)
        macs_total += macs
        summary.append((lname, desc, in_shape, (h, w, c), macs, -in_zp if kind in ("conv", "dw", "fc") else None))

    return out, table, macs_total, summary, buf_sizes, scratch, checksum, x


def emit(netd, out_dir):
    name = netd["name"]
    decls, table, macs, summary, bufs, scratch, checksum, result = build(netd)
    guard = name.upper() + "_WEIGHTS_H"
    lines = [
        "/* Generated by tools/gen_weights.py -- do not edit. */",
        "/* %s: %s */" % (name, netd["comment"]),
        "/* Total MACs: %d */" % macs,
        "#ifndef %s" % guard,
        "#define %s" % guard,
        "",
        '#include "nn_runner.h"',
        "",
        "#define %s_MACS %dL" % (name.upper(), macs),
        "/* Expected result, computed by tools/gen_weights.py's Python int8 model:",
        " * output: %s" % " ".join(str(v) for v in result),
        " * checksum 0x%08x (FNV-1a over every layer output) */" % checksum,
        "#define %s_EXPECTED_CHECKSUM 0x%08xu" % (name.upper(), checksum),
        "#define %s_BUF0_BYTES %d" % (name.upper(), bufs[0]),
        "#define %s_BUF1_BYTES %d" % (name.upper(), bufs[1]),
        "#define %s_SCRATCH_BYTES %d" % (name.upper(), max(scratch, 4)),
        "#define %s_NUM_LAYERS %d" % (name.upper(), len(table)),
        "",
        "/* layer | operation | input HxWxC | output HxWxC | MACs | input offset */",
    ]
    for (lname, desc, ins, outs, m, ioff) in summary:
        lines.append("/* %-8s %-34s %3dx%-3dx%-3d -> %3dx%-3dx%-3d %9d %s */" % (
            lname, desc, ins[0], ins[1], ins[2], outs[0], outs[1], outs[2], m, "" if ioff is None else ioff))
    lines.append("")
    lines.extend(decls)
    lines.append("")
    lines.append("static const nn_layer_t %s_layers[%d] = {" % (name, len(table)))
    for e in table:
        lines.append(
            "    { .name = \"%s\", .type = %s, .src = %d, .dst = %d,\n"
            "      .in = {1, %d, %d, %d}, .out = {1, %d, %d, %d}, .kh = %d, .kw = %d,\n"
            "      .stride_h = %d, .stride_w = %d, .pad_h = %d, .pad_w = %d, .ch_mult = %d,\n"
            "      .input_offset = %d, .output_offset = %d, .act_min = %d, .act_max = %d,\n"
            "      .weights = %s, .bias = %s, .mult = %s, .shift = %s,\n"
            "      .fc_mult = %d, .fc_shift = %d, .sm_mult = %d, .sm_shift = %d, .sm_diff_min = %d },"
            % (e["name"], e["type"], e["src"], e["dst"], e["ih"], e["iw"], e["ic"], e["oh"], e["ow"], e["oc"],
               e["kh"], e["kw"], e["sh"], e["sw"], e["ph"], e["pw"], e["ch_mult"], e["in_off"], e["out_off"],
               e["amin"], e["amax"], e["w"], e["bias"], e["mult"], e["shift"], e.get("fc_mult", 0),
               e.get("fc_shift", 0), e.get("sm_mult", 0), e.get("sm_shift", 0), e.get("sm_diff_min", 0)))
    lines.append("};")
    lines.append("")
    lines.append("#endif")
    path = os.path.join(out_dir, name + "_weights.h")
    text = "\n".join(lines) + "\n"
    old = open(path).read() if os.path.exists(path) else None
    if old != text:
        with open(path, "w") as f:
            f.write(text)
    return macs, summary, bufs, scratch, checksum


BENCH_WEIGHT_BYTES = 49152
BENCH_CHANNELS = 256


def emit_bench(path):
    """Shared constant data for the operator micro-benchmarks (bench/): one
    pool of weights in flash, from which every benchmark case takes its
    filter, plus 256 per-channel multipliers and biases.
      weights: gen_weights("bench/pool/weights", 49152)
      mult[c]: 0x40000000 + (SplitMix64("bench/pool/mult").next() & 0x3FFFFFFF)
      bias[c]: (SplitMix64("bench/pool/bias").next() % 4001) - 2000"""
    wts = gen_weights("bench/pool/weights", BENCH_WEIGHT_BYTES)
    mr, br = SplitMix64("bench/pool/mult"), SplitMix64("bench/pool/bias")
    mults = [0x40000000 + (mr.next() & 0x3FFFFFFF) for _ in range(BENCH_CHANNELS)]
    biases = [(br.next() % 4001) - 2000 for _ in range(BENCH_CHANNELS)]
    lines = ["/* Generated by tools/gen_weights.py -- do not edit. */",
             "/* Constant data shared by the operator micro-benchmarks (see emit_bench()). */",
             "#ifndef BENCH_WEIGHTS_H", "#define BENCH_WEIGHTS_H", "#include <stdint.h>", "",
             "#define BENCH_WEIGHT_BYTES %d" % BENCH_WEIGHT_BYTES,
             "#define BENCH_CHANNELS %d" % BENCH_CHANNELS, "",
             c_array("int8_t", "bench_weights", wts), c_array("int32_t", "bench_mult", mults, 8),
             c_array("int32_t", "bench_bias", biases, 8), "", "#endif"]
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    old = open(path).read() if os.path.exists(path) else None
    if old != text:
        with open(path, "w") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=OUT_DIR)
    ap.add_argument("--table", action="store_true", help="print a markdown MAC table")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    emit_bench(os.path.join(ROOT, "kernels-elf", "bench", "generated", "bench_weights.h"))
    for name, netd in NETWORKS.items():
        macs, summary, bufs, scratch, checksum = emit(netd, args.out)
        print("%-12s MACs %9d  expected checksum 0x%08x" % (name, macs, checksum), file=sys.stderr)
        if args.table:
            print("\n### %s -- %s\n" % (name, netd["comment"]))
            print("Total MACs: %d; activation buffers %d + %d bytes; scratch %d bytes\n" % (
                macs, bufs[0], bufs[1], scratch))
            print("| layer | operation | input (HxWxC) | output (HxWxC) | MACs |")
            print("|---|---|---|---|---:|")
            for (lname, desc, ins, outs, m, _) in summary:
                print("| %s | %s | %dx%dx%d | %dx%dx%d | %d |" % (lname, desc, *ins, *outs, m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
