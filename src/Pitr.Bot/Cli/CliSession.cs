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

    /// <summary>The wording of the terminal: plain text.</summary>
    public static Presenter Say => Presenter.Console;

    public IServiceProvider Services => host.Services;

    public ISender Mediator => Services.GetRequiredService<ISender>();

    public IRecoveryStore Store => Services.GetRequiredService<IRecoveryStore>();

    public IDatabaseCatalog Catalog => Services.GetRequiredService<IDatabaseCatalog>();

    public RecoveryDriver Driver => new(Services.GetRequiredService<RecoveryStepper>(), Store, Services.GetRequiredService<IRecoveryLeases>(), Services.GetRequiredService<TimeProvider>());

    public static CliSession Open(ParseResult parse, Action<IConfigurationBuilder>? configure = null) =>
        new(CliHost.Build(parse.GetValue(CliOptions.Config), parse.GetValue(CliOptions.Json), configure));

    public string DatabaseOrDefault(string? database) => database ?? Catalog.DefaultDatabase;

    /// <summary>Nothing more happens without a person: completed, failed (awaiting Retry or Abort), or over.</summary>
    public static bool Settled(RecoveryState state) =>
        state is RecoveryState.Completed or RecoveryState.Failed || RecoveryStates.IsTerminal(state);

    /// <summary>The person at the keyboard, or null (and why, on standard error) when they may not act here.</summary>
    public Actor? Person(ParseResult parse)
    {
        var (person, refusal) = CliPerson.Resolve(parse, Services.GetRequiredService<IConfiguration>());
        if (refusal is not null)
        {
            Console.Error.WriteLine(refusal);
        }

        return person;
    }

    /// <summary>Says why a request was refused (JSON on standard output with <c>--json</c>); exit code 2.</summary>
    public static async Task<int> RefusedAsync(RecoveryResult result, ParseResult parse)
    {
        var why = result.Why is { } refusal ? Say.Answers.Why(refusal) : result.Status.ToString();
        if (parse.GetValue(CliOptions.Json))
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { status = result.Status.ToString(), refusal = result.Why?.GetType().Name, message = why, recoveryId = result.Recovery?.Id }, Json));
        }
        else
        {
            await Console.Error.WriteLineAsync(why);
        }

        return 2;
    }

    /// <summary>Prints where a recovery stands; exit code 1 when it failed, else 0.</summary>
    public int Print(RecoverySnapshot recovery, ParseResult parse)
    {
        Console.Out.WriteLine(parse.GetValue(CliOptions.Json)
            ? JsonSerializer.Serialize(RecoveryJson.From(recovery), Json)
            : Say.Reports.Line(recovery) + NextStep(recovery));
        return recovery.State == RecoveryState.Failed ? 1 : 0;
    }

    /// <summary>Carries the recovery on until it needs a person again or has settled.</summary>
    public Task<RecoverySnapshot> FollowAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var clock = Services.GetRequiredService<TimeProvider>();
        return Driver.RunUntilAsync(recoveryId,
            r => (RecoveryStates.AwaitsPerson(r.State) || Settled(r.State)) && r.Deletions.All(d => d.DoneAt is not null || d.DueAt > clock.GetUtcNow()),
            cancellationToken);
    }

    private string NextStep(RecoverySnapshot r)
    {
        var actions = Recovery.Load(r, Services.GetRequiredService<RecoveryRules>(), Services.GetRequiredService<TimeProvider>()).AvailableActions();
        return actions.Count == 0 ? "" : $"\n  next: {string.Join(" | ", actions.Select(a => $"pitr {a.Action.ToString().ToLowerInvariant()} {r.Id}"))}";
    }

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
