namespace M7Sim.Timing;

/// <summary>What happened to one branch at the front end.</summary>
internal enum BranchOutcome : byte
{
    /// <summary>Predicted not taken and not taken: pairs with the next instruction (facts 3.1).</summary>
    CorrectNotTaken,
    /// <summary>BTAC hit, predicted taken with the right target: nearly free, pairs with its target (facts 3.1).</summary>
    CorrectTaken,
    /// <summary>BTAC miss on a direct branch statically predicted taken: redirected at decode.</summary>
    DecodeRedirect,
    Mispredict,
}

/// <summary>
/// Branch target address cache with a saturating counter per entry (the PFU's BTAC, timing facts 4; its
/// size and predictor state are not public, so both are parameters), backed by a static rule when the
/// BTAC misses: direct backward branches taken, direct forward branches not taken, indirect branches
/// (BX, POP/LDR pc, TBB) unknown, i.e. mispredicted when taken.
/// </summary>
internal sealed class BranchPredictor
{
    private readonly uint[] _tag;    // pc + 1 (0 = empty)
    private readonly uint[] _target;
    private readonly byte[] _counter;
    private readonly int _mask;
    private readonly byte _max, _takenThreshold;
    private readonly bool _staticBackwardTaken;

    public BranchPredictor(int entries, int counterBits, bool staticBackwardTaken)
    {
        int n = 1;
        while (n < Math.Max(1, entries)) n <<= 1;
        _tag = new uint[n];
        _target = new uint[n];
        _counter = new byte[n];
        _mask = n - 1;
        _max = (byte)((1 << counterBits) - 1);
        _takenThreshold = (byte)(1 << (counterBits - 1));
        _staticBackwardTaken = staticBackwardTaken;
    }

    public void Reset()
    {
        Array.Clear(_tag);
        Array.Clear(_target);
        Array.Clear(_counter);
    }

    /// <summary>The last branch resolved was predicted taken to its target and left the BTAC as it was (saturated).</summary>
    public bool Steady;

    /// <summary>Whether the branch at <paramref name="pc"/>, taken to <paramref name="target"/>, would resolve as
    /// <see cref="Steady"/>: a BTAC hit, saturated, with that target (a replayed trace may then skip Resolve).</summary>
    public bool PredictsSteady(uint pc, uint target)
    {
        int i = (int)(pc >> 1) & _mask;
        return _tag[i] == pc + 1 && _counter[i] == _max && _target[i] == target;
    }

    /// <summary>
    /// Predicts the branch at <paramref name="pc"/>, compares with what it did, and trains the BTAC.
    /// <paramref name="direct"/>: the target is in the encoding; <paramref name="backward"/>: the encoded
    /// offset is negative; <paramref name="conditional"/>: it may fall through.
    /// </summary>
    public BranchOutcome Resolve(uint pc, bool direct, bool conditional, bool backward, bool taken, uint target)
    {
        int i = (int)(pc >> 1) & _mask;
        bool hit = _tag[i] == pc + 1;
        BranchOutcome outcome;
        if (hit)
        {
            bool predictTaken = _counter[i] >= _takenThreshold;
            if (predictTaken)
                outcome = taken && _target[i] == target ? BranchOutcome.CorrectTaken : BranchOutcome.Mispredict;
            else
                outcome = taken ? BranchOutcome.Mispredict : BranchOutcome.CorrectNotTaken;
        }
        else
        {
            bool staticTaken = direct && (!conditional || (_staticBackwardTaken && backward));
            if (staticTaken) outcome = taken ? BranchOutcome.DecodeRedirect : BranchOutcome.Mispredict;
            else outcome = taken ? BranchOutcome.Mispredict : BranchOutcome.CorrectNotTaken;
        }
        Steady = hit && taken && _counter[i] == _max && _target[i] == target;
        // Train: allocate taken branches; count towards taken/not taken on a hit.
        if (hit)
        {
            if (taken) { if (_counter[i] < _max) _counter[i]++; _target[i] = target; }
            else if (_counter[i] > 0) _counter[i]--;
        }
        else if (taken)
        {
            _tag[i] = pc + 1;
            _target[i] = target;
            _counter[i] = _max; // a newly seen taken branch is predicted taken next time
        }
        return outcome;
    }
}
