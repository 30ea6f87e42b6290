using System.Collections;

namespace Pitr.Domain;

/// <summary>
/// A read-only list that equals another list with the same items in the same order, so an event or report
/// holding one keeps the value equality records promise, also after a trip through the store.
/// </summary>
public sealed class ValueList<T>(IEnumerable<T> items) : IReadOnlyList<T>, IEquatable<IReadOnlyList<T>>
{
    private readonly T[] items = [.. items];

    public int Count => items.Length;

    public T this[int index] => items[index];

    public bool Equals(IReadOnlyList<T>? other) => other is not null && items.SequenceEqual(other);

    public override bool Equals(object? obj) => obj is IReadOnlyList<T> other && Equals(other);

    public override int GetHashCode() => items.Aggregate(items.Length, (hash, item) => HashCode.Combine(hash, item));

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
