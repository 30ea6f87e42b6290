namespace Pitr.Domain.Recoveries;

/// <summary>What a person does to a recovery, however they did it (button, slash command, terminal).</summary>
/// <param name="Target">Reject: the earlier time to restore to.</param>
/// <param name="Reason">Rollback: why, in their words.</param>
public sealed record PersonAction(RecoveryTrigger Action, Actor By, RecoveryTarget? Target = null, string? Reason = null);
