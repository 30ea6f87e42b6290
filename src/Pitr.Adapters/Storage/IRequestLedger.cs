namespace Pitr.Adapters.Storage;

/// <summary>
/// The requests already acted on, by key, remembered in the store for <see cref="SqlRequestLedger.Memory"/> so that a
/// request delivered again (a Slack retry, a replay of a captured request) acts once, also across a restart.
/// </summary>
public interface IRequestLedger
{
    /// <returns>True the first time a key is seen within the memory; false for a repeat.</returns>
    ValueTask<bool> TryRecordAsync(string key, DateTimeOffset at, CancellationToken cancellationToken);
}
