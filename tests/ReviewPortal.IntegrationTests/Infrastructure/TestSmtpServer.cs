using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ReviewPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package). It can refuse the next N messages with a
/// 554 "transaction failed", as a mail server that is having a bad moment would; accept the next N and then
/// drop the connection before its 250 reply (the client cannot know it was accepted); or stall the next N
/// until released (a delivery in flight, for killing the sender mid-delivery).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public TestSmtpServer()
    {
        Port = ReviewPortal.Infrastructure.Net.LoopbackPort.Free();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Messages accepted, in order.</summary>
    public IReadOnlyCollection<MimeMessage> Received => _store.Received.ToArray();

    /// <summary>How many delivery attempts were refused.</summary>
    public int Refused => _store.Refused;

    public void RefuseNext(int count) => _store.RefuseRemaining = count;

    /// <summary>The next <paramref name="count"/> messages are stored, then the connection is dropped instead of answering 250.</summary>
    public void AcceptThenDropNext(int count) => _store.DropRemaining = count;

    /// <summary>The next <paramref name="count"/> messages wait, unanswered, until <see cref="ReleaseStalled"/>; then they are refused.</summary>
    public void StallNext(int count) => _store.StallRemaining = count;

    /// <summary>How many messages are waiting in <see cref="StallNext"/> right now.</summary>
    public int Stalled => _store.Stalled;

    public void ReleaseStalled() => _store.Release();

    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = _store.Received.FirstOrDefault(match);
            if (found is not null)
                return found;
            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching mail arrived within {timeout}; {Refused} refused, {Received.Count} accepted.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }


    private sealed class Store : IMessageStore
    {
        private int _refuseRemaining;
        private int _refused;
        private int _dropRemaining;
        private int _stallRemaining;
        private int _stalled;
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int DropRemaining
        {
            set => Interlocked.Exchange(ref _dropRemaining, value);
        }

        public int StallRemaining
        {
            set => Interlocked.Exchange(ref _stallRemaining, value);
        }

        public int Stalled => Volatile.Read(ref _stalled);

        public void Release() => Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public ConcurrentQueue<MimeMessage> Received { get; } = new();
        public int Refused => _refused;

        public int RefuseRemaining
        {
            set => Interlocked.Exchange(ref _refuseRemaining, value);
        }

        public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _refuseRemaining) >= 0)
            {
                Interlocked.Increment(ref _refused);
                return SmtpResponse.TransactionFailed;
            }

            if (Interlocked.Decrement(ref _stallRemaining) >= 0)
            {
                Interlocked.Increment(ref _stalled);
                try
                {
                    await Volatile.Read(ref _release).Task.WaitAsync(cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _stalled);
                }

                return SmtpResponse.TransactionFailed;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            // The mail is kept, but the connection closes before the 250 reply (the session then faults).
            if (Interlocked.Decrement(ref _dropRemaining) >= 0)
            {
                (context.Pipe as IDisposable)?.Dispose();
                throw new IOException("Test SMTP server: connection dropped after accepting the mail.");
            }
            return SmtpResponse.Ok;
        }
    }
}
