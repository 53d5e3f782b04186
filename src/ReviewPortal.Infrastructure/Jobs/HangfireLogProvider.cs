using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>
/// Hangfire logs through a process-wide (static) provider. This one forwards to the host's ILoggerFactory and
/// stays silent instead of throwing once that factory is gone, which happens when several hosts share a
/// process (functional tests) and an earlier one has stopped.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory loggerFactory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new ForwardingLog(loggerFactory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : Hangfire.Logging.ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                    return _logger.IsEnabled(level);
                if (_logger.IsEnabled(level))
                    _logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => LogLevel.Trace,
            HangfireLogLevel.Debug => LogLevel.Debug,
            HangfireLogLevel.Info => LogLevel.Information,
            HangfireLogLevel.Warn => LogLevel.Warning,
            HangfireLogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
