using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Aws;

/// <summary>Where and how an AWS client talks to its service; shared by every AWS adapter's options.</summary>
public abstract class AwsClientOptions
{
    /// <summary>The AWS region, e.g. <c>eu-west-1</c>.</summary>
    [Required(ErrorMessage = "Region is required (e.g. eu-west-1).")]
    public string Region { get; set; } = "";

    /// <summary>Overrides the service URL (a VPC endpoint, or a local stand-in). Otherwise the service's
    /// <c>AWS_ENDPOINT_URL_*</c> variable, otherwise the public regional endpoint.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Attempts per call, the first included; only throttling, 5xx and timeouts are retried.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry waits about this long; each later one about twice as long, jittered.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may take before it counts as a timeout and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
