namespace Pitr.Domain.Recoveries;

/// <summary>A request about one recovery: its handling is logged under that recovery's id.</summary>
public interface IRecoveryMessage
{
    string RecoveryId { get; }
}
