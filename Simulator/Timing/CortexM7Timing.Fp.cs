using M7Sim.Decoding;

namespace M7Sim.Timing;

/// <summary>Floating-point operand readiness and results (FP registers are tracked from the encoding, see <see cref="FpOperands"/>).</summary>
internal partial struct CortexM7Timing
{
    private long FpOperandsReady(ref DecodedInst d, TimingClass cls, long issue, ref StallCause cause)
    {
        uint raw = d.Raw;
        long need = long.MinValue;
        switch (cls)
        {
            case TimingClass.FpAlu or TimingClass.FpAluDouble or TimingClass.FpMul or TimingClass.FpMulDouble
                or TimingClass.FpDiv or TimingClass.FpDivDouble:
            {
                int k = FpOperands.Count(raw);
                need = FpReady(FpOperands.Vm(raw), k);
                if (!FpOperands.IsUnary(raw)) need = Math.Max(need, FpReady(FpOperands.Vn(raw), k));
                break;
            }
            case TimingClass.FpMac or TimingClass.FpFma or TimingClass.FpMacDouble:
            {
                int k = FpOperands.Count(raw);
                need = Math.Max(FpReady(FpOperands.Vm(raw), k), FpReady(FpOperands.Vn(raw), k));
                int vd = FpOperands.Vd(raw);
                for (int i = 0; i < k; i++) need = Math.Max(need, _fpAccReady[vd + i]);
                break;
            }
            case TimingClass.FpCompare:
            {
                int k = FpOperands.Count(raw);
                need = Math.Max(FpReady(FpOperands.Vd(raw), k), FpReady(FpOperands.Vm(raw), k));
                break;
            }
            case TimingClass.FpMove:
                if (FpOperands.IsPairMove(raw))
                {
                    if ((raw & (1u << 20)) != 0) need = FpReady(FpOperands.Vm(raw), 2);
                }
                else if ((raw & (1u << 20)) != 0) need = _fpReady[FpOperands.SingleMoveReg(raw)];
                break;
            case TimingClass.FpStore:
                // Store data is read late, like integer store data (timing facts 3.1 FPU table, vstr row).
                need = FpReady(FpOperands.Vd(raw), FpOperands.Count(raw)) - _model.StoreDataLate;
                break;
            case TimingClass.FpStoreMultiple:
                need = FpReady(FpOperands.Vd(raw), Math.Min(FpOperands.MultipleWords(raw), 32)) - _model.StoreDataLate;
                break;
            case TimingClass.FpSystem:
                need = _fpscrReady;
                break;
        }
        if (need > issue) { issue = need; cause = StallCause.FpDependency; }
        if (cls is TimingClass.FpAlu or TimingClass.FpLoadDouble or TimingClass.FpLoadMultiple or TimingClass.FpStoreMultiple
            && _fpAluBlockedUntil > issue)
        {
            issue = _fpAluBlockedUntil;
            cause = StallCause.FpDependency;
        }
        return issue;
    }

    private readonly long FpReady(int first, int count)
    {
        long need = long.MinValue;
        for (int i = first; i < first + count && i < 64; i++)
            if (_fpReady[i] > need) need = _fpReady[i];
        return need;
    }

    private void WriteFpResults(ref DecodedInst d, int classLatency, TimingClass cls, long issue, long t0)
    {
        uint raw = d.Raw;
        int first, count, latency = classLatency;
        switch (cls)
        {
            case TimingClass.FpAlu or TimingClass.FpAluDouble or TimingClass.FpMul or TimingClass.FpMulDouble
                or TimingClass.FpDiv or TimingClass.FpDivDouble or TimingClass.FpMac or TimingClass.FpFma or TimingClass.FpMacDouble
                or TimingClass.FpLoad or TimingClass.FpLoadDouble:
                first = FpOperands.Vd(raw);
                count = FpOperands.Count(raw);
                break;
            case TimingClass.FpLoadMultiple:
                first = FpOperands.Vd(raw);
                count = Math.Min(FpOperands.MultipleWords(raw), 32);
                break;
            case TimingClass.FpMove:
                if ((raw & (1u << 20)) != 0) return; // to core registers: handled by WriteResults
                if (FpOperands.IsPairMove(raw)) { first = FpOperands.Vm(raw); count = 2; }
                else { first = FpOperands.SingleMoveReg(raw); count = 1; }
                latency = _model.FpMoveToFp;
                break;
            case TimingClass.FpCompare:
                _fpscrReady = issue + classLatency;
                return;
            default:
                return;
        }
        long ready = t0 + latency;
        long acc = t0 + Math.Min(latency, _model.FpAccumulatorChain);
        for (int i = first; i < first + count && i < 64; i++)
        {
            _fpReady[i] = ready;
            _fpAccReady[i] = acc;
        }
    }
}
