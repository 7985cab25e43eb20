namespace M7Sim.Profiling;

/// <summary>
/// Activation memory from the executed graph: a buffer (by address range) is live from the operator
/// that first touches it to the last operator that reads it. An operator's live activation bytes are
/// the bytes of every buffer live at its step (its own inputs, outputs and scratch, plus buffers
/// produced earlier and consumed later, e.g. residual branches). Weights are not activations.
/// </summary>
internal static class LivenessAnalysis
{
    private sealed record Buffer(uint Address, long Bytes)
    {
        public int First = int.MaxValue;
        public int Last = -1;
    }

    public static void Assign(IReadOnlyList<OperatorInstance> operators)
    {
        var buffers = new Dictionary<(uint, long), Buffer>();
        for (int i = 0; i < operators.Count; i++)
        {
            foreach (var t in operators[i].Tensors)
            {
                if (t.Role is "weights" or "bias" || t.Bytes <= 0) continue;
                var key = (t.Address, t.Bytes);
                if (!buffers.TryGetValue(key, out var b)) buffers[key] = b = new Buffer(t.Address, t.Bytes);
                b.First = Math.Min(b.First, i);
                b.Last = Math.Max(b.Last, i);
            }
        }
        for (int i = 0; i < operators.Count; i++)
        {
            // Overlapping ranges (in-place operators, buffers reused at one address) count once.
            var live = buffers.Values.Where(b => b.First <= i && i <= b.Last).OrderBy(b => b.Address).ToList();
            long bytes = 0;
            ulong coveredTo = 0;
            foreach (var b in live)
            {
                ulong start = Math.Max(b.Address, coveredTo), end = b.Address + (ulong)b.Bytes;
                if (end > start) bytes += (long)(end - start);
                coveredTo = Math.Max(coveredTo, end);
            }
            operators[i].LiveActivationBytes = bytes;
        }
    }
}
