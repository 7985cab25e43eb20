using System.Text.Json;
using System.Text.RegularExpressions;
using M7Sim.Loading;

namespace M7Sim.Profiling;

/// <summary>Argument positions (AAPCS argument index) of an operator function; -1 when absent.</summary>
public sealed record OperatorSignature(string Name, int Ctx, int Params, int InputDims, int Input, int FilterDims, int Filter,
    int BiasDims, int Bias, int OutputDims, int Output, int Input2, int Count, int Rows, int RowSize);

/// <summary>One catalog entry: a function that is an NN operator.</summary>
public sealed record OperatorSpec(string Function, string Type, OperatorSignature? Signature, bool Wrapper);

/// <summary>
/// Maps function names to NN operator types (timing-models/operators.json, extendable with a user
/// file). Also holds the weight-symbol pattern and the semihosting marker operation numbers.
/// </summary>
public sealed class OperatorCatalog
{
    private readonly Dictionary<string, OperatorSpec> _byFunction = new(StringComparer.Ordinal);

    public uint BeginMarkerOp { get; private set; } = 0x100;
    public uint EndMarkerOp { get; private set; } = 0x101;
    public Regex WeightSymbolPattern { get; private set; } = new("weight", RegexOptions.IgnoreCase);
    public IReadOnlyCollection<OperatorSpec> Operators => _byFunction.Values;

    public static string DefaultPath => Path.Combine(Board.ModelsDirectory, "operators.json");

    /// <summary>The bundled catalog, then each extra file in order (later entries override earlier ones).</summary>
    public static OperatorCatalog Load(IEnumerable<string>? extraFiles = null)
    {
        var catalog = new OperatorCatalog();
        catalog.Merge(DefaultPath);
        foreach (var f in extraFiles ?? []) catalog.Merge(f);
        return catalog;
    }

    public OperatorSpec? Find(string function) => _byFunction.GetValueOrDefault(function);

    private void Merge(string path)
    {
        if (!File.Exists(path)) throw new BoardException($"{path}: operator catalog not found");
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path)).RootElement; }
        catch (JsonException e) { throw new BoardException($"{path}: invalid JSON: {e.Message}"); }
        var signatures = new Dictionary<string, OperatorSignature>();
        if (root.TryGetProperty("signatures", out var sigs))
        {
            foreach (var s in sigs.EnumerateObject())
            {
                int Get(string n) => s.Value.TryGetProperty(n, out var v) ? v.GetInt32() : -1;
                signatures[s.Name] = new OperatorSignature(s.Name, Get("ctx"), Get("params"), Get("inputDims"), Get("input"), Get("filterDims"),
                    Get("filter"), Get("biasDims"), Get("bias"), Get("outputDims"), Get("output"), Get("input2"), Get("count"), Get("rows"), Get("rowSize"));
            }
        }
        if (root.TryGetProperty("operators", out var ops))
        {
            foreach (var o in ops.EnumerateArray())
            {
                string fn = o.GetProperty("function").GetString() ?? throw new BoardException($"{path}: operator without function");
                string type = o.GetProperty("type").GetString() ?? "other";
                OperatorSignature? sig = null;
                if (o.TryGetProperty("signature", out var sn) && !signatures.TryGetValue(sn.GetString()!, out sig))
                    throw new BoardException($"{path}: operator {fn} names unknown signature {sn.GetString()}");
                bool wrapper = o.TryGetProperty("wrapper", out var w) && w.GetBoolean();
                _byFunction[fn] = new OperatorSpec(fn, type, sig, wrapper);
            }
        }
        if (root.TryGetProperty("weightSymbolPattern", out var wp)) WeightSymbolPattern = new Regex(wp.GetString()!, RegexOptions.IgnoreCase);
        if (root.TryGetProperty("marker", out var m))
        {
            if (m.TryGetProperty("beginOp", out var b)) BeginMarkerOp = b.GetUInt32();
            if (m.TryGetProperty("endOp", out var e)) EndMarkerOp = e.GetUInt32();
        }
    }
}
