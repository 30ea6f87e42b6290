using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Api;
using Pitr.Tests.Slack.Support;

namespace Pitr.Adapters.Tests.Slack;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private const string Token = "xoxb-secret-token-1234";
    private SlackStandIn slack = null!;
    private ServiceProvider services = null!;
    private readonly CapturingLogger<SlackApiClient> logger = new();

    public async ValueTask InitializeAsync()
    {
        slack = await SlackStandIn.StartAsync();
        services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await slack.DisposeAsync();
    }

    private SlackApiClient Client(TimeSpan? postInterval = null)
    {
        var options = new SlackOptions { BotToken = Token, ApiBaseUrl = slack.ApiBase, PostInterval = postInterval ?? TimeSpan.Zero, MaxRetries = 3 };
        return new SlackApiClient(services.GetRequiredService<IHttpClientFactory>(), Options.Create(options), TimeProvider.System, logger);
    }

    [Fact]
    public async Task Waits_as_long_as_Retry_After_says_when_Slack_answers_429()
    {
        slack.FailNext(429, retryAfterSeconds: 1);

        var answer = await Client().CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "hi" }, TestContext.Current.CancellationToken);

        var calls = slack.CallsTo("chat.postMessage").ToList();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {calls[1].At - calls[0].At}");
        Assert.Equal("C1", answer["channel"]?.GetValue<string>());
    }

    [Fact]
    public async Task Retries_when_Slack_fails_transiently()
    {
        slack.FailNext(503);
        slack.FailNext(500);

        await Client().CallAsync("chat.update", new JsonObject { ["channel"] = "C1", ["ts"] = "1.2" }, TestContext.Current.CancellationToken);

        Assert.Equal(3, slack.CallsTo("chat.update").Count());
    }

    [Fact]
    public async Task Leaves_a_findable_post_that_failed_with_500_to_the_caller_and_retries_it_only_after_429()
    {
        slack.FailNext(500);
        var unknown = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostFindableAsync(new JsonObject { ["channel"] = "C1", ["text"] = "hi" }, TestContext.Current.CancellationToken));
        slack.FailNext(429, retryAfterSeconds: 0);
        await Client().PostFindableAsync(new JsonObject { ["channel"] = "C1", ["text"] = "hi" }, TestContext.Current.CancellationToken);

        Assert.Equal("HTTP 500", unknown.Error);
        Assert.Equal(3, slack.CallsTo("chat.postMessage").Count());
        Assert.Single(slack.Messages);
    }

    [Fact]
    public async Task Gives_up_with_Slacks_error_when_retries_run_out()
    {
        for (var i = 0; i < 4; i++)
        {
            slack.FailNext(500);
        }

        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            Client().CallAsync("chat.update", [], TestContext.Current.CancellationToken));

        Assert.Equal("HTTP 500", error.Error);
    }

    [Fact]
    public async Task Sends_the_bot_token_as_bearer_and_never_logs_it()
    {
        slack.FailNext(429, retryAfterSeconds: 0);
        slack.FailNext(502);

        await Client().CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1" }, TestContext.Current.CancellationToken);

        Assert.All(slack.Calls, c => Assert.Equal($"Bearer {Token}", c.Authorization));
        Assert.NotEmpty(logger.Lines);
        Assert.DoesNotContain(logger.Lines, line => line.Contains("secret-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spaces_posts_to_one_channel_by_the_post_interval()
    {
        var client = Client(TimeSpan.FromMilliseconds(500));

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            client.CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1" }, TestContext.Current.CancellationToken)));

        // Unpaced, the three arrive within milliseconds; paced, two intervals apart (less the stand-in's own clock jitter on a busy machine).
        var at = slack.CallsTo("chat.postMessage").Select(c => c.At).Order().ToList();
        Assert.True(at[2] - at[0] >= TimeSpan.FromMilliseconds(750), $"three posts within {at[2] - at[0]}");
    }
}
