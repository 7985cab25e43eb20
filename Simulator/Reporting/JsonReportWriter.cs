using System.Text.Json;
using System.Text.Json.Serialization;

namespace M7Sim.Reporting;

/// <summary>The versioned JSON report (schema "m7sim.profile/1"), read back by baselines.</summary>
public static class JsonReportWriter
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(ProfileReport r, Stream s) => JsonSerializer.Serialize(s, r, Options);

    public static ProfileReport Read(Stream s) => JsonSerializer.Deserialize<ProfileReport>(s, Options)
        ?? throw new JsonException("empty report");
}
