using System.CommandLine;
using System.Text.Json;
using Mediator;
using Pitr.Adapters.Presentation;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary>One CLI invocation's engine: the host's handlers, store and stepper, and the person at the keyboard.</summary>
internal sealed class CliSession(IHost host) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Actor User { get; } = new(Environment.UserName, Environment.UserName);

    /// <summary>The wording of the terminal: plain text.</summary>
    public static Presenter Say => Presenter.Console;

    public IServiceProvider Services => host.Services;

    public ISender Mediator => Services.GetRequiredService<ISender>();

    public IRecoveryStore Store => Services.GetRequiredService<IRecoveryStore>();

    public IDatabaseCatalog Catalog => Services.GetRequiredService<IDatabaseCatalog>();

    public RecoveryDriver Driver => new(Services.GetRequiredService<RecoveryStepper>(), Store, Services.GetRequiredService<TimeProvider>());

    public static CliSession Open(ParseResult parse, Action<IConfigurationBuilder>? configure = null) =>
        new(CliHost.Build(parse.GetValue(CliOptions.Config), parse.GetValue(CliOptions.Json), configure));

    public string DatabaseOrDefault(string? database) => database ?? Catalog.DefaultDatabase;

    /// <summary>Nothing more happens without a person: completed, failed (awaiting Retry or Abort), or over.</summary>
    public static bool Settled(RecoveryState state) =>
        state is RecoveryState.Completed or RecoveryState.Failed || RecoveryStates.IsTerminal(state);

    /// <summary>Runs the recovery until it is settled and no deletion is due any more.</summary>
    public Task<RecoverySnapshot> RunToEndAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var clock = Services.GetRequiredService<TimeProvider>();
        return Driver.RunUntilAsync(recoveryId,
            r => Settled(r.State) && r.Deletions.All(d => d.DoneAt is not null || d.DueAt > clock.GetUtcNow()),
            cancellationToken);
    }

    public async Task<RecoveryReport> ReportAsync(RecoverySnapshot recovery, CancellationToken cancellationToken) =>
        RecoveryReport.From(recovery, await Store.GetAuditTrailAsync(recovery.Id, cancellationToken), Services.GetRequiredService<TimeProvider>().GetUtcNow());

    public void Dispose() => host.Dispose();
}
