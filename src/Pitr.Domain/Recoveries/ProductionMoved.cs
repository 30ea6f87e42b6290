namespace Pitr.Domain.Recoveries;

/// <summary>
/// Production no longer runs on the configured source: a cutover (or a later rollback) moved it. Plans restore
/// from where it runs now and name the lineage, <see cref="ConfiguredSource"/> → <see cref="RunsOn"/>.
/// </summary>
/// <param name="CutoverRecoveryId">The recovery whose cutover, or rollback, put production where it runs.</param>
/// <param name="RunsOn">The engine's identifier of the database the application uses now.</param>
/// <param name="Since">When that recovery completed, or was rolled back.</param>
/// <param name="ConfiguredSource">The database the lineage starts from: the one no recovery created.</param>
public sealed record ProductionMoved(string CutoverRecoveryId, string RunsOn, DateTimeOffset Since, string ConfiguredSource);
