using ReviewPortal.Bench;

// Performance benches for DESIGN.md's "Ambition, in numbers"; see docs/benchmarks.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (BenchHost.BuildConfiguration != "Release" && !(options.Mode == "assignment" && options.AssignmentChild))
    Console.WriteLine($"Warning: this bench and the app are a {BenchHost.BuildConfiguration} build; measure with -c Release.");

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop the measurement but let the finally blocks stop the app and the cluster.
    e.Cancel = true;
    cancel.Cancel();
};

if (options.Mode != "assignment" || !options.AssignmentChild)
    Console.WriteLine($"Machine      {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
try
{
    var passed = options.Mode switch
    {
        "rush" => await DeadlineRush.RunAsync(options, cancel.Token),
        "page" => await PageLoad.RunAsync(options, cancel.Token),
        "schedule-http" => await ScheduleLoad.RunAsync(options, cancel.Token),
        "signed-in" => await SignedInLoad.RunAsync(options, cancel.Token),
        "faults" => await FaultRun.RunAsync(options, cancel.Token),
        "assignment" => await AssignmentBench.RunAsync(options, args, cancel.Token),
        "assignment-e2e" => await AssignmentEndToEnd.RunAsync(options, cancel.Token),
        "timetable" => await TimetableBench.RunAsync(options, cancel.Token),
        _ => throw new InvalidOperationException(options.Mode),
    };
    return passed ? 0 : 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"The bench could not run: {ex}");
    return 3;
}
