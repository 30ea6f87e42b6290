namespace Pitr.Domain.Ports;

/// <summary>
/// The engine will not delete this database whatever the bot does (its permissions forbid it): asking again
/// changes nothing, so the deletion is reported once and left to a person.
/// </summary>
public sealed class DeletionRefusedException : Exception
{
    public DeletionRefusedException()
    {
    }

    public DeletionRefusedException(string message)
        : base(message)
    {
    }

    public DeletionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
