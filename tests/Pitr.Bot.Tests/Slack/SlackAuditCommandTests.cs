using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

public sealed class SlackAuditCommandTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Replies_with_every_audit_entry_including_refusals()
    {
        await bot.CommandAsync($"start {TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10))}", Alice);
        var confirm = await bot.ButtonAsync("pitr.confirm");
        await bot.ClickAsync(confirm, Alice);
        var id = (await bot.WaitForAsync(r => r.State == RecoveryState.AwaitingApproval, "reached AwaitingApproval")).Id;
        await bot.ClickAsync(await bot.ButtonAsync("pitr.approve"), Alice);
        await bot.WaitForAuditAsync(id, t => t.Any(e => e.Event is Refused { Action: RecoveryTrigger.Approve }));

        await bot.CommandAsync($"audit {id}", Bob);
        var reply = await bot.EphemeralToAsync(Bob, $"Audit trail of");

        // Each line names the typed event: Planned (was "Start"), Confirmed (was "Confirm"), and a refusal with the refused action (was "ApproveRefused").
        Assert.Contains("<@UALICE> *Planned* Requested → Requested", Said(reply), StringComparison.Ordinal);
        Assert.Contains(id, Said(reply), StringComparison.Ordinal);
        Assert.Contains("<@UALICE> *Confirmed* Requested → Restoring", Said(reply), StringComparison.Ordinal);
        Assert.Contains("<@UALICE> *Refused* AwaitingApproval → AwaitingApproval — Approve needs an approver other than the person who started the recovery", Said(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_so_when_the_recovery_does_not_exist()
    {
        await bot.CommandAsync("audit nosuch", Bob);

        await bot.EphemeralToAsync(Bob, "There is no recovery");
    }
}
