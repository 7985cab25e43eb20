using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Timing;

/// <summary>Branch resolution: prediction outcome, penalty and fetch redirect.</summary>
internal partial struct CortexM7Timing
{
    private void ResolveBranch(Cpu c, ref DecodedInst d, TimingClass cls, long issue, bool executed, bool predicated)
    {
        uint pc = c.Pc;
        bool taken = executed && c.NextPc != pc + d.Size;
        if (cls != TimingClass.Branch && cls != TimingClass.TableBranch && !taken) return; // could write PC but did not
        var ctr = _ctr;
        ctr.Branches++;
        if (taken) ctr.BranchesTaken++;
        Classify(d.Raw, d.Size, out bool direct, out bool conditional, out bool backward);
        bool flagConditional = (conditional && !IsCompareAndBranch(d.Raw, d.Size)) || predicated;
        conditional |= predicated;
        var outcome = _bp.Resolve(pc, direct, conditional, backward, taken, c.NextPc);
        switch (outcome)
        {
            case BranchOutcome.CorrectTaken:
                // Nearly free: the target may pair with the branch when the branch took the older slot.
                if (_model.PredictedTaken > 0) Penalty(issue, _model.PredictedTaken, StallCause.BranchMispredict);
                break;
            case BranchOutcome.DecodeRedirect:
                ctr.DecodeRedirects++;
                Penalty(issue, _model.DecodeRedirect, StallCause.BranchRedirect);
                break;
            case BranchOutcome.Mispredict:
                ctr.Mispredicts++;
                // Flag forwarding resolves a flag-conditional branch early when the flags were set >= 3 cycles before it (timing facts 3.1).
                int cycles = flagConditional && issue - _lastFlagsIssue >= _model.EarlyFlagsDistance ? _model.MispredictEarlyFlags : _model.Mispredict;
                Penalty(issue, cycles, StallCause.BranchMispredict);
                break;
        }
        if (taken) Redirect();
    }

    /// <summary>The next instruction issues <paramref name="cycles"/> cycles after the branch's cycle at the earliest (that many empty cycles).</summary>
    private void Penalty(long issue, int cycles, StallCause cause)
    {
        _t = Math.Max(_t, issue) + cycles;
        _open = false;
        _stalls[(int)cause] += (ulong)cycles;
        _recorder?.Penalized(cycles, cause);
    }

    /// <summary>
    /// Branch kind from the encoding (Armv7-M ARM A6.7.12 B, A6.7.18 BL, A6.7.21 CBZ, A6.7.20 BX, A6.7.19 BLX):
    /// direct = target in the encoding; backward = negative offset (sign bit).
    /// </summary>
    internal static void Classify(uint raw, int size, out bool direct, out bool conditional, out bool backward)
    {
        direct = conditional = backward = false;
        if (size == 2)
        {
            if ((raw & 0xF000) == 0xD000 && (raw & 0x0E00) != 0x0E00) { direct = conditional = true; backward = (raw & 0x80) != 0; } // B<c> T1
            else if ((raw & 0xF800) == 0xE000) { direct = true; backward = (raw & 0x400) != 0; }                                    // B T2
            else if ((raw & 0xF500) == 0xB100) { direct = conditional = true; }                                                     // CBZ/CBNZ: forward only
            return;                                                                                                                 // BX/BLX, POP {pc}, MOV pc: indirect
        }
        if ((raw & 0xF800_8000) == 0xF000_8000 && ((raw & 0x5000) != 0 || (raw & 0x0380_0000) != 0x0380_0000))
        {
            direct = true;
            conditional = (raw & 0x5000) == 0;    // T3: hw2 bits 14 and 12 clear
            backward = (raw & (1u << 26)) != 0;   // S
        }
    }

    private static bool IsCompareAndBranch(uint raw, int size) => size == 2 && (raw & 0xF500) == 0xB100;
}
