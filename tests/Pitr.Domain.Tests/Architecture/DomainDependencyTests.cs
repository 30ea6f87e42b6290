using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Tests.Architecture;

public sealed class DomainDependencyTests
{
    [Fact]
    public void References_only_the_state_machine_and_mediator_abstractions()
    {
        var references = typeof(Recovery).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib")
            .Order()
            .ToList();

        // The Mediator.Abstractions package ships the assembly "Mediator"; the source generator stays with the host.
        Assert.Equal(["Mediator", "Stateless"], references);
    }

    [Fact]
    public void Declares_no_project_reference_and_only_its_two_packages()
    {
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Pitr.Domain", "Pitr.Domain.csproj"));

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Equal(["Mediator.Abstractions", "Stateless"], project.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).Order());
    }

    [Fact]
    public void Matches_the_committed_state_diagram()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "recovery-states.md"));

        Assert.Contains(Recovery.StateDiagram().Trim(), committed, StringComparison.Ordinal);
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
}
