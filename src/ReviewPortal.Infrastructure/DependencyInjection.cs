using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.Infrastructure.Identity;
using ReviewPortal.Infrastructure.Jobs;
using ReviewPortal.Infrastructure.Mail;
using ReviewPortal.Infrastructure.Seed;

namespace ReviewPortal.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "ReviewPortal";
    public const string MigrationsAssembly = "ReviewPortal.Migrations";

    public static DbContextOptionsBuilder ConfigureNpgsql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsAssembly(MigrationsAssembly);
            // Retries transient failures, but not a refused connection: that answers 503 at once (DatabaseOutage).
            npgsql.ExecutionStrategy(d => new OutageAwareExecutionStrategy(d));
            npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery);
        });

    /// <summary>
    /// The app's own connections (not Hangfire's, which LISTEN): statements EF sends again and again are prepared
    /// once per connection (PostgreSQL then skips parsing and planning), and a connection returned to the pool is not
    /// reset with DISCARD ALL before its next use: the app keeps no session state (its advisory locks end with the
    /// transaction). Settings given in the configured connection string win.
    /// </summary>
    public static string ForRequests(string connectionString)
    {
        // The plain builder holds only the keys the string names (Npgsql's knows every keyword).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Database, Identity, data protection, mail and background jobs.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddSingleton<NavigationInvalidation>();
        services.AddSingleton<DataChangeCounter>();
        services.AddSingleton<DataChangeInterceptor>();
        // Pooled: a request leases a context instead of building one and its options.
        var requestConnections = ForRequests(connectionString);
        services.AddDbContextPool<ApplicationDbContext>((sp, o) =>
            ConfigureNpgsql(o, requestConnections).AddInterceptors(
                sp.GetRequiredService<NavigationInvalidation>(), sp.GetRequiredService<DataChangeInterceptor>()));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false; // length over composition rules (NIST SP 800-63B)
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<EnumerationSafeSignInManager>();
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddScoped<ApiTokenAuthenticator>();

        // Keys in PostgreSQL: every app node reads the same keys, so cookies work behind a load balancer.
        services.AddDataProtection()
            .SetApplicationName("ReviewPortal")
            .PersistKeysToDbContext<ApplicationDbContext>();
        services.AddSingleton<IConfirmationTokens, Decisions.ConfirmationTokens>();

        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>();
            return options.Value.UsesSmtp
                ? new SmtpMailTransport(options)
                : new PickupDirectoryMailTransport(options);
        });

        AddJobs(services, configuration, connectionString);
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<DemoStages>();
        return services;
    }

    private static void AddJobs(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));

        // Storage and filters are this host's own (not Hangfire's static globals), so several hosts can share a process.
        var storageOptions = StorageOptions(jobs);
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, storageOptions),
            storageOptions));
        // Hangfire keeps some state in statics (log provider, activator). Registering these per host means each
        // host's server activates jobs from its own container, even when several hosts share a process (tests).
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(new HangfireLogProvider(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
            return new ConfiguredRetryFilterProvider(mail.EffectiveRetryDelaysSeconds);
        });
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<Hangfire.Client.IBackgroundJobFactory>(sp => new Hangfire.Client.BackgroundJobFactory(sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<Hangfire.States.IBackgroundJobStateChanger>(sp => new Hangfire.States.BackgroundJobStateChanger(sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<Hangfire.Server.IBackgroundJobPerformer>(sp => new Hangfire.Server.BackgroundJobPerformer(
            sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<JobActivator>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));
        if (jobs.RunServer)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = jobs.WorkerCount;
                options.Queues = ["mail", "default"];
                options.SchedulePollingInterval = TimeSpan.FromSeconds(jobs.SchedulePollingIntervalSeconds);
            });
        }

        services.AddScoped<IOutboxNotifier, HangfireOutboxNotifier>();
        services.AddScoped<IAssignmentRunQueue, HangfireAssignmentRunQueue>();
        services.AddScoped<ITimetableRunQueue, HangfireTimetableRunQueue>();
    }

    // Long polling: a queued job starts within a moment instead of after the 15 s poll. The invisibility timeout
    // frees the jobs of a killed node; sliding keeps a live node's long job invisible.
    private static PostgreSqlStorageOptions StorageOptions(JobsOptions jobs) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(15),
        InvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
        UseSlidingInvisibilityTimeout = true,
        // A lock row left behind when PostgreSQL restarts mid-state-change blocks that job's worker until the lock
        // times out (default 10 min, with the job shown "Processing"); Hangfire's own locks are held for moments.
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };
}
