using Pitr.Adapters.Aws;
using Pitr.Adapters.Aws.Rds;
using Pitr.Adapters.Aws.SecretsManager;

namespace Pitr.Adapters.Tests.Aws;

public sealed class AwsEndpointsTests
{
    [Fact]
    public void Regional_endpoint_is_used_when_nothing_overrides_it()
    {
        var options = new RdsOptions { Region = "eu-west-1" };

        Assert.Equal(new Uri("https://rds.eu-west-1.amazonaws.com/"), AwsEndpoints.Resolve(options, AwsService.Rds));
    }

    [Fact]
    public void Service_variable_overrides_the_regional_endpoint_and_the_option_overrides_both()
    {
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:4566");
        try
        {
            Assert.Equal(new Uri("http://127.0.0.1:4566/"), AwsEndpoints.Resolve(new SecretsManagerOptions { Region = "eu-west-1" }, AwsService.SecretsManager));
            Assert.Equal(new Uri("http://vpce.local/"), AwsEndpoints.Resolve(new SecretsManagerOptions { Region = "eu-west-1", ServiceUrl = new Uri("http://vpce.local/") }, AwsService.SecretsManager));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_SECRETS_MANAGER", null);
        }
    }

    [Fact]
    public void Global_variable_overrides_the_regional_endpoint_and_the_service_variable_overrides_it()
    {
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        try
        {
            Assert.Equal(new Uri("http://127.0.0.1:4566/"), AwsEndpoints.Resolve(new RdsOptions { Region = "eu-west-1" }, AwsService.Rds));
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_RDS", "http://127.0.0.1:5000");
            Assert.Equal(new Uri("http://127.0.0.1:5000/"), AwsEndpoints.Resolve(new RdsOptions { Region = "eu-west-1" }, AwsService.Rds));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", null);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_RDS", null);
        }
    }
}
