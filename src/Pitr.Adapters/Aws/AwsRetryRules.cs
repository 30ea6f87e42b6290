using System.Net;

namespace Pitr.Adapters.Aws;

/// <summary>What is worth retrying: throttling, server errors and timeouts. A client fault is final.</summary>
internal static class AwsRetryRules
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "PriorRequestNotComplete",
        "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "EC2ThrottledException",
    };

    public static bool IsThrottling(string code) => ThrottlingCodes.Contains(code);

    public static bool IsRetryable(AwsFault fault) =>
        fault.Status is null
        || (int)fault.Status >= 500
        || fault.Status == HttpStatusCode.TooManyRequests
        || IsThrottling(fault.Code);

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out.</summary>
    public static TimeSpan Backoff(AwsClientOptions options, int failedAttempts)
    {
        var step = Math.Min(options.RetryMaxDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failedAttempts - 1));
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
#pragma warning restore CA5394
    }
}
