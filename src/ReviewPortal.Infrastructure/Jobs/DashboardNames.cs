using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.States;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>"Deliver 3 mails" in /jobs, instead of the job's method and a list of ids.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DeliverMailDisplayNameAttribute() : JobDisplayNameAttribute("Deliver mail")
{
    public override string Format(DashboardContext context, Job job)
    {
        var count = job.Args.Count > 0 && job.Args[0] is Guid[] ids ? ids.Length : 0;
        return count == 1 ? "Deliver 1 mail" : $"Deliver {count} mails";
    }
}

/// <summary>
/// A recurring job's run that found nothing to do (returned 0) ends in <see cref="IdleState"/> instead of Succeeded,
/// so the minutely sweep does not push the real work out of the dashboard's Succeeded list or count.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QuietWhenIdleAttribute : JobFilterAttribute, IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is SucceededState { Result: 0 or 0L })
            context.CandidateState = new IdleState();
    }
}

/// <summary>Final state without a handler: no list, no counter; the job expires like a succeeded one.</summary>
public sealed class IdleState : IState
{
    public const string StateName = "Nothing to do";

    public string Name => StateName;
    public string Reason => "The run found nothing to do";
    public bool IsFinal => true;
    public bool IgnoreJobLoadException => false;

    public Dictionary<string, string> SerializeData() => [];
}
