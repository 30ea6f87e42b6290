using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Pitr.Adapters;
using Pitr.Bot.Alerts;
using Pitr.Bot.Composition;
using Pitr.Bot.Tests.Hosting;
using Pitr.Domain.Alerts;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Tests.Alerts;

/// <summary>
/// The bot's alert intake on Kestrel loopback, composed as the bot composes it (domain, adapters
/// with the SQLite alert log, alert intake, endpoint), with a recording incident channel.
/// </summary>
public sealed class AlertIntakeHost(string storePath, RecordingIncidentChannel channel) : IAsyncDisposable
{
    public const string Token = "am-webhook-token-for-tests";
    public const string IncidentChannel = "C0INCIDENT";

    private WebApplication? app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every group key a firing notification tried to claim, in order: one per firing notification processed.</summary>
    public ConcurrentQueue<string> Claims { get; } = new();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pitr:Store:Sqlite:Path"] = storePath,
            ["Pitr:Databases:orders:Engine"] = "fake",
            ["Pitr:Alerts:BearerToken"] = Token,
            ["Pitr:Alerts:Channel"] = IncidentChannel,
            ["Pitr:Alerts:AlertNames:0"] = "DataCorruptionSuspected",
            ["Pitr:Alerts:SuggestionMargin"] = "00:02:00",
        });
        builder.Services.AddPitrDomain();
        builder.Services.AddRecoveryWakeupsAsBotHostDoes();
        builder.Services.AddPitrAdapters(builder.Configuration);
        builder.Services.AddSingleton<IDatabaseCatalog, TestCatalog>();
        builder.Services.AddSingleton<IIncidentChannel>(channel);
        var log = builder.Services.Single(d => d.ServiceType == typeof(IAlertLog));
        builder.Services.Replace(ServiceDescriptor.Singleton<IAlertLog>(sp =>
            new CountingAlertLog((IAlertLog)log.ImplementationFactory!(sp), Claims)));

        app = builder.Build();
        app.MapAlertEndpoints();
        await app.StartAsync();
        Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class CountingAlertLog(IAlertLog inner, ConcurrentQueue<string> claims) : IAlertLog
    {
        public ValueTask<bool> TryClaimAsync(string groupKey, DateTimeOffset at, CancellationToken cancellationToken)
        {
            claims.Enqueue(groupKey);
            return inner.TryClaimAsync(groupKey, at, cancellationToken);
        }

        public ValueTask ReleaseAsync(string groupKey, CancellationToken cancellationToken) => inner.ReleaseAsync(groupKey, cancellationToken);

        public ValueTask RecordPostedAsync(string groupKey, AlertCard card, MessageRef message, CancellationToken cancellationToken) =>
            inner.RecordPostedAsync(groupKey, card, message, cancellationToken);

        public ValueTask<PostedAlert?> TryResolveAsync(string groupKey, DateTimeOffset resolvedAt, CancellationToken cancellationToken) =>
            inner.TryResolveAsync(groupKey, resolvedAt, cancellationToken);
    }
}
