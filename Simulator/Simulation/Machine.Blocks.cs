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

    /// <summary>Dispatches of an instruction by the interpreter before a block is compiled from it (runs
    /// without a tracer only). Most code runs a handful of times (startup, printf), and compiling a block
    /// (IL, then the JIT) costs tens of microseconds: thousands of interpreted instructions. 0 turns
    /// compiling off; 1 compiles every block on first sight (the block-versus-interpreter tests use both).
    /// 1024 rather than 256 made whole runs of bench_long 4-5% shorter (748 blocks compiled instead of 979,
    /// still 99.8% of its instructions in blocks), the JIT's time on cold blocks being the difference.</summary>
    internal int BlockThreshold { get; set; } = 1024;

    /// <summary>Under the Cortex-M7 model, compiled blocks replay recorded traces of their timing where the
    /// entry state repeats (CortexM7Timing.Replay.cs); off, every instruction retires into the model (tests compare the two).</summary>
    internal bool ReplayBlocks { get; set; } = true;

    /// <summary>Instructions whose timing a block replayed from a trace (statistics and tests).</summary>
    public ulong ReplayedInstructions => _m7Active ? _m7.ReplayedInstructions : 0;

    /// <summary>Replays stopped because a data read through the ART evicted a line the trace still fetched (tests).</summary>
    internal ulong ReplaysStoppedByArt => _m7Active ? _m7.ReplaysStoppedByArt : 0;

    /// <summary>Iterations loop blocks ran again themselves, and replays started from a trace's link (tests).</summary>
    internal ulong LoopIterations => _m7Active ? _m7.LoopIterations : 0;
    internal ulong LinkedReplays => _m7Active ? _m7.LinkedReplays : 0;

    /// <summary>Blocks compiled so far (statistics and tests).</summary>
    public int BlocksCompiled => _blocks.Count - 1 + _timedBlocks.Count - 1;

    /// <summary>Instructions retired inside compiled blocks (the rest ran in the interpreter).</summary>
    public ulong BlockInstructions { get; private set; }

    /// <summary>The slot <paramref name="d"/> at <paramref name="pc"/> got hot: compiles its block, or marks it as having none.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CompileBlock(ref DecodedInst d, uint pc)
    {
        int n = BlockLength(ref d, pc);
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
            // A block that loops to itself replays its branch back too (its iterations chain in the block).
            bool loops = BlockCompiler.LoopsToItself(ref d, pc, n);
            var pcs = new uint[loops ? n : n - 1];
            BlockCompiler.ForEach(ref d, pc, n, (int j, uint at, ref DecodedInst slot) =>
            {
                registerOnly[j] = _m7.RetiresAsRegisterOnly(at, ref slot);
                facts[j] = _m7.Facts(at, ref slot);
                if (j < pcs.Length) pcs[j] = at;
            });
            int replay = ReplayBlocks ? _m7.AddReplay(pcs, ref d, loops) : -1;
            _timedBlocks.Add(BlockCompiler.CompileTimed(ref d, pc, n, registerOnly, replay));
            _timedFacts.Add(facts);
        }
        else _blocks.Add(BlockCompiler.Compile(ref d, pc, n));
    }

    /// <summary>
    /// How many instructions a block starting at <paramref name="first"/> (address <paramref name="pc"/>)
    /// holds: the straight-line run in the same 4 KB decode page, ending after the first that may change
    /// the flow or before an address that cannot be fetched (left to the interpreter's fault). An IT block
    /// is taken whole when every instruction it covers is register arithmetic (<see cref="CoversOnlyArithmetic"/>)
    /// and some instruction follows it in the block: the block's last instruction is never a conditional one,
    /// so a replay's last step always executes. Any other IT instruction ends the block before it.
    /// Slots the interpreter has not reached yet are decoded on the way, as it would when it got there
    /// (decoding only reads memory).
    /// </summary>
    private unsafe int BlockLength(ref DecodedInst first, uint pc)
    {
        int n = 0, beforeIt = -1, afterIt = -1;
        uint at = pc;
        while (n < BlockCompiler.MaxInstructions)
        {
            ref DecodedInst d = ref Unsafe.Add(ref first, (int)((at - pc) >> 1));
            if (d.Exec == null && !TryDecode(ref d, at, out _)) break;
            if (d.Class == TimingClass.It)
            {
                int covered = BlockCompiler.ItCovers(d.Raw);
                if (n + 1 + covered >= BlockCompiler.MaxInstructions || !CoversOnlyArithmetic(ref first, pc, at + d.Size, covered)) break;
                beforeIt = n;
                for (int k = 0; k <= covered; k++)
                {
                    at += Unsafe.Add(ref first, (int)((at - pc) >> 1)).Size;
                    n++;
                }
                afterIt = n;
                if (((at ^ pc) >> DecodeCache.PageShift) != 0) break;
                continue;
            }
            n++;
            if (BlockCompiler.EndsBlock(ref d)) break;
            at += d.Size;
            if (((at ^ pc) >> DecodeCache.PageShift) != 0) break; // the next slot is in another page
        }
        return n == afterIt ? beforeIt : n;
    }

    /// <summary>The <paramref name="covered"/> instructions from <paramref name="at"/> can be decoded, lie in the block's page and are
    /// register arithmetic that cannot fault or change the flow (under the Cortex-M7 model, ones that retire register-only).</summary>
    private unsafe bool CoversOnlyArithmetic(ref DecodedInst first, uint pc, uint at, int covered)
    {
        for (int k = 0; k < covered; k++)
        {
            if (((at ^ pc) >> DecodeCache.PageShift) != 0) return false;
            ref DecodedInst d = ref Unsafe.Add(ref first, (int)((at - pc) >> 1));
            if (d.Exec == null && !TryDecode(ref d, at, out _)) return false;
            if (!BlockCompiler.IsArithmetic(ref d) || (_m7Active && !_m7.RetiresAsRegisterOnly(at, ref d))) return false;
            at += d.Size;
        }
        return true;
    }
}
