using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>
/// Passes every request on to moto unchanged (signature included) and records it: moto fills a restore's
/// settings from its source whatever the request said, so only the request shows what the project sent.
/// It can also lose part of a request on the way, to play an AWS that did not apply a setting.
/// </summary>
internal sealed class MotoRecorder : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Content-Type" };

    private readonly WebApplication app;
    private readonly HttpClient moto = new();
    private readonly List<CapturedRequest> requests = [];

    private MotoRecorder(WebApplication app) => this.app = app;

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

    /// <param name="alter">Changes a request's body before moto sees it (the recording keeps what the project sent).</param>
    public static async Task<MotoRecorder> StartAsync(Uri motoUrl, Func<string, string>? alter = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var recorder = new MotoRecorder(builder.Build());
        recorder.app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
            lock (recorder.requests)
            {
                recorder.requests.Add(new CapturedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", headers, body));
            }

            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(motoUrl, context.Request.Path.Value + context.Request.QueryString.Value))
            {
                Content = new StringContent(alter?.Invoke(body) ?? body, System.Text.Encoding.UTF8),
            };
            forward.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/x-www-form-urlencoded");
            foreach (var (name, value) in context.Request.Headers.Where(h => !NotForwarded.Contains(h.Key)))
            {
                forward.Headers.TryAddWithoutValidation(name, value.ToString());
            }

            using var answer = await recorder.moto.SendAsync(forward, context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await context.Response.WriteAsync(await answer.Content.ReadAsStringAsync(context.RequestAborted), context.RequestAborted);
        });
        await recorder.app.StartAsync();
        recorder.Url = new Uri(recorder.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        moto.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
