using System.CommandLine;

namespace Pitr.Bot.Cli;

/// <summary>Options every verb understands.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "A JSON configuration file, read after appsettings.json and before Pitr__... environment variables.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of the thread.",
        Recursive = true,
    };

    public static Option<string?> Database() => new("--db") { Description = "The configured database (default: Pitr:DefaultDatabase)." };
}
