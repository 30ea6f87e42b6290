using System.CommandLine;
using Microsoft.Extensions.Options;
using Pitr.Bot.Cli;

try
{
    return await PitrCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException e)
{
    // A configuration mistake is the operator's to fix: say what is wrong, not where it was noticed.
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(Environment.NewLine + "Configuration error: ", e.Failures));
    return 2;
}
