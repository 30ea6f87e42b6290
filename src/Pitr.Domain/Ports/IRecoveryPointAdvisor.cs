namespace Pitr.Domain.Ports;

/// <summary>Finds destructive transactions in a database's history and proposes the second before each.</summary>
/// <remarks>Optional per database: engines that can read their change history (the local engine's WAL, RDS's logs in CloudWatch) provide it.</remarks>
public interface IRecoveryPointAdvisor
{
    ValueTask<IReadOnlyList<RecoveryPointSuggestion>> SuggestAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The same advisor reading the history of <paramref name="production"/>, where a cutover moved production.</summary>
    IRecoveryPointAdvisor From(string production) => this;
}

/// <param name="CommittedAt">When the destructive transaction committed.</param>
/// <param name="Target">The proposed target: just before it, so every row it removed is recovered.</param>
/// <param name="TransactionId">The transaction, when the history names it (the WAL does, a statement log does not).</param>
/// <param name="What">What it did, e.g. "DROP TABLE public.orders" or "DELETE 10 000 rows from public.orders".</param>
public sealed record RecoveryPointSuggestion(DateTimeOffset CommittedAt, DateTimeOffset Target, uint? TransactionId, string What)
{
    /// <summary>Who did it, when the history says (a statement log's <c>user@database</c>).</summary>
    public string? By { get; init; }
}
