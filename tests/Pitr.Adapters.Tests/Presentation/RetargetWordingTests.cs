using Pitr.Adapters.Presentation;
using Pitr.Adapters.Tests.Slack.Support;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Tests.Presentation;

/// <summary>The thread and the report say how each re-target reached its time (continued replay or new restore) and how long it took.</summary>
public sealed class RetargetWordingTests
{
    private static readonly DateTimeOffset First = new(2024, 5, 1, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2024, 5, 1, 10, 32, 15, TimeSpan.Zero);

    [Fact]
    public void Tells_a_continued_replay_with_its_duration_and_that_the_paused_server_is_promoted_at_the_cutover()
    {
        var available = new RestoreAvailable("pitr-r1-a1", new DatabaseEndpoint("pitr-r1-a1", "127.0.0.1", 5433, "postgres"),
            TimeSpan.FromSeconds(2.4), RestoreMethod.ContinuedReplay, PausedAtTarget: true);
        var entry = new AuditEntry("r1", Later, Actor.Bot, RecoveryState.Restoring, RecoveryState.Validating, available);
        var view = Views.Of(Views.Recovery("r1", RecoveryState.Validating, Later, attempt: 2), Later);

        var text = new RecoveryNarrative(TextStyle.Plain).Tell(entry, view, [])!.Text;

        Assert.Contains("after 2.4s by continued replay (no new copy)", text, StringComparison.Ordinal);
        Assert.Contains("paused at the target, read-only: the cutover promotes it", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tells_a_rejection_for_a_later_time_as_the_same_server_replaying_on()
    {
        var rejected = new Rejected(1, First, RecoveryTarget.At(Later), "pitr-r1-a1", RestoreMethod.ContinuedReplay);
        var entry = new AuditEntry("r1", Later, new Actor("U_BOB", "bob"), RecoveryState.AwaitingApproval, RecoveryState.Restoring, rejected);
        var view = Views.Of(Views.Recovery("r1", RecoveryState.Restoring, Later, attempt: 2), Later);

        var text = new RecoveryNarrative(TextStyle.Plain).Tell(entry, view, [])!.Text;

        Assert.Contains("Replaying pitr-r1-a1 on to", text, StringComparison.Ordinal);
        Assert.Contains("the same server, no new copy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("deleted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_every_restore_with_its_method_and_seconds_in_the_report()
    {
        var recovery = Views.Recovery("r1", RecoveryState.AwaitingApproval, Later) with
        {
            Attempts =
            [
                new RestoreAttempt(1, First, "pitr-r1-a1") { Took = TimeSpan.FromSeconds(14), Outcome = AttemptOutcome.Rejected },
                new RestoreAttempt(2, Later, "pitr-r1-a1") { Method = RestoreMethod.ContinuedReplay, Took = TimeSpan.FromSeconds(2), Outcome = AttemptOutcome.Available },
            ],
        };

        var text = new ReportWording(TextStyle.Plain).Report(RecoveryReport.From(recovery, [], Later));

        Assert.Contains("attempt 1 to 2024-05-01T10:30:00Z by new restore in 14.0s (rejected); attempt 2 to 2024-05-01T10:32:15Z by continued replay (no new copy) in 2.0s", text, StringComparison.Ordinal);
    }
}
