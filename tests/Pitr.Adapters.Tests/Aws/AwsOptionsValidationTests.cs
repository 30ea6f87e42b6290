using Microsoft.Extensions.Options;

namespace Pitr.Adapters.Tests.Aws;

public sealed class AwsOptionsValidationTests
{
    [Fact]
    public async Task Start_fails_naming_the_missing_settings_when_region_and_source_are_unset()
    {
        await using var adapters = new AwsAdapters(new Dictionary<string, string?> { ["Pitr:Databases:orders:Engine"] = "rds-cluster" });

        var error = Assert.Throws<OptionsValidationException>(() => adapters.Restorer);

        Assert.Contains("Region is required", error.Message);
        Assert.Contains("SourceIdentifier is required", error.Message);
    }

    [Fact]
    public async Task Start_fails_naming_the_missing_secret_when_the_secret_id_is_unset()
    {
        await using var adapters = new AwsAdapters(new Dictionary<string, string?>
        {
            ["Pitr:Databases:orders:Secret:Store"] = "aws-secretsmanager",
            ["Pitr:Databases:orders:Secret:SecretsManager:Region"] = "eu-west-1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => adapters.Secrets);

        Assert.Contains("SecretId is required", error.Message);
    }
}
