using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Recoveries;

public sealed partial class Recovery
{
    /// <summary>The engine refused a deletion for good (a missing permission): said once, never tried again; a person deletes it.</summary>
    public void DeletionRefused(string identifier, string reason)
    {
        data = data with { Deletions = [.. data.Deletions.Select(d => d.Identifier == identifier ? d with { GivenUpAt = clock.GetUtcNow(), LastError = reason } : d)] };
        Record(Actor.Bot, new DeleteRefused(identifier, reason));
    }
}
