using Pitr.Bot.Cli;

return await PitrCli.Create(args).Parse(args).InvokeAsync();
