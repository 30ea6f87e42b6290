using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Pitr.Domain.Alerts.Receive;

namespace Pitr.Bot.Alerts;

/// <summary><c>POST /alerts/alertmanager</c>: Alertmanager's webhook receiver. Token, then parse, then the command; nothing else.</summary>
internal static partial class AlertEndpoints
{
    public const string Path = "/alerts/alertmanager";

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, ISender sender, IOptions<AlertIntakeOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(AlertEndpoints).FullName!);
        var request = context.Request;
        if (!BearerToken.Matches(request.Headers.Authorization, options.Value.BearerToken))
        {
            LogRefused(logger, string.IsNullOrEmpty(options.Value.BearerToken) ? "no Pitr:Alerts:BearerToken is configured" : "missing or wrong bearer token");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Unauthorized();
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(logger, "the body must be application/json");
        }

        if (request.ContentLength > options.Value.MaxBodyBytes)
        {
            return TooLarge(logger, options.Value.MaxBodyBytes);
        }

        // A body without a declared length is cut off by the server at the limit instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxBodyBytes;
        }

        ReceiveAlert command;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            command = new ReceiveAlert(AlertmanagerPayload.Parse(body.RootElement));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(logger, options.Value.MaxBodyBytes);
        }
        catch (Exception e) when (e is JsonException or FormatException or BadHttpRequestException)
        {
            return Refuse(logger, e.Message);
        }

        var result = await sender.Send(command, cancellationToken);
        LogReceived(logger, command.Group.GroupKey, result.Outcome, result.Detail);
        return Results.Ok(new { outcome = result.Outcome.ToString(), detail = result.Detail });
    }

    private static IResult TooLarge(ILogger logger, long limit)
    {
        LogMalformed(logger, $"the body is larger than {limit} bytes (Pitr:Alerts:MaxBodyBytes)");
        return Results.Problem(title: "Notification too large", detail: $"The body may hold at most {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    private static IResult Refuse(ILogger logger, string reason)
    {
        LogMalformed(logger, reason);
        return Results.Problem(title: "Not an Alertmanager webhook notification (version 4)", detail: reason, statusCode: StatusCodes.Status400BadRequest);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notification refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed alert notification: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert group {GroupKey}: {Outcome} ({Detail})")]
    private static partial void LogReceived(ILogger logger, string groupKey, AlertIntakeOutcome outcome, string detail);
}
