using Mediator;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Composition;

/// <summary>Everything logged while a request about one recovery is handled carries that recovery's id.</summary>
internal sealed class RecoveryLogScope<TMessage, TResponse>(ILogger<RecoveryLogScope<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IRecoveryMessage about)
        {
            return await next(message, cancellationToken);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RecoveryId"] = about.RecoveryId });
        return await next(message, cancellationToken);
    }
}
