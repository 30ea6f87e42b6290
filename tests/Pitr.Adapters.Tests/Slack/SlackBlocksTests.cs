using Pitr.Adapters.Presentation;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Adapters.Tests.Slack.Support;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Tests.Slack;

public sealed class SlackBlocksTests
{
    [Fact]
    public void Keeps_a_long_validation_table_within_Block_Kit_limits_and_says_it_was_cut()
    {
        var rows = Enumerable.Range(0, 2000).Select(i => new TableRow($"check number {i} with a long name", i % 7 != 0, new string('x', 200), ">= 1")).ToList();

        var blocks = SlackBlocks.Thread(new ThreadMessage("r1", new string('v', 7000), rows, [new RecoveryAction(RecoveryTrigger.Approve, "r1", RecoveryState.AwaitingApproval)]));

        Assert.InRange(blocks.Count, 2, 50);
        Assert.All(blocks, b => Assert.True((b!["text"]?["text"]?.GetValue<string>().Length ?? 0) <= 3000));
        Assert.All(blocks.Where(b => b!["fields"] is not null), b => Assert.InRange(b!["fields"]!.AsArray().Count, 1, 10));
        Assert.Contains(blocks, b => b!["type"]!.GetValue<string>() == "context" && b.ToJsonString().Contains("more results", StringComparison.Ordinal));
        Assert.Equal("actions", blocks[^1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Shows_every_result_whole_as_fields_whatever_its_length()
    {
        const string observed = "newest row 1.4s before target (2026-12-03T13:32:00.516142Z, newest public.orders.created_at)";
        var rows = new[] { new TableRow("landed at target", true, observed, "newest row within 5 minutes before the target") };

        var fields = SlackBlocks.Thread(new ThreadMessage("r1", "Validation", rows)).Single(b => b!["fields"] is not null)!["fields"]!.AsArray();

        Assert.Equal(2, fields.Count);
        Assert.Equal("✓ *landed at target*", fields[0]!["text"]!.GetValue<string>());
        Assert.Equal($"{observed}\n_expected newest row within 5 minutes before the target_", fields[1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Renders_one_button_per_permitted_action_carrying_recovery_and_state()
    {
        var actions = new[] { new RecoveryAction(RecoveryTrigger.Approve, "k3m9qz", RecoveryState.AwaitingApproval), new RecoveryAction(RecoveryTrigger.Reject, "k3m9qz", RecoveryState.AwaitingApproval) };

        var buttons = SlackBlocks.Thread(new ThreadMessage("k3m9qz", "Validation passed", null, actions))
            .Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();

        Assert.Equal(["pitr.approve", "pitr.reject"], buttons.Select(b => b!["action_id"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal(new ButtonValue("k3m9qz", RecoveryState.AwaitingApproval), ButtonValue.Parse(b!["value"]!.GetValue<string>())));
    }

    [Fact]
    public void Replaces_the_buttons_with_the_outcome_once_used()
    {
        var message = new ThreadMessage("r1", "Validation passed", null, [new RecoveryAction(RecoveryTrigger.Approve, "r1", RecoveryState.AwaitingApproval)]);

        var blocks = SlackBlocks.Thread(message, "Approved by @bob");

        Assert.DoesNotContain(blocks, b => b!["type"]!.GetValue<string>() == "actions");
        Assert.Contains("Approved by @bob", blocks[^1]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_peoples_text_exactly_once_and_writes_mentions_as_Slack_does()
    {
        var entry = new AuditEntry("r1", DateTimeOffset.UnixEpoch, new Actor("U_BOB", "bob"), RecoveryState.Completed, RecoveryState.RollingBack,
            new RollbackRequested("<!channel> & <https://evil>"));
        var view = Views.Of(Views.Recovery("r1", RecoveryState.RollingBack, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch);

        var text = SlackBlocks.Thread(new RecoveryNarrative(TextStyle.Slack).Tell(entry, view, [])!)[0]!["text"]!["text"]!.GetValue<string>();

        Assert.StartsWith("<@U_BOB> asked for a rollback (&lt;!channel&gt; &amp; &lt;https://evil&gt;)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mentions_who_can_approve_other_than_the_initiator_on_the_approval_request()
    {
        var validated = new ValidationCompleted("pitr-r1-a1", DateTimeOffset.UnixEpoch, new ValidationReport([new CheckResult("rows", true, "12", ">= 1", TimeSpan.Zero)]));
        var entry = new AuditEntry("r1", DateTimeOffset.UnixEpoch, Actor.Bot, RecoveryState.Validating, RecoveryState.AwaitingApproval, validated);
        var view = Views.Of(Views.Recovery("r1", RecoveryState.AwaitingApproval, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch);
        var narrative = new RecoveryNarrative(TextStyle.Slack, new Approvers(["S_ONCALL"], [Views.Alice.Id, "U_BOB"]));

        var text = narrative.Tell(entry, view, [])!.Text;

        Assert.Contains("<!subteam^S_ONCALL> <@U_BOB> Approve the cutover (someone other than <@U_ALICE>)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@alice", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_state_database_target_attempt_and_clock_in_the_header()
    {
        var recovery = Views.Recovery("r1", RecoveryState.Restoring, new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), attempt: 2);

        var text = SlackBlocks.Header(Views.Of(recovery, recovery.RequestedAt.AddMinutes(4))).ToJsonString();

        foreach (var expected in new[] { "Restoring", "orders", "2024-05-01T10:32:15Z", "*Attempt*\\n2", "4m 00s", "{ago}" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Offers_a_start_button_with_the_suggested_time_on_an_alert_card()
    {
        var card = new AlertCard("g1", "OrdersVanished", "orders", "orders table lost 90% of rows", DateTimeOffset.UnixEpoch, null,
            new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.Zero), "alert start − 2m");

        var button = SlackBlocks.Alert(card).Last()!["elements"]![0]!;

        Assert.Equal(SlackActionIds.StartFromAlert, button["action_id"]!.GetValue<string>());
        Assert.Equal(new StartValue("orders", card.SuggestedTarget, card.StartsAt), StartValue.Parse(button["value"]!.GetValue<string>()));
        Assert.DoesNotContain("actions", SlackBlocks.Alert(card, DateTimeOffset.UnixEpoch).Select(b => b!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Prefills_the_reject_modal_with_a_time_before_the_rejected_one()
    {
        var view = SlackViews.Reject("r1", 1, new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), "r1|AwaitingApproval");

        Assert.Equal(SlackActionIds.RejectModal, view["callback_id"]!.GetValue<string>());
        Assert.Contains("\"initial_value\":\"2024-05-01T10:31:15Z\"", view.ToJsonString(), StringComparison.Ordinal);
        Assert.True(view["title"]!["text"]!.GetValue<string>().Length <= 24);
    }
}
