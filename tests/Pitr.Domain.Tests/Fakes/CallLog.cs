namespace Pitr.Domain.Tests.Fakes;

/// <summary>Every port call of a test, in order, so tests can assert what was called and when.</summary>
public sealed class CallLog
{
    private readonly List<string> calls = [];

    public IReadOnlyList<string> Calls { get { lock (calls) { return [.. calls]; } } }

    public void Add(string call)
    {
        lock (calls)
        {
            calls.Add(call);
        }
    }

    public int Count(string prefix) => Calls.Count(c => c.StartsWith(prefix, StringComparison.Ordinal));
}
