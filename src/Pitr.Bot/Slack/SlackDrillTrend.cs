using Mediator;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Slack;
using Pitr.Domain.Recoveries.Trend;

namespace Pitr.Bot.Slack;

/// <summary><c>/pitr drills [db]</c>: the drill trend answered to the person, and each database's chart posted in the channel with its summary.</summary>
internal sealed class SlackDrillTrend(ISender sender, DrillTrendCharts charts)
{
    private static readonly Presenter Say = Presenter.Slack;

    /// <returns>The answer to the person who asked.</returns>
    public async Task<string> RunAsync(string? database, SlackPerson person, CancellationToken cancellationToken)
    {
        var answer = await sender.Send(new GetDrillTrend(database), cancellationToken);
        if (answer.Why is { } why)
        {
            return $":no_entry: {Say.Answers.Why(why)}";
        }

        var unshared = new List<string>();
        foreach (var trend in answer.Databases.Where(d => d.Drills.Count > 0))
        {
            if (!await charts.PostAsync(person.Channel!, trend, Say.Drills.Database(trend), cancellationToken))
            {
                unshared.Add(trend.Database);
            }
        }

        return Say.Drills.Trend(answer) + (unshared.Count > 0
            ? $"\n:warning: The chart of {string.Join(", ", unshared)} could not be posted here (is the bot in this channel, with `files:write`?)."
            : "");
    }
}
