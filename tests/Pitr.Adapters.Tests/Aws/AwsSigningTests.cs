using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Pitr.Adapters.Tests.Aws;

public sealed class AwsSigningTests
{
    [Fact]
    public void Reference_computation_reproduces_the_get_vanilla_vector()
    {
        var signature = SigV4Reference.Signature(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "GET", "/", "",
            new Dictionary<string, string> { ["host"] = "example.amazonaws.com", ["x-amz-date"] = "20150830T123600Z" },
            ["host", "x-amz-date"], "", "20150830T123600Z", "us-east-1", "service");

        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }

    [Fact]
    public async Task Sdk_signer_signs_the_get_vanilla_request_as_the_reference_does()
    {
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = new Uri("https://example.amazonaws.com/") };
        var parameters = new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            Region = RegionEndpoint.USEast1,
            Service = "service",
            SignedAt = new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc),
        };

        var result = await AWSSigV4Signer.SignAsync(request, parameters, TestContext.Current.CancellationToken);

        var headers = result.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
        headers["host"] = "example.amazonaws.com";
        var (credential, signedHeaders, signature) = SigV4Reference.Parse(headers["authorization"]);
        Assert.Equal("AKIDEXAMPLE/20150830/us-east-1/service/aws4_request", credential);
        Assert.Equal("20150830T123600Z", headers["x-amz-date"]);
        Assert.Equal(
            SigV4Reference.Signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "GET", "/", "", headers, signedHeaders, "", "20150830T123600Z", "us-east-1", "service"),
            signature);
    }

    [Fact]
    public async Task Rds_request_carries_a_signature_an_independent_computation_reproduces()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, _) => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        await adapters.Restorer.GetRestorableWindowAsync(TestContext.Current.CancellationToken);

        var request = Assert.Single(standIn.Requests);
        var (credential, signedHeaders, signature) = SigV4Reference.Parse(request.Headers["authorization"]);
        var amzDate = request.Headers["x-amz-date"];
        Assert.Equal($"{AwsTestCredentials.AccessKeyId}/{amzDate[..8]}/us-east-1/rds/aws4_request", credential);
        Assert.Contains("host", signedHeaders);
        Assert.Contains("x-amz-date", signedHeaders);
        Assert.Equal(
            SigV4Reference.Signature(AwsTestCredentials.SecretAccessKey, request.Method, request.Path, request.Query, request.Headers, signedHeaders, request.Body, amzDate, "us-east-1", "rds"),
            signature);
    }

    [Fact]
    public async Task Secrets_manager_request_is_signed_json_1_1_with_its_target_when_read()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, _) => new StandInAnswer(200,
            """{"ARN":"arn:aws:secretsmanager:us-east-1:1:secret:app","Name":"app","VersionId":"v1","SecretString":"{\"host\":\"db\",\"port\":5432}","VersionStages":["AWSCURRENT"]}""",
            "application/x-amz-json-1.1"));
        await using var adapters = new AwsAdapters(AwsAdapters.SecretsManager(standIn.Url, "app"));

        await adapters.Secrets.PointAtAsync(new Pitr.Domain.Ports.DatabaseEndpoint("db", "db", 5432, "orders"), TestContext.Current.CancellationToken);

        var request = standIn.Requests[0];
        Assert.Equal("secretsmanager.GetSecretValue", request.Headers["x-amz-target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["content-type"]);
        Assert.Equal("""{"SecretId":"app","VersionStage":"AWSCURRENT"}""", request.Body);
        var (credential, signedHeaders, signature) = SigV4Reference.Parse(request.Headers["authorization"]);
        Assert.EndsWith("/us-east-1/secretsmanager/aws4_request", credential);
        Assert.Contains("x-amz-target", signedHeaders);
        Assert.Equal(
            SigV4Reference.Signature(AwsTestCredentials.SecretAccessKey, request.Method, request.Path, request.Query, request.Headers, signedHeaders, request.Body, request.Headers["x-amz-date"], "us-east-1", "secretsmanager"),
            signature);
    }
}
