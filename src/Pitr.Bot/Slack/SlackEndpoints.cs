using System.Text.Json;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.SocketMode;
using Pitr.Adapters.Storage;
using Pitr.Bot.Observability;

namespace Pitr.Bot.Slack;

/// <summary>
/// The Slack front end: <c>POST /slack/commands</c> and <c>POST /slack/interactions</c> (HTTP mode) and,
/// with an app token, Socket Mode. Each request is verified, parsed, acknowledged at once and its work
/// continued in the background.
/// </summary>
internal static class SlackEndpoints
{
    /// <summary>Registers the Slack adapters and handlers when <c>Pitr:Slack:BotToken</c> is set; the Slack channel then replaces the console.</summary>
    public static IServiceCollection AddSlackEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        // The endpoints are mapped whatever the configuration, and a verified request is checked for repeats first.
        services.AddRequestLedger(configuration);
        services.AddSingleton<SlackRepeats>();
        if (!configuration.IsSlackConfigured())
        {
            return services;
        }

        services.AddSlackAdapters(configuration);
        services.AddSingleton<SlackWork>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackWork>());
        services.AddSingleton<SlackAuthorizer>();
        services.AddSingleton<TurnedAway>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<PitrCommands>();
        services.AddSingleton<SlackFleetDrill>();
        services.AddSingleton<SlackDrillTrend>();
        services.AddSingleton<SlashCommandRouter>();
        services.AddSingleton<RecoveryButtonHandler>();
        services.AddSingleton<AlertStartButtonHandler>();
        services.AddSingleton<RejectModalHandler>();
        services.AddSingleton<StartModalHandler>();
        services.AddSingleton<InteractionRouter>();
        services.AddSingleton<ISlackEnvelopeHandler, SlackEnvelopeHandler>();
        services.AddHealthChecks().AddCheck<SlackTokenHealthCheck>("slack", tags: [ObservabilityExtensions.Ready]);
        return services;
    }

    /// <summary>Maps the endpoints whatever the configuration: without a signing secret they refuse every request.</summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack");
        slack.MapPost("/commands", context => RespondAsync(context, CommandsAsync));
        slack.MapPost("/interactions", context => RespondAsync(context, InteractionsAsync));
        return app;
    }

    private static async Task RespondAsync(HttpContext context, Func<HttpContext, Task<IResult>> handle) =>
        await (await handle(context)).ExecuteAsync(context);

    private static async Task<IResult> CommandsAsync(HttpContext context)
    {
        var (form, refusal) = await SlackRequest.ReadAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        if (SlashCommand.Parse(name => form!.TryGetValue(name, out var value) ? value.ToString() : null) is not { } command)
        {
            return Results.BadRequest("A slash command needs command, user_id and channel_id.");
        }

        return Answer(context.RequestServices.GetRequiredService<SlashCommandRouter>().Route(command));
    }

    private static async Task<IResult> InteractionsAsync(HttpContext context)
    {
        var (form, refusal) = await SlackRequest.ReadAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!form!.TryGetValue("payload", out var payload) || payload.Count != 1)
        {
            return Results.BadRequest("An interaction carries one payload field.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToString());
        }
        catch (JsonException)
        {
            return Results.BadRequest("The payload is not JSON.");
        }

        using (document)
        {
            return context.RequestServices.GetRequiredService<InteractionRouter>().Route(document.RootElement) is { } ack
                ? Answer(ack)
                : Results.BadRequest("The payload is not an interaction this bot understands.");
        }
    }

    private static IResult Answer(SlackAck ack) =>
        ack.Body is { } body ? Results.Text(body.ToJsonString(), "application/json") : Results.Ok();
}
