using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class ApproveCutoverTests
{
    [Fact]
    public async Task Makes_exactly_one_transition_and_tells_the_second_who_approved_when_two_approve_at_once()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var results = await Task.WhenAll(
            Task.Run(() => world.ApproveAsync(id, RecoveryWorld.Bob, "AwaitingApproval").AsTask()),
            Task.Run(() => world.ApproveAsync(id, RecoveryWorld.Carol, "AwaitingApproval").AsTask()));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        var winner = results.Single(r => r.Succeeded).Recovery!.Approver!;
        Assert.Contains($"Approved by {winner}", loser.Message, StringComparison.Ordinal);
        var trail = await world.Store.GetAuditTrailAsync(id, CancellationToken.None);
        Assert.Single(trail, e => e.Action == "Approve");
        Assert.Single(trail, e => e.Action == "ApproveRefused");
    }

    [Fact]
    public async Task Refuses_self_approval_and_audits_the_refusal_when_four_eyes_is_on()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var result = await world.ApproveAsync(id, RecoveryWorld.Alice);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Approve needs an approver other than the person who started the recovery.", result.Message, StringComparison.Ordinal);
        Assert.Equal(RecoveryState.AwaitingApproval, (await world.SnapshotAsync(id)).State);
        var refusal = Assert.Single(await world.Store.GetAuditTrailAsync(id, CancellationToken.None), e => e.Action == "ApproveRefused");
        Assert.Equal(RecoveryWorld.Alice, refusal.Actor);
    }

    [Fact]
    public async Task Refuses_a_stale_button_and_changes_nothing()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();

        var result = await world.ConfirmAsync(id, RecoveryWorld.Bob, offeredIn: "Requested");

        Assert.False(result.Succeeded);
        Assert.Equal($"That button was for the Requested step; recovery `{id}` has moved on and is now Restoring (Confirmed by @alice at 2024-05-01T10:40:00Z). Nothing was changed.", result.Message);
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(id)).State);
    }

    [Fact]
    public async Task Replaces_the_used_buttons_with_who_approved()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        await world.ApproveAsync(id, RecoveryWorld.Bob);

        Assert.StartsWith("Approved by @bob at 2024-05-01T10:40:", world.Channel.Closed[^1], StringComparison.Ordinal);
        Assert.Null((await world.SnapshotAsync(id)).ActionMessage);
    }
}
