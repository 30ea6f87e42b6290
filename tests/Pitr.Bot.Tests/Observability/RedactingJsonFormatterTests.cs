using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Bot.Observability;

namespace Pitr.Bot.Tests.Observability;

public sealed class RedactingJsonFormatterTests
{
    [Fact]
    public void Writes_one_json_object_with_the_recovery_id_from_the_scope_and_no_secret()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new Dictionary<string, object> { ["RecoveryId"] = "k3m9qz" });
        var state = new Dictionary<string, object?> { ["Endpoint"] = "Host=db;Password=hunter2", ["{OriginalFormat}"] = "Pointing at {Endpoint}" }.ToList();
        var entry = new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(
            LogLevel.Warning, "Pitr.Test", new EventId(1), state, new InvalidOperationException("login with xoxb-1-2-secret failed"),
            (_, _) => "Pointing at Host=db;Password=hunter2");
        using var output = new StringWriter();

        new RedactingJsonFormatter().Write(entry, scopes, output);

        var line = output.ToString().TrimEnd();
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-1-2-secret", line, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("k3m9qz", json.RootElement.GetProperty("RecoveryId").GetString());
        Assert.Equal("Warning", json.RootElement.GetProperty("level").GetString());
        Assert.Equal("Pointing at Host=db;Password=***", json.RootElement.GetProperty("message").GetString());
    }
}
