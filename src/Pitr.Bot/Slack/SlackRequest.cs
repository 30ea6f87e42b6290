using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Pitr.Adapters.Slack;

namespace Pitr.Bot.Slack;

/// <summary>Reads a Slack request's raw body and checks its signature before anything in it is parsed, then lets only its first delivery through.</summary>
internal static class SlackRequest
{
    private const int MaxBodyBytes = 1 << 20;

    /// <returns>The verified form fields, or the response that refuses the request.</returns>
    public static async Task<(Dictionary<string, StringValues>? Form, IResult? Refusal)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
            }

            buffer.Write(chunk, 0, read);
        }

        var services = context.RequestServices;
        var secret = services.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!SlackSignature.IsValid(secret, request.Headers[SlackSignature.TimestampHeader], request.Headers[SlackSignature.SignatureHeader], buffer.GetBuffer().AsSpan(0, (int)buffer.Length), now))
        {
            return (null, Results.Text("The request is not signed by Slack, or its signature is older than five minutes.", statusCode: StatusCodes.Status401Unauthorized));
        }

        if (await services.GetRequiredService<SlackRepeats>().IsRepeatAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted))
        {
            // Slack stops retrying once it gets its 200; the first delivery's answer has been given.
            return (null, Results.Ok());
        }

        try
        {
            return (QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)), null);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
        {
            return (null, Results.BadRequest("The body is not a form."));
        }
    }
}
