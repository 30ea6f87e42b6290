namespace Pitr.Domain.Ports;

/// <summary>The application's database connection secret.</summary>
public interface ISecretStore
{
    /// <summary>Points the secret at <paramref name="endpoint"/>, keeping the previous version for <see cref="RevertAsync"/>.</summary>
    /// <remarks>Idempotent: when the secret already points there, the existing change is returned.</remarks>
    ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>Makes the version that was current before <paramref name="change"/> current again. Idempotent.</summary>
    ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken);
}

/// <param name="PreviousVersion">The store's id of the version that was current before.</param>
/// <param name="NewVersion">The store's id of the version now current.</param>
/// <param name="PreviousEndpoint">Where the secret pointed before, for the report (host and port only).</param>
public sealed record SecretChange(string PreviousVersion, string NewVersion, string PreviousEndpoint);
