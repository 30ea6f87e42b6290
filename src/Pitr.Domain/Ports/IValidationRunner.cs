namespace Pitr.Domain.Ports;

/// <summary>Runs the configured read-only checks against a restored database.</summary>
public interface IValidationRunner
{
    ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken);
}

public sealed record ValidationReport(IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>No data checks are configured: the checks only prove the restored database answers.</summary>
    public bool NoDataChecks { get; init; }

    private readonly ValueList<SettingDifference>? settingsDiff;

    /// <summary>How the restored database's settings differ from the source's (empty: identical); null when the engine does not compare.</summary>
    public IReadOnlyList<SettingDifference>? SettingsDiff { get => settingsDiff; init => settingsDiff = value is null ? null : new(value); }
}

/// <param name="Observed">What the check saw, already free of secrets.</param>
/// <param name="Expected">The expectation as configured, e.g. "&gt;= 1".</param>
public sealed record CheckResult(string Name, bool Passed, string Observed, string Expected, TimeSpan Duration);
