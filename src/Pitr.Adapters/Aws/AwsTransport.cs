using System.Net;
using Microsoft.Extensions.Logging;

namespace Pitr.Adapters.Aws;

/// <summary>
/// Sends one AWS call with retries. Each attempt builds a new request, so the signing handler below
/// signs it afresh; the protocol (Query or JSON) supplies the fault parser.
/// </summary>
internal sealed partial class AwsTransport(
    IHttpClientFactory httpClients,
    string clientName,
    AwsClientOptions options,
    AwsService service,
    Func<HttpStatusCode, string, AwsFault> parseFault,
    TimeProvider time,
    ILogger logger)
{
    public Uri Endpoint { get; } = AwsEndpoints.Resolve(options, service);

    /// <returns>The body of the successful answer.</returns>
    /// <exception cref="AwsApiException">the call failed with a client fault, or kept failing.</exception>
    public async Task<string> SendAsync(string action, Func<Uri, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var iamAction = $"{service.IamPrefix}:{action}";
        var http = httpClients.CreateClient(clientName);
        for (var attempt = 1; ; attempt++)
        {
            AwsFault fault;
            Exception? transportError = null;
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptTimeout.CancelAfter(options.AttemptTimeout);
                try
                {
                    using var request = build(Endpoint);
                    using var response = await http.SendAsync(request, attemptTimeout.Token);
                    var body = await response.Content.ReadAsStringAsync(attemptTimeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return body;
                    }

                    fault = parseFault(response.StatusCode, body);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    transportError = e;
                    fault = new AwsFault("Transport", $"no answer within {options.AttemptTimeout.TotalSeconds:0.#} s", null);
                }
                catch (HttpRequestException e)
                {
                    transportError = e;
                    fault = new AwsFault("Transport", e.Message, null);
                }
            }

            if (!AwsRetryRules.IsRetryable(fault) || attempt >= options.MaxAttempts)
            {
                throw new AwsApiException(fault, iamAction, attempt, transportError);
            }

            var delay = AwsRetryRules.Backoff(options, attempt);
            LogRetry(logger, iamAction, fault.Code, (int?)fault.Status, attempt, options.MaxAttempts, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AWS {Action} failed with {Code} (HTTP {Status}); attempt {Attempt} of {MaxAttempts}, retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string action, string code, int? status, int attempt, int maxAttempts, int delayMs);
}
