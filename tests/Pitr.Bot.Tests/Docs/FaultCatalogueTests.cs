using System.Text.RegularExpressions;

namespace Pitr.Bot.Tests.Docs;

/// <summary>docs/faults.md names the test that proves each fault: every name must be a real test, and the count must be right.</summary>
public sealed partial class FaultCatalogueTests
{
    [Fact]
    public void Names_only_tests_that_exist()
    {
        var root = RepositoryRoot();
        var catalogue = File.ReadAllText(Path.Combine(root, "docs", "faults.md"));
        var sources = Directory.GetFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);

        var missing = TestName().Matches(catalogue)
            .Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value))
            .Where(t => t.Method != "*" && !(sources.TryGetValue(t.Class, out var source) && source.Contains($" {t.Method}", StringComparison.Ordinal)))
            .Select(t => $"{t.Class}.{t.Method}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void States_the_count_of_the_faults_it_lists()
    {
        var catalogue = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "faults.md"));
        var rows = FaultRow().Count(catalogue);

        Assert.Contains($"**Faults survived: {rows} of {rows}.**", catalogue, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pitr.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Pitr.sln not found above the test output.");
    }

    // `ClassName.Method_name` (optionally followed by (case) or …), or `ClassName.*`.
    [GeneratedRegex(@"`([A-Z][A-Za-z]+)\.([A-Za-z_0-9]+|\*)")]
    private static partial Regex TestName();

    [GeneratedRegex(@"^\| \d+ \|", RegexOptions.Multiline)]
    private static partial Regex FaultRow();
}
