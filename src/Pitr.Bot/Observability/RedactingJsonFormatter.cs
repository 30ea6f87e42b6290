using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Pitr.Bot.Observability;

/// <summary>One JSON object per line: time, level, category, message, exception and every scope value (the recovery id among them), all redacted.</summary>
internal sealed class RedactingJsonFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "pitr-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow);
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", Redactor.Redact(message));
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", Redactor.Redact(exception.ToString()));
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (key, value) in fields.Where(f => f.Key != "{OriginalFormat}"))
                {
                    json.WriteString(key, Redactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }
            }

            scopeProvider?.ForEachScope(WriteScope, json);
            json.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteScope(object? scope, Utf8JsonWriter json)
    {
        if (scope is IEnumerable<KeyValuePair<string, object>> values)
        {
            foreach (var (key, value) in values.Where(v => v.Key != "{OriginalFormat}"))
            {
                json.WriteString(key, Redactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }
        }
    }
}
