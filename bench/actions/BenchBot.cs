using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;

namespace Pitr.Bench.Actions;

/// <summary>
/// The real bot host with the shipped defaults, on a loopback port: one database "orders" on the timed
/// engine and secret store, SQLite, Slack at the stand-in; alice and bob may act in the incident channel.
/// </summary>
internal sealed class BenchBot : IAsyncDisposable
{
    private const string Secret = "bench-signing-secret";
    public const string IncidentChannel = "CINC";
    private readonly HttpClient http;

    private BenchBot(WebApplication app)
    {
        App = app;
        http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        People = new SignedSlack(http, Secret, IncidentChannel);
    }

    public WebApplication App { get; }

    /// <summary>Signed commands and clicks, as Slack sends them.</summary>
    public SignedSlack People { get; }

    public IRecoveryStore Store => App.Services.GetRequiredService<IRecoveryStore>();

    /// <param name="settings">More configuration, as <c>--Key=value</c>, when a figure is taken with other settings (say so).</param>
    public static async Task<BenchBot> StartAsync(Uri slackApi, SideEffects effects, params string[] settings)
    {
        var directory = Directory.CreateTempSubdirectory("pitr-bench-").FullName;
        var app = BotHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Error",
            "--Pitr:Databases:orders:Engine=fake",
            "--Pitr:Databases:orders:Secret:Store=fake",
            $"--Pitr:Store:Sqlite:Path={Path.Combine(directory, "pitr.db")}",
            "--Pitr:Slack:BotToken=xoxb-bench",
            $"--Pitr:Slack:SigningSecret={Secret}",
            $"--Pitr:Slack:ApiBaseUrl={slackApi}",
            "--Pitr:Slack:AllowedUsers:0=UALICE",
            "--Pitr:Slack:AllowedUsers:1=UBOB",
            $"--Pitr:Slack:AllowedChannels:0={IncidentChannel}",
            .. settings,
        ], null, builder =>
        {
            builder.Services.AddKeyedSingleton<IDatabaseRestorer>("orders", new TimedRestorer(effects));
            builder.Services.AddKeyedSingleton<IValidationRunner>("orders", new PassingValidation());
            builder.Services.AddKeyedSingleton<ISecretStore>("orders", new TimedSecrets(effects));
        });
        await app.StartAsync();
        return new BenchBot(app);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
