using Pitr.Domain.Ports;

namespace Pitr.Adapters.Local;

/// <summary>A restore was refused before anything was created, e.g. a target outside the restorable window.</summary>
public sealed class RestoreRefusedException(string message, RestorableWindow? window = null) : Exception(message)
{
    public RestorableWindow? Window { get; } = window;
}
