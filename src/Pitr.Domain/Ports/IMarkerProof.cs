namespace Pitr.Domain.Ports;

/// <summary>
/// A drill's proof that the backups reach a chosen second: marker rows written on the source, then looked for in the
/// restore. PostgreSQL's own recovery-target test, applied to production. Present only for databases with a writer connection.
/// </summary>
public interface IMarkerProof
{
    /// <summary>Writes one marker row of <paramref name="recoveryId"/> on the source and commits it.</summary>
    /// <param name="after">When given, the row commits only once the source's own clock has passed it.</param>
    /// <returns>The marker with the commit time the server reports, to the microsecond.</returns>
    /// <exception cref="MarkerProofException">the source refused the write.</exception>
    ValueTask<DrillMarker> WriteAsync(string recoveryId, MarkerRole role, DateTimeOffset? after, CancellationToken cancellationToken);

    /// <summary>Closes the source's current WAL segment so the archive gets the markers now rather than at the next switch.</summary>
    /// <returns>False when the server does not allow it (the archive then gets them on its own schedule).</returns>
    ValueTask<bool> SwitchWalAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Looks in the restored database for every marker of <paramref name="recoveryId"/> the source holds: the one written before
    /// the target must be there, the one written after it must not. One check per marker; a marker that cannot be looked for fails.
    /// </summary>
    ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(string recoveryId, DatabaseEndpoint restored, CancellationToken cancellationToken);
}

/// <summary>Where a marker stands relative to the drill's target.</summary>
public enum MarkerRole
{
    BeforeTarget,
    AfterTarget,
}

/// <param name="CommittedAt">The commit time the source reports for the row.</param>
public sealed record DrillMarker(string Value, MarkerRole Role, DateTimeOffset CommittedAt);

public sealed class MarkerProofException(string message, Exception? inner = null) : Exception(message, inner);
