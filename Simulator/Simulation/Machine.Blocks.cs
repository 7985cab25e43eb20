using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Timing;

namespace M7Sim.Simulation;

public sealed partial class Machine
{
    /// <summary>Compiled blocks by number (DecodedInst.BlockId); entry 0 is unused. Numbers are not reused,
    /// so the table is bounded by the id range; once it is full, code runs in the interpreter.</summary>
    private readonly List<BlockFn?> _blocks = [null];

    /// <summary>The same under the Cortex-M7 model (a machine runs one model, so one of the two lists stays empty).</summary>
    private readonly List<TimedBlockFn?> _timedBlocks = [null];

    /// <summary>For each timed block, the static timing facts of its instructions, in order.</summary>
    private readonly List<InstTiming[]> _timedFacts = [[]];

    /// <summary>Dispatches of an instruction by the interpreter before a block is compiled from it. Most code
    /// runs a handful of times (startup, printf), and compiling a block (IL, then the JIT) costs tens of
    /// microseconds: thousands of interpreted instructions.</summary>
    private int _blockThreshold = 256;

    /// <summary>Blocks compiled so far (statistics and tests).</summary>
    public int BlocksCompiled => _blocks.Count - 1 + _timedBlocks.Count - 1;

    /// <summary>Instructions retired inside compiled blocks (the rest ran in the interpreter).</summary>
    public ulong BlockInstructions { get; private set; }

    /// <summary>
    /// Runs without a tracer compile hot straight-line code (<see cref="BlockCompiler"/>); 0 turns it off, 1
    /// compiles every block on first sight (the block-versus-interpreter tests use both).
    /// </summary>
    internal int BlockThreshold
    {
        get => _blockThreshold;
        set => _blockThreshold = value;
    }

    /// <summary>The slot <paramref name="d"/> at <paramref name="pc"/> got hot: compiles its block, or marks it as having none.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CompileBlock(ref DecodedInst d, uint pc)
    {
        DecodeAhead(ref d, pc);
        int n = BlockCompiler.Length(ref d, pc);
        int id = _m7Active ? _timedBlocks.Count : _blocks.Count;
        if (n < BlockCompiler.MinInstructions || id >= DecodedInst.NoBlock)
        {
            d.BlockId = DecodedInst.NoBlock;
            return;
        }
        d.BlockId = (ushort)id;
        if (_m7Active)
        {
            var registerOnly = new bool[n];
            var facts = new InstTiming[n];
            BlockCompiler.ForEach(ref d, pc, n, (int j, uint at, ref DecodedInst slot) =>
            {
                registerOnly[j] = _m7.RetiresAsRegisterOnly(at, ref slot);
                facts[j] = _m7.Facts(at, ref slot);
            });
            _timedBlocks.Add(BlockCompiler.CompileTimed(ref d, pc, n, registerOnly));
            _timedFacts.Add(facts);
        }
        else _blocks.Add(BlockCompiler.Compile(ref d, pc, n));
    }

    /// <summary>
    /// Decodes the straight-line instructions after <paramref name="pc"/> in its decode page that the
    /// interpreter has not reached yet, as it would when it got there (decoding only reads memory). Stops
    /// where the block would end or at an address that cannot be fetched (left to the interpreter's fault).
    /// </summary>
    private unsafe void DecodeAhead(ref DecodedInst first, uint pc)
    {
        uint at = pc;
        for (int i = 0; i < BlockCompiler.MaxInstructions; i++)
        {
            ref DecodedInst d = ref Unsafe.Add(ref first, (int)((at - pc) >> 1));
            if (d.Exec == null && !TryDecode(ref d, at, out _)) return;
            if (d.Class == Timing.TimingClass.It || BlockCompiler.EndsBlock(ref d)) return;
            at += d.Size;
            if (((at ^ pc) >> DecodeCache.PageShift) != 0) return;
        }
    }
}
