using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Presentation;

/// <summary>One thread message as a channel shows it: words, an optional table of results, and the buttons it offers.</summary>
public sealed record ThreadMessage(string RecoveryId, string Text, IReadOnlyList<TableRow>? Table = null, IReadOnlyList<RecoveryAction>? Actions = null);

public sealed record TableRow(string Name, bool Ok, string Observed, string Expected);
