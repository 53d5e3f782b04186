using Hangfire;
using Mediator;
using ReviewPortal.Application.Features.Confirmations;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Recurring job (hourly): reminders to confirm accepted talks at the track's points before the confirmation deadline.</summary>
public sealed class ConfirmationReminderJob(IMediator mediator)
{
    public const string Id = "confirmation-reminders";

    [JobDisplayName("Send confirmation reminders")]
    [QuietWhenIdle]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> SendAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new SendConfirmationReminders(), cancellationToken);
}
