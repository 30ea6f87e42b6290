using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Bot.Tests.Slack.Support;

namespace Pitr.Bot.Tests.Slack;

public sealed class SlackReadinessTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Is_ready_only_once_slack_accepts_the_bot_token()
    {
        using var http = new HttpClient { BaseAddress = new Uri(bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"slack\":{\"status\":\"Healthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(bot.Slack.Calls, c => c.Method == "auth.test" && c.Authorization == "Bearer xoxb-test-token");
    }
}
