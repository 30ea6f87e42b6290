using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Presentation;

/// <summary>Who can approve a cutover, so the approval request reaches them: user groups, and users allowed one by one.</summary>
public sealed record Approvers(IReadOnlyList<string> Groups, IReadOnlyList<string> Users)
{
    public static readonly Approvers Unknown = new([], []);

    /// <summary>Everyone who can approve, except the initiator (four eyes); empty when nobody is configured.</summary>
    public string Mention(TextStyle style, Actor initiator) => string.Join(" ", [
        .. Groups.Select(style.Group),
        .. Users.Where(u => u != initiator.Id).Select(u => style.Person(new Actor(u, u))),
    ]);
}
