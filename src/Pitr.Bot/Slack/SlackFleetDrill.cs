using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Slack.Api;
using Pitr.Bot.Drills;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Slack;

/// <summary>
/// <c>/pitr drill all</c>: every database drilled, each in its own thread carried on by the bot's runner, then one
/// summary posted in the channel for everyone to see.
/// </summary>
internal sealed partial class SlackFleetDrill(
    FleetDrills fleet, IRecoveryStore store, SlackApiClient api, TimeProvider clock, IOptions<RunnerOptions> runner, ILogger<SlackFleetDrill> logger)
{
    /// <returns>The answer to the person who asked.</returns>
    public async Task<string> RunAsync(SlackPerson person, CancellationToken cancellationToken)
    {
        var summary = Presenter.Slack.Fleet.Summary(await fleet.RunAsync(person.Actor, person.Channel!, SettledAsync, cancellationToken));
        try
        {
            await api.CallAsync("chat.postMessage", new JsonObject { ["channel"] = person.Channel, ["text"] = summary }, cancellationToken);
            return "The fleet drill is over; its summary is in the channel.";
        }
        catch (SlackApiException e)
        {
            LogSummaryNotPosted(e.Method, e.Error);
            return summary;
        }
    }

    private async Task<RecoverySnapshot> SettledAsync(string drillId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var drill = await store.FindAsync(drillId, cancellationToken) ?? throw new InvalidOperationException($"Drill {drillId} disappeared from the store.");
            if (FleetDrills.Settled(drill))
            {
                return drill;
            }

            await Task.Delay(runner.Value.Tick, clock, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet drill summary not posted: Slack {Method} failed with {Error}")]
    private partial void LogSummaryNotPosted(string method, string error);
}
