using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pitr.Adapters.Configuration;

/// <summary>
/// Validates one database's options by their data annotations and says each failure with the full
/// configuration key (<c>Pitr:Databases:orders:Rds:Region: ...</c>), every failure at once.
/// </summary>
internal sealed class FullKeyValidation<TOptions>(string database, string sectionPath) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (!string.Equals(name, database, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r => r.MemberNames.FirstOrDefault() is { } member
            ? $"{sectionPath}:{member}: {r.ErrorMessage}"
            : $"{sectionPath}: {r.ErrorMessage}"));
    }
}
