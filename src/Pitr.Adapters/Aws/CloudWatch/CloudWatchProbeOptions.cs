using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Aws.CloudWatch;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Health:CloudWatch</c>: alarms that must all be OK, for the stable period, after the restart.</summary>
public sealed class CloudWatchProbeOptions : AwsClientOptions, IValidatableObject
{
    public const string Section = "Health:CloudWatch";

    public IList<string> AlarmNames { get; init; } = [];

    /// <summary>Every alarm whose name starts with this, as well as the named ones.</summary>
    public string? AlarmNamePrefix { get; set; }

    public TimeSpan StablePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>CloudWatch evaluates alarms once a minute at best: asking more often than every few seconds gains nothing.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A CloudWatch dashboard to link in the thread and the report.</summary>
    public Uri? Dashboard { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AlarmNames.Count == 0 && string.IsNullOrWhiteSpace(AlarmNamePrefix))
        {
            yield return new ValidationResult("needs AlarmNames or an AlarmNamePrefix: the alarms that must be OK after the restart.", [nameof(AlarmNames)]);
        }

        if (Interval <= TimeSpan.Zero || StablePeriod < TimeSpan.Zero)
        {
            yield return new ValidationResult("Interval must be positive and StablePeriod not negative.", [nameof(Interval)]);
        }
    }
}
