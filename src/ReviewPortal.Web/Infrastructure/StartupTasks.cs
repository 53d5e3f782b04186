using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.Infrastructure.Jobs;
using ReviewPortal.Infrastructure.Mail;
using ReviewPortal.Infrastructure.Seed;
using Hangfire;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>What happens before the app takes requests: migrations, demo data, recurring jobs; and the start-up banner.</summary>
internal static class StartupTasks
{
    public static async Task InitialiseAsync(WebApplication app)
    {
        var configuration = app.Configuration;
        using var scope = app.Services.CreateScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ReviewPortal.Startup");

        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await db.Database.MigrateAsync();
            logger.LogInformation("Database migrated");
        }

        await GrantConfiguredAdminsAsync(scope.ServiceProvider, configuration.GetSection("App:AdminEmails").Get<string[]>() ?? [], logger);

        var logins = new List<DemoLogin>();
        if (configuration.GetValue("Seed:DemoData", false))
        {
            var file = DemoLoginsFile(configuration, app.Environment);
            var known = ReadDemoLogins(file);
            var changed = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(known.Select(l => l.Email).ToHashSet(StringComparer.Ordinal), configuration.GetValue("Seed:DemoStage", DemoStage.Cfp));
            logins = RememberDemoLogins(file, known, changed);
        }

        if (configuration.GetValue("Jobs:RunServer", true))
        {
            var recurring = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
            recurring.AddOrUpdate<OutboxSweepJob>(OutboxSweepJob.Id, j => j.SweepAsync(CancellationToken.None), Cron.Minutely());
            recurring.AddOrUpdate<AssignmentRunSweepJob>(AssignmentRunSweepJob.Id, j => j.SweepAsync(CancellationToken.None), Cron.Minutely());
            recurring.AddOrUpdate<TimetableRunSweepJob>(TimetableRunSweepJob.Id, j => j.SweepAsync(CancellationToken.None), Cron.Minutely());
            recurring.AddOrUpdate<OutboxPurgeJob>(OutboxPurgeJob.Id, j => j.PurgeAsync(CancellationToken.None), Cron.Daily(3));
            recurring.AddOrUpdate<DiscussionDigestJob>(DiscussionDigestJob.Id, j => j.SendAsync(CancellationToken.None), DiscussionDigestJob.Schedule);
            recurring.AddOrUpdate<ReviewReminderJob>(ReviewReminderJob.Id, j => j.SendAsync(CancellationToken.None), Cron.Hourly());
            recurring.AddOrUpdate<ConfirmationReminderJob>(ConfirmationReminderJob.Id, j => j.SendAsync(CancellationToken.None), Cron.Hourly());
        }

        var mail = scope.ServiceProvider.GetRequiredService<IOptions<MailOptions>>().Value;
        if (!mail.UsesSmtp)
            logger.LogWarning("No SMTP server configured (Mail:Smtp:Host): mail is written as .eml files under {Directory}", mail.PickupDirectory);

        var demoLoginsFile = DemoLoginsFile(configuration, app.Environment);
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, logins, demoLoginsFile));
    }

    /// <summary>"roles, name, e-mail, password" per line (tab-separated) for every demo account.</summary>
    private static string DemoLoginsFile(IConfiguration configuration, IWebHostEnvironment environment) =>
        Path.Combine(AppPaths.DataRoot(configuration, environment), "demo-logins.tsv");

    /// <summary>
    /// How a real deployment gets its first admin: list the e-mail in App:AdminEmails; once that account
    /// exists (registered and confirmed), the next start gives it the Admin role.
    /// </summary>
    private static async Task GrantConfiguredAdminsAsync(IServiceProvider services, string[] emails, ILogger logger)
    {
        var identity = services.GetRequiredService<IIdentityService>();
        foreach (var email in emails.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            if (await identity.FindByEmailAsync(email.Trim()) is not { EmailConfirmed: true } account)
            {
                logger.LogWarning("App:AdminEmails names {Email}, which has no confirmed account yet", email);
                continue;
            }

            if (await identity.AddToRoleAsync(account.UserId, Roles.Admin))
                logger.LogInformation("{Email} is now a site admin (App:AdminEmails)", email);
        }
    }

    /// <summary>Passwords exist only when an account is created, so they are kept (owner-only) to be shown on every start.</summary>
    private static List<DemoLogin> ReadDemoLogins(string file) => File.Exists(file)
        ? File.ReadAllLines(file).Select(l => l.Split('\t')).Where(p => p.Length == 4)
            .Select(p => new DemoLogin(p[0], p[1], p[2], p[3])).ToList()
        : [];

    private static List<DemoLogin> RememberDemoLogins(string file, List<DemoLogin> known, IReadOnlyList<DemoLogin> created)
    {
        // The four headline logins first (admin, chair, reviewer, speaker), then everyone else by role and name.
        var merged = known.Where(k => created.All(c => c.Email != k.Email)).Concat(created)
            .OrderBy(l => l.IsHeadline ? DemoLogin.HeadlineEmails.ToList().IndexOf(l.Email) : int.MaxValue)
            .ThenBy(l => Array.IndexOf(["admin", "chair", "reviewer", "speaker"], l.PrimaryRole))
            .ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        if (created.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllLines(file, merged.Select(l => $"{l.Roles}\t{l.Name}\t{l.Email}\t{l.Password}"));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return merged;
    }

    private static void PrintBanner(WebApplication app, List<DemoLogin> logins, string demoLoginsFile)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("ReviewPortal is running:");
        foreach (var address in addresses)
            text.AppendLine($"  {LinkBuilder.Browsable(address)}");
        if (logins.Count > 0)
        {
            text.AppendLine("Demo logins (LPC 2023 eBPF & Networking track):");
            foreach (var l in logins.Where(l => l.IsHeadline))
                text.AppendLine($"  {l.PrimaryRole,-9} {l.Email,-40} {l.Password}   ({l.Name})");
            if (logins.Count(l => !l.IsHeadline) is var more and > 0)
                text.AppendLine($"  … and {more} more (every committee member and speaker) in {demoLoginsFile}");
        }

        text.AppendLine("Stop with Ctrl+C.");
        Console.WriteLine(text.ToString());
    }
}
