namespace Pitr.Domain.Recoveries.Events;

public sealed record Deleted(string Identifier) : RecoveryEvent;

/// <summary>The engine refused a deletion (a protected database, a missing permission); it is tried again at <paramref name="RetryAt"/>.</summary>
public sealed record DeleteFailed(string Identifier, string Reason, DateTimeOffset RetryAt) : RecoveryEvent;

/// <summary>The engine refused a deletion for good (a missing permission): not tried again; a person deletes the database.</summary>
public sealed record DeleteRefused(string Identifier, string Reason) : RecoveryEvent;
