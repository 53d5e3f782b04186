using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Common.Behaviours;

/// <summary>
/// First in the pipeline: logs each message with its sender (a user id, "anonymous" or "system"), duration and
/// outcome. Background work (the system) logs successes at Debug: the minutely outbox sweep would drown the log.
/// So do successful queries: every page sends one or more, and a line per page read is a cost on every request
/// that says little; commands (changes) and every failure stay at Information.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (currentUser.IsSystem)
                LogHandledBySystem(logger, name, elapsedMs);
            else if (message is IBaseCommand)
                LogHandled(logger, name, Sender(), elapsedMs);
            else if (logger.IsEnabled(LogLevel.Debug)) // the sender's id is text made for the log: only when it is written
                LogQueryHandled(logger, name, Sender(), elapsedMs);
            return response;
        }
        catch (Exception ex)
        {
            LogFailed(logger, name, Sender(), Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name, ex.Message);
            throw;
        }
    }

    private string Sender() => currentUser.Id?.ToString() ?? (currentUser.IsSystem ? "system" : "anonymous");

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} by {UserId} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string message, string userId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} by {UserId} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogQueryHandled(ILogger logger, string message, string userId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} by system handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandledBySystem(ILogger logger, string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} by {UserId} failed after {ElapsedMs:0.0} ms: {Error}: {Detail}")]
    private static partial void LogFailed(ILogger logger, string message, string userId, double elapsedMs, string error, string detail);
}
