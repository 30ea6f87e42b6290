using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Pitr.Bot.Tests.Alerts;

/// <summary>Posts that are not Alertmanager's, or not from it, change nothing.</summary>
public sealed class AlertEndpointRefusalTests : IAsyncLifetime
{
    private readonly string store = Path.Combine(Path.GetTempPath(), $"pitr-alerts-{Guid.NewGuid():N}.db");
    private readonly RecordingIncidentChannel channel = new();
    private readonly HttpClient http = new();
    private AlertIntakeHost bot = null!;

    public async ValueTask InitializeAsync()
    {
        bot = new AlertIntakeHost(store, channel);
        await bot.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await bot.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(store)!, Path.GetFileName(store) + "*"))
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer ")]
    public async Task Unauthorized_and_nothing_posted_when_the_token_is_missing_or_wrong(string? authorization)
    {
        using var response = await PostAsync(Notification().ToJsonString(), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(channel.Posted);
        Assert.Empty(bot.Claims);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"version":"3"}""")]
    public async Task Bad_request_and_nothing_posted_when_the_body_is_not_a_notification(string body)
    {
        using var response = await PostAsync(body, $"Bearer {AlertIntakeHost.Token}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(channel.Posted);
    }

    [Theory]
    [InlineData("version", "3")]
    [InlineData("status", "burning")]
    [InlineData("groupKey", "")]
    [InlineData("alerts", null)]
    [InlineData("commonLabels", null)]
    [InlineData("alerts.0.startsAt", "2026-11-23 22:31:00")]
    [InlineData("alerts.0.startsAt", "yesterday")]
    [InlineData("alerts.0.labels", null)]
    [InlineData("alerts.0.status", null)]
    public async Task Bad_request_naming_the_field_when_a_notification_field_is_wrong(string field, string? value)
    {
        var notification = Notification();
        var parts = field.Split('.');
        var parent = parts.Length == 1 ? notification : notification[parts[0]]![int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)]!.AsObject();
        if (value is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = value;
        }

        using var response = await PostAsync(notification.ToJsonString(), $"Bearer {AlertIntakeHost.Token}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(parts[^1], await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(channel.Posted);
    }

    [Fact]
    public async Task Bad_request_when_the_body_is_not_json()
    {
        using var response = await PostAsync(Notification().ToJsonString(), $"Bearer {AlertIntakeHost.Token}", "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(channel.Posted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Payload_too_large_and_nothing_posted_when_the_body_is_3_mb(bool declaresItsLength)
    {
        var notification = Notification();
        notification["commonAnnotations"]!["description"] = new string('x', 3 << 20);
        var bytes = Encoding.UTF8.GetBytes(notification.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.Url, "alerts/alertmanager"))
        {
            // Without a declared length the body is sent chunked, and only reading it finds out how large it is.
            Content = declaresItsLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {AlertIntakeHost.Token}");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(channel.Posted);
        Assert.Empty(bot.Claims);
    }

    [Fact]
    public async Task Posted_when_the_same_notification_is_well_formed_and_authenticated()
    {
        using var response = await PostAsync(Notification().ToJsonString(), $"Bearer {AlertIntakeHost.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Posted\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var card = Assert.Single(channel.Posted).Card;
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 22, 29, 0, TimeSpan.Zero), card.SuggestedTarget);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? authorization, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.Url, "alerts/alertmanager"))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A notification as Alertmanager 0.25 writes it (nanosecond times, zero end time while firing).</summary>
    private static JsonObject Notification() => JsonNode.Parse("""
        {
          "receiver": "pitr",
          "status": "firing",
          "alerts": [{
            "status": "firing",
            "labels": { "alertname": "DataCorruptionSuspected", "database": "orders", "severity": "critical" },
            "annotations": { "summary": "Rows vanished from public.orders" },
            "startsAt": "2026-11-23T22:31:00.123456789Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph",
            "fingerprint": "4f1d2b0c9a7e6d5c"
          }],
          "groupLabels": { "alertname": "DataCorruptionSuspected", "database": "orders" },
          "commonLabels": { "alertname": "DataCorruptionSuspected", "database": "orders", "severity": "critical" },
          "commonAnnotations": { "summary": "Rows vanished from public.orders" },
          "externalURL": "http://alertmanager:9093",
          "version": "4",
          "groupKey": "{}:{alertname=\"DataCorruptionSuspected\", database=\"orders\"}",
          "truncatedAlerts": 0
        }
        """)!.AsObject();
}

/// <summary>A stream that cannot say how long it is, so that HttpClient sends it chunked.</summary>
file sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
