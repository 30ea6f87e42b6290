using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>An HTTP server on a loopback port that records every request and answers as the test says AWS would.</summary>
internal sealed class AwsStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<CapturedRequest> requests = [];

    private AwsStandIn(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <param name="answer">Given each request and its 1-based number, the answer to send.</param>
    public static async Task<AwsStandIn> StartAsync(Func<CapturedRequest, int, StandInAnswer> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new AwsStandIn(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var captured = new CapturedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
                body);
            int number;
            lock (standIn.requests)
            {
                standIn.requests.Add(captured);
                number = standIn.requests.Count;
            }

            var reply = answer(captured, number);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        });
        await app.StartAsync();
        standIn.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record CapturedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The form fields, in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form =>
        new FormReader(Body).ReadForm().SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();

    public string? Field(string name) => Form.FirstOrDefault(f => f.Key == name).Value;

    public string Action => Field("Action") ?? Headers.GetValueOrDefault("x-amz-target") ?? "";
}

internal sealed record StandInAnswer(int Status, string Body, string ContentType = "text/xml", TimeSpan Delay = default)
{
    public static StandInAnswer Xml(string body) => new(200, body);

    public static StandInAnswer RdsFault(string code, string message, int status = 400) => new(status,
        $"""<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>""");
}
