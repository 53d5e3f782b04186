namespace ReviewPortal.IntegrationTests.Infrastructure;

/// <summary>Waits for something background work makes true (a job ran), failing with a clear message if it does not happen.</summary>
public static class Eventually
{
    public static async Task<T> ThatAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await probe();
            if (done(last))
                return last;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}; last seen: {last}");
    }
}
