using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>deploy/iam-policy.json allows exactly the RDS, Secrets Manager, CloudWatch Logs and CloudWatch calls the adapters make: no fewer, no more.</summary>
public sealed partial class IamPolicyTests
{
    [Fact]
    public void Policy_allows_exactly_the_aws_calls_the_adapters_make()
    {
        var root = RepositoryRoot();
        string Source(string folder) => string.Concat(Directory.GetFiles(Path.Combine(root, "src", "Pitr.Adapters", "Aws", folder), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var made = RdsCalls().Matches(Source("Rds")).Select(m => "rds:" + m.Groups["action"].Value)
            .Concat(JsonCalls().Matches(Source("SecretsManager")).Select(m => "secretsmanager:" + m.Groups["action"].Value))
            .Concat(JsonCalls().Matches(Source("Logs")).Select(m => "logs:" + m.Groups["action"].Value))
            .Concat(QueryCalls().Matches(Source("CloudWatch")).Select(m => "cloudwatch:" + m.Groups["action"].Value))
            .ToHashSet(StringComparer.Ordinal);

        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "deploy", "iam-policy.json")))!;
        var allowed = policy["Statement"]!.AsArray()
            .SelectMany(s => Actions(s!))
            .Where(a => a.StartsWith("rds:", StringComparison.Ordinal) || a.StartsWith("secretsmanager:", StringComparison.Ordinal) || a.StartsWith("logs:", StringComparison.Ordinal) || a.StartsWith("cloudwatch:", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(made.Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Modify_and_delete_are_allowed_only_on_pitr_databases_tagged_as_the_bots()
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "iam-policy.json")))!;
        var changing = policy["Statement"]!.AsArray()
            .Where(s => Actions(s!).Any(a => a.StartsWith("rds:Modify", StringComparison.Ordinal) || a.StartsWith("rds:Delete", StringComparison.Ordinal)))
            .ToList();

        var statement = Assert.Single(changing)!;
        Assert.Equal(["arn:aws:rds:*:*:cluster:pitr-*", "arn:aws:rds:*:*:db:pitr-*"], statement["Resource"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("true", statement["Condition"]?["StringEquals"]?["aws:ResourceTag/pitr:managed"]?.GetValue<string>());
    }

    /// <summary><c>new RdsForm("X")</c>, and the modify calls named to the follow-up settings and to re-protection.</summary>
    [GeneratedRegex("""(?:RdsForm\(|RdsProtected\(|ApplyAsync\(rds, )"(?<action>[A-Z][A-Za-z]+)"[,)]""")]
    private static partial Regex RdsCalls();

    [GeneratedRegex("""CallAsync\("(?<action>[A-Z][A-Za-z]+)",""")]
    private static partial Regex JsonCalls();

    [GeneratedRegex("""SendAsync\("(?<action>[A-Z][A-Za-z]+)",""")]
    private static partial Regex QueryCalls();

    private static IEnumerable<string> Actions(JsonNode statement) =>
        statement["Action"] is JsonArray actions ? actions.Select(a => a!.GetValue<string>()) : [statement["Action"]!.GetValue<string>()];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pitr.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Pitr.sln not found above the test output.");
    }
}
