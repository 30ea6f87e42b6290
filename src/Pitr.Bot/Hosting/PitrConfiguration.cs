namespace Pitr.Bot.Hosting;

/// <summary>Where the bot reads its configuration: appsettings.json, then an optional <c>--config</c> file, then <c>Pitr__...</c> environment variables.</summary>
internal static class PitrConfiguration
{
    public static void AddPitrSources(this IConfigurationBuilder configuration, string? configFile)
    {
        if (configFile is not null)
        {
            configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables();
    }
}
