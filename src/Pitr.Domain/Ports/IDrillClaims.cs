namespace Pitr.Domain.Ports;

/// <summary>
/// The scheduled due times already taken, per database, kept in the store: whichever replica claims a due time
/// first starts its drill, and nobody else, not even after a restart.
/// </summary>
public interface IDrillClaims
{
    /// <returns>false when the due time was claimed before (by this replica or another).</returns>
    ValueTask<bool> TryClaimAsync(string database, DateTimeOffset due, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives back a claim whose drill could not start because the database was busy, so that it is tried again.</summary>
    ValueTask ReleaseAsync(string database, DateTimeOffset due, CancellationToken cancellationToken);
}
