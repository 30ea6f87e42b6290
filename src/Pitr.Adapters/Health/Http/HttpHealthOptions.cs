using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Health.Http;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Health:Http</c>: plain HTTP endpoints that must answer as expected after the restart.</summary>
public sealed class HttpHealthOptions : IValidatableObject
{
    public IList<HttpHealthCheck> Checks { get; init; } = [];

    /// <summary>How long every check must stay healthy before the service counts as recovered.</summary>
    public TimeSpan StablePeriod { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Checks.Count == 0)
        {
            yield return new ValidationResult("Health:Http:Checks is empty: give at least one {Name, Url}, or set Health:Probe to none.");
        }

        foreach (var (check, index) in Checks.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(check.Name) || check.Url is not { IsAbsoluteUri: true })
            {
                yield return new ValidationResult($"Health:Http:Checks:{index} needs a Name and an absolute Url.");
            }
        }

        if (Interval <= TimeSpan.Zero || StablePeriod < TimeSpan.Zero)
        {
            yield return new ValidationResult("Health:Http:Interval must be positive and StablePeriod not negative.");
        }
    }
}

public sealed class HttpHealthCheck
{
    public string Name { get; set; } = string.Empty;

    public Uri? Url { get; set; }

    public int ExpectStatus { get; set; } = 200;

    /// <summary>Text the body must contain, when set.</summary>
    public string? BodyContains { get; set; }
}
