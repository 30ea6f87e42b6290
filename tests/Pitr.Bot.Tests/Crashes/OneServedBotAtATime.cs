namespace Pitr.Bot.Tests.Crashes;

/// <summary>Tests that run the real <c>pitr serve</c> over a large base backup run one at a time: on two cores, together they would time each other out.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OneServedBotAtATime
{
    public const string Name = "Real pitr serve";
}
