using System.Net;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Bot.Tests.Observability;

/// <summary>The bot's probes through the real ASP.NET pipeline on loopback.</summary>
public sealed class ProbesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pitr-probes-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Answers_alive_ready_and_metrics_when_the_store_is_reachable()
    {
        await using var bot = await StartAsync(Path.Combine(directory, "pitr.db"));
        using var http = new HttpClient { BaseAddress = Address(bot) };
        var confirmedBefore = ConfirmedCount(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        await bot.Services.GetRequiredService<IMediator>().Send(new StartRecovery(null, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"));
        var recovery = (await bot.Services.GetRequiredService<IRecoveryStore>().ListRecentAsync(null, 1, CancellationToken.None)).Single();
        await bot.Services.GetRequiredService<IMediator>().Send(new ActOnRecovery(recovery.Id, new PersonAction(RecoveryTrigger.Confirm, RecoveryWorld.Alice)));

        var alive = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"store\":{\"status\":\"Healthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Metrics are per process and other tests share it: count this test's confirmation as an increase.
        Assert.True(ConfirmedCount(metrics) > confirmedBefore, "the confirmation is counted as a Requested → Restoring transition");
        Assert.Contains("pitr_recovery_phase_seconds{phase=\"Requested\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_not_ready_naming_the_store_when_it_cannot_be_opened()
    {
        await using var bot = await StartAsync(Path.Combine(directory, "missing", "dir", "pitr.db"));
        using var http = new HttpClient { BaseAddress = Address(bot) };

        var alive = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("recovery store unreachable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static double ConfirmedCount(string metrics) =>
        System.Text.RegularExpressions.Regex.Match(metrics, @"^pitr_recovery_transitions\{from=""Requested"",to=""Restoring""\} (\S+)$", System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static async Task<WebApplication> StartAsync(string storePath)
    {
        var world = new RecoveryWorld();
        var bot = BotHost.Build(
            ["--urls", "http://127.0.0.1:0", "--Pitr:Store:Sqlite:Path", storePath, "--Pitr:Telemetry:LogFormat", "text"],
            configFile: null,
            builder =>
            {
                builder.Services.AddSingleton<IDatabaseCatalog>(world.Catalog);
                builder.Services.AddSingleton<IIncidentChannel>(world.Channel);
            });
        await bot.StartAsync();
        return bot;
    }

    private static Uri Address(WebApplication bot) =>
        new(bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
