using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>
/// Keeps what our code (categories under <c>PrivateLending.</c>) logs at Information or above: each entry's category,
/// level, template, text and named values.
/// </summary>
public sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    /// <summary>Everything logged so far, oldest first.</summary>
    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record LogLine(string Category, LogLevel Level, string Template, string Text, IReadOnlyDictionary<string, object?> Values);

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || !category.StartsWith("PrivateLending.", StringComparison.Ordinal)
                || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            var named = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            var template = named.TryGetValue("{OriginalFormat}", out var format) ? format as string ?? "" : "";
            sink._lines.Enqueue(new LogLine(category, logLevel, template, formatter(state, exception), named));
        }
    }
}
