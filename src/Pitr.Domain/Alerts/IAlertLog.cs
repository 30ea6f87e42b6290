using Pitr.Domain.Ports;

namespace Pitr.Domain.Alerts;

/// <summary>
/// Remembers which alert groups have a message in the channel, so that repeated notifications and
/// restarts of the bot never post a group twice.
/// </summary>
public interface IAlertLog
{
    /// <summary>Claims <paramref name="groupKey"/> for posting.</summary>
    /// <returns>false when the group is already posted (or being posted) and has not been resolved since.</returns>
    ValueTask<bool> TryClaimAsync(string groupKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives up a claim whose message could not be posted, so that the next notification tries again.</summary>
    ValueTask ReleaseAsync(string groupKey, CancellationToken cancellationToken);

    ValueTask RecordPostedAsync(string groupKey, AlertCard card, MessageRef message, CancellationToken cancellationToken);

    /// <summary>Marks a posted group resolved.</summary>
    /// <returns>The posted message, or null when the group was never posted or is already resolved.</returns>
    ValueTask<PostedAlert?> TryResolveAsync(string groupKey, DateTimeOffset resolvedAt, CancellationToken cancellationToken);
}

public sealed record PostedAlert(AlertCard Card, MessageRef Message);
