using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Recoveries;

public sealed partial class Recovery
{
    /// <summary>A real incident always wins: this drill is aborted (its restore deleted, as any abort) so that <paramref name="recoveryId"/> can have the database.</summary>
    /// <returns>Why the drill cannot give way, or null once it has.</returns>
    public async ValueTask<Refusal?> YieldToAsync(string recoveryId, Actor by)
    {
        if (!IsDrill)
        {
            return new NotPermitted(RecoveryTrigger.Abort, State, ["the recovery is a drill"], data.LastPersonAction);
        }

        if (WhyNot(RecoveryTrigger.Abort, by) is { } why)
        {
            return why;
        }

        await FireAsync(by, new DrillYielded(data.CurrentAttempt.Identifier, recoveryId), () => machine.FireAsync(RecoveryTrigger.Abort));
        return null;
    }
}
