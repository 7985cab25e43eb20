using System.Text.Json;
using M7Sim.Decoding;
using M7Sim.Loading;

namespace M7Sim.Timing;

/// <summary>A core timing file is missing or malformed (a user error: one line naming the file and the field).</summary>
public sealed class TimingModelException(string message) : Exception(message);

/// <summary>
/// Pipeline parameters of a core, read from timing-models/cores/NAME.json (schema in
/// timing-models/schemas/core.schema.json). Every value there names the timing-facts row it follows.
/// </summary>
internal sealed class CoreModel
{
    public string Name { get; private init; } = "";
    public string SourcePath { get; private init; } = "";

    /// <summary>Per timing class, indexed by (int)TimingClass.</summary>
    public ClassTiming[] Classes { get; } = new ClassTiming[(int)TimingClass.Nop + 1];

    /// <summary>Mnemonic overrides (applied per decoder row).</summary>
    internal readonly List<(HashSet<string> Mnemonics, JsonElement Set)> Overrides = new();

    // pipeline
    public bool EarlyAluForwarding;
    public int StoreDataLate, MacAccumulatorLate, FlagsLatency;
    public int UnalignedLoadOlder, UnalignedLoadYounger, StoreMultipleUnaligned8, StoreToLoad;
    public int FpAccumulatorChain, FpMacBlocksFpAlu, FpMoveToCore, FpMoveToFp;
    // store buffer
    public int StoreBufferEntries, WordStoreCycles, SubwordTcmBankCycles, UnalignedStoreCycles;
    // branch
    public int BtacEntries, CounterBits, Mispredict, MispredictEarlyFlags, EarlyFlagsDistance, PredictedTaken, DecodeRedirect;
    public bool StaticBackwardTaken;
    // exceptions
    public int ExceptionEntry, ExceptionReturn;

    private readonly Dictionary<string, Units> _exclusions = new(StringComparer.Ordinal);

    /// <summary>
    /// Producer kinds: how much later than a normal consumer an early reader, an address generator and a
    /// multiplicand may use a result, and the cause to charge. The scoreboard keeps one ready time and one
    /// kind per register instead of four times. Entries: [kind * 4 + 0/1/2] = early/address/multiplicand delta.
    /// </summary>
    public const int MaxKinds = 64;
    public readonly sbyte[] KindDeltas = new sbyte[MaxKinds * 4];
    public readonly StallCause[] KindCauses = new StallCause[MaxKinds];
    private int _kinds;

    /// <summary>The kind of a result usable by early readers one cycle after normal readers (early ALU, AGU write-back).</summary>
    public byte EarlyForwardKind => KindOf(1, 1, 0, StallCause.Dependency);

    public byte KindOf(int early, int address, int multiplicand, StallCause cause)
    {
        lock (KindDeltas)
        {
            for (int k = 0; k < _kinds; k++)
                if (KindDeltas[k * 4] == early && KindDeltas[k * 4 + 1] == address && KindDeltas[k * 4 + 2] == multiplicand && KindCauses[k] == cause)
                    return (byte)k;
            if (_kinds == MaxKinds) throw new TimingModelException($"{SourcePath}: more than {MaxKinds} distinct latency patterns");
            KindDeltas[_kinds * 4] = checked((sbyte)early);
            KindDeltas[_kinds * 4 + 1] = checked((sbyte)address);
            KindDeltas[_kinds * 4 + 2] = checked((sbyte)multiplicand);
            KindCauses[_kinds] = cause;
            return (byte)_kinds++;
        }
    }

    /// <summary>Loads timing-models/cores/NAME.json, or a path to a JSON file.</summary>
    public static CoreModel Load(string nameOrPath)
    {
        string path = ResolvePath(nameOrPath);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return Parse(doc.RootElement.Clone(), path);
        }
        catch (JsonException e) { throw new TimingModelException($"{path}: invalid JSON: {e.Message}"); }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new TimingModelException($"{path}: {e.Message}");
        }
    }

    /// <summary>The file a model name or path refers to; throws when it does not exist.</summary>
    public static string ResolvePath(string nameOrPath)
    {
        string path = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/')
            ? nameOrPath
            : Path.Combine(Board.ModelsDirectory, "cores", nameOrPath + ".json");
        if (!File.Exists(path)) throw new TimingModelException($"core timing model '{nameOrPath}' not found ({path})");
        return Path.GetFullPath(path);
    }

    private static CoreModel Parse(JsonElement root, string path)
    {
        var m = new CoreModel { Name = root.GetProperty("name").GetString() ?? "", SourcePath = path };
        foreach (var ex in root.GetProperty("pairExclusions").EnumerateArray())
        {
            var u = ex.GetProperty("units");
            var a = ParseUnit(u[0].GetString()!, path);
            var b = ParseUnit(u[1].GetString()!, path);
            m.AddExclusion(a, b);
            m.AddExclusion(b, a);
        }
        var p = root.GetProperty("pipeline");
        m.EarlyAluForwarding = Value(p, "earlyAluForwarding").GetBoolean();
        m.StoreDataLate = Int(p, "storeDataLateCycles");
        m.MacAccumulatorLate = Int(p, "macAccumulatorLateCycles");
        m.FlagsLatency = Int(p, "flagsLatency");
        m.UnalignedLoadOlder = Int(p, "unalignedLoadOlderCycles");
        m.UnalignedLoadYounger = Int(p, "unalignedLoadYoungerCycles");
        m.StoreMultipleUnaligned8 = Int(p, "storeMultipleUnaligned8Cycles");
        m.StoreToLoad = Int(p, "storeToLoadCycles");
        m.FpAccumulatorChain = Int(p, "fpAccumulatorChainCycles");
        m.FpMacBlocksFpAlu = Int(p, "fpMacBlocksFpAluCycles");
        m.FpMoveToCore = Int(p, "fpMoveToCoreLatency");
        m.FpMoveToFp = Int(p, "fpMoveToFpLatency");
        var sb = root.GetProperty("storeBuffer");
        m.StoreBufferEntries = Math.Max(1, Int(sb, "entries"));
        m.WordStoreCycles = Int(sb, "wordStoreCycles");
        m.SubwordTcmBankCycles = Int(sb, "subwordTcmBankCycles");
        m.UnalignedStoreCycles = Int(sb, "unalignedStoreCycles");
        var br = root.GetProperty("branch");
        m.BtacEntries = Int(br, "btacEntries");
        m.CounterBits = Math.Clamp(Int(br, "counterBits"), 1, 4);
        m.Mispredict = Int(br, "mispredictCycles");
        m.MispredictEarlyFlags = Int(br, "mispredictEarlyFlagsCycles");
        m.EarlyFlagsDistance = Int(br, "earlyFlagsDistance");
        m.PredictedTaken = Int(br, "predictedTakenCycles");
        m.DecodeRedirect = Int(br, "decodeRedirectCycles");
        var exc = root.GetProperty("exceptions");
        m.ExceptionEntry = Int(exc, "entryCycles");
        m.ExceptionReturn = Int(exc, "returnCycles");
        string stat = Value(br, "staticPrediction").GetString() ?? "";
        m.StaticBackwardTaken = stat switch
        {
            "backward-taken" => true,
            "not-taken" => false,
            _ => throw new FormatException($"branch.staticPrediction must be \"backward-taken\" or \"not-taken\", not \"{stat}\""),
        };

        var classes = root.GetProperty("classes");
        for (int i = 0; i < m.Classes.Length; i++)
        {
            string name = ((TimingClass)i).ToString();
            if (!classes.TryGetProperty(name, out var c)) throw new FormatException($"classes.{name} is missing");
            m.Classes[i] = m.ParseClass(c, default, $"classes.{name}", path);
        }
        if (root.TryGetProperty("overrides", out var ovs))
        {
            foreach (var ov in ovs.EnumerateArray())
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                foreach (var mn in ov.GetProperty("mnemonics").EnumerateArray()) set.Add(mn.GetString()!);
                m.Overrides.Add((set, ov));
            }
        }
        return m;
    }

    private void AddExclusion(Units a, Units b) => _exclusions[a.ToString()] = _exclusions.GetValueOrDefault(a.ToString()) | b;

    private Units ConflictsOf(Units units)
    {
        Units c = Units.None;
        foreach (Units u in Enum.GetValues<Units>())
            if (u != Units.None && (units & u) != 0) c |= _exclusions.GetValueOrDefault(u.ToString());
        return c;
    }

    private static Units ParseUnit(string s, string path) =>
        Enum.TryParse<Units>(s, ignoreCase: false, out var u) && u != Units.None
            ? u
            : throw new FormatException($"unknown unit '{s}' (known: {string.Join(", ", Enum.GetNames<Units>().Skip(1))})");

    /// <summary>Reads one class entry; fields absent keep the values of <paramref name="baseline"/> (for overrides).</summary>
    private ClassTiming ParseClass(JsonElement c, ClassTiming baseline, string where, string path)
    {
        var t = baseline;
        bool isOverride = where.StartsWith("overrides", StringComparison.Ordinal);
        bool hasLat = c.TryGetProperty("latency", out var lat);
        bool hasEarly = c.TryGetProperty("earlyLatency", out var early);
        if (hasLat) t.Latency = checked((sbyte)lat.GetInt32());
        else if (!isOverride) throw new FormatException($"{where}.latency is missing");
        if (hasEarly) t.EarlyLatency = checked((sbyte)early.GetInt32());
        else if (hasLat) t.EarlyLatency = (sbyte)(t.Latency + 1);
        if (c.TryGetProperty("addressLatency", out var addr)) t.AddressLatency = checked((sbyte)addr.GetInt32());
        else if (hasLat || hasEarly) t.AddressLatency = t.EarlyLatency;
        if (c.TryGetProperty("multiplicandLatency", out var mul)) t.MultiplicandLatency = checked((sbyte)mul.GetInt32());
        else if (hasLat) t.MultiplicandLatency = t.Latency;
        if (c.TryGetProperty("issue", out var iss))
        {
            t.Issue = iss.GetString() switch
            {
                "any" => IssueRule.Any,
                "older" => IssueRule.Older,
                "single" => IssueRule.Single,
                var s => throw new FormatException($"{where}.issue must be any/older/single, not \"{s}\""),
            };
        }
        if (c.TryGetProperty("units", out var units))
        {
            t.Units = Units.None;
            foreach (var u in units.EnumerateArray()) t.Units |= ParseUnit(u.GetString()!, path);
        }
        t.Conflicts = ConflictsOf(t.Units);
        if (c.TryGetProperty("cycles", out var cy))
        {
            if (cy.ValueKind == JsonValueKind.String)
            {
                if (cy.GetString() != "registerPairs") throw new FormatException($"{where}.cycles must be a number or \"registerPairs\"");
                t.CycleRule = CycleRule.RegisterPairs;
                t.Cycles = 1;
            }
            else { t.CycleRule = CycleRule.Fixed; t.Cycles = checked((byte)Math.Max(1, cy.GetInt32())); }
        }
        else if (!isOverride) { t.CycleRule = CycleRule.Fixed; t.Cycles = 1; }
        if (c.TryGetProperty("blockCycles", out var bc)) t.BlockCycles = checked((byte)bc.GetInt32());
        if (c.TryGetProperty("earlyAlu", out var ea))
        {
            t.EarlyAlu = ea.GetString() switch
            {
                "older" => EarlyAluMode.Older,
                "either" => EarlyAluMode.Either,
                "none" => EarlyAluMode.None,
                var s => throw new FormatException($"{where}.earlyAlu must be older/either/none, not \"{s}\""),
            };
        }
        if (c.TryGetProperty("accumulator", out var acc)) t.Accumulator = acc.GetBoolean();
        if (c.TryGetProperty("fpAccumulator", out var facc)) t.FpAccumulator = facc.GetBoolean();
        if (c.TryGetProperty("fpMac", out var fmac)) t.FpMac = fmac.GetBoolean();
        if (c.TryGetProperty("drainStoreBuffer", out var dsb)) t.DrainStoreBuffer = dsb.GetBoolean();
        if (c.TryGetProperty("stall", out var st))
            t.Stall = Enum.TryParse<StallCause>(st.GetString(), out var cause) ? cause : throw new FormatException($"{where}.stall: unknown cause '{st.GetString()}'");
        else if (!isOverride) t.Stall = StallCause.Dependency;
        t.Kind = KindOf(t.EarlyLatency - t.Latency, t.AddressLatency - t.Latency, t.MultiplicandLatency - t.Latency, t.Stall);
        return t;
    }

    /// <summary>
    /// Timing per decoder row (indexed by row Id; 0 = no row): the row's class with every override whose
    /// mnemonics name the row applied in file order. An override may also move the row to another class.
    /// </summary>
    public ClassTiming[] ForRows(IReadOnlyList<Row> rows, out TimingClass[] rowClass, out bool[] overridden)
    {
        lock (Overrides)
        {
            if (_rowCache is { } cached && ReferenceEquals(cached.Rows, rows))
            {
                rowClass = cached.Class;
                overridden = cached.Overridden;
                return cached.Timing;
            }
            var timing = BuildRows(rows, out rowClass, out overridden);
            _rowCache = (rows, timing, rowClass, overridden);
            return timing;
        }
    }

    private (IReadOnlyList<Row> Rows, ClassTiming[] Timing, TimingClass[] Class, bool[] Overridden)? _rowCache;

    private ClassTiming[] BuildRows(IReadOnlyList<Row> rows, out TimingClass[] rowClass, out bool[] overridden)
    {
        int max = 0;
        foreach (var r in rows) max = Math.Max(max, r.Id);
        var result = new ClassTiming[max + 1];
        rowClass = new TimingClass[max + 1];
        overridden = new bool[max + 1];
        foreach (var r in rows)
        {
            var t = Classes[(int)r.Timing];
            bool any = false;
            foreach (var (mnemonics, set) in Overrides)
            {
                if (!mnemonics.Contains(r.Mnemonic)) continue;
                if (set.TryGetProperty("class", out var cls))
                {
                    if (!Enum.TryParse<TimingClass>(cls.GetString(), out var moved)) throw new TimingModelException($"{SourcePath}: overrides: unknown class '{cls.GetString()}'");
                    t = Classes[(int)moved];
                }
                t = ParseClass(set, t, "overrides", SourcePath);
                any = true;
            }
            result[r.Id] = t;
            rowClass[r.Id] = r.Timing;
            overridden[r.Id] = any;
        }
        return result;
    }

    private static JsonElement Value(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var p)) throw new FormatException($"'{name}' is missing");
        return p.ValueKind == JsonValueKind.Object ? p.GetProperty("value") : p;
    }

    private static int Int(JsonElement parent, string name) => Value(parent, name).GetInt32();
}
