namespace Pitr.Domain.Recoveries;

/// <summary>The last thing a person did to a recovery, so that the next person is told ("already approved by @bob").</summary>
public sealed record ActionTaken(RecoveryTrigger Action, Actor By, DateTimeOffset At);
