namespace Pitr.Domain.Recoveries.Events;

/// <summary>
/// Something that happened to a recovery. The aggregate records these; the audit trail, the thread
/// and the report are derived from them, so nobody parses a sentence back into a fact.
/// </summary>
public abstract record RecoveryEvent;

/// <summary>An audit row written before events were typed: its action and free-text detail, as stored.</summary>
public sealed record LegacyEntry(string Action, string Detail) : RecoveryEvent;
