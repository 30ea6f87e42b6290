using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Aws;

/// <summary>Where and how an AWS client talks to its service; shared by every AWS adapter's options.</summary>
public abstract class AwsClientOptions
{
    /// <summary>The AWS region, e.g. <c>eu-west-1</c>. Unset: the database's <c>Aws:Region</c>, else <c>AWS_REGION</c> /
    /// <c>AWS_DEFAULT_REGION</c>, else the profile's region.</summary>
    [Required(ErrorMessage = "required, and found nowhere: set it here, once for the database as Aws:Region, or through AWS_REGION or the profile (e.g. eu-west-1).")]
    public string Region { get; set; } = "";

    /// <summary>Overrides the service URL (a VPC endpoint, or a local stand-in). Otherwise the service's
    /// <c>AWS_ENDPOINT_URL_*</c> variable, then <c>AWS_ENDPOINT_URL</c>, otherwise the public regional endpoint.</summary>
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
