using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress;

/// <summary>What a step came to: look again later, or an outcome to feed back to the recovery.</summary>
public abstract record StepResult
{
    public static StepResult Wait(TimeSpan delay) => new WaitFor(delay);

    public static StepResult Then(Func<Recovery, Task> outcome) => new Outcome(outcome);

    /// <summary>A change that moves no state (a request made) but belongs in the record.</summary>
    public static StepResult Then(Action<Recovery> change) => new Outcome(r =>
    {
        change(r);
        return Task.CompletedTask;
    });
}

public sealed record WaitFor(TimeSpan Delay) : StepResult;

public sealed record Outcome(Func<Recovery, Task> Apply) : StepResult;
