using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Common.Behaviours;

/// <summary>
/// First in the pipeline: logs each message with its sender (a user id, "anonymous" or "system"), duration and
/// outcome. Background work (the system) logs successes at Debug: the minutely outbox sweep would drown the log.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var sender = currentUser.Id?.ToString() ?? (currentUser.IsSystem ? "system" : "anonymous");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (currentUser.IsSystem)
                LogHandledBySystem(logger, name, elapsedMs);
            else
                LogHandled(logger, name, sender, elapsedMs);
            return response;
        }
        catch (Exception ex)
        {
            LogFailed(logger, name, sender, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} by {UserId} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string message, string userId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} by system handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandledBySystem(ILogger logger, string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} by {UserId} failed after {ElapsedMs:0.0} ms: {Error}: {Detail}")]
    private static partial void LogFailed(ILogger logger, string message, string userId, double elapsedMs, string error, string detail);
}
