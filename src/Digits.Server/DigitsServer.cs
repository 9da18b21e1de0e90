using System.Text.Json;
using Digits.Core.Models;
using Digits.Inference;
using Digits.Server.Api;
using Digits.Feedback;
using Digits.Server.Errors;
using Digits.Server.Feedback;
using Digits.Server.Limits;
using Digits.Server.Monitoring;
using Digits.Server.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.FileProviders;
using Prometheus;

namespace Digits.Server;

/// <summary>Composes the web application: the API, its documentation, health, metrics and the page.</summary>
public static class DigitsServer
{
    /// <summary>Form fields a client may send beside the images of a batch.</summary>
    public const int FormFieldsBesideImages = 16;

    public static WebApplication Build(ServerOptions options)
    {
        var models = new ModelRegistry(options.ModelsDirectory, options.DefaultModel, options.PreferInt8);
        var warmup = StartupWarmup.Start(models);
        var feedbackStore = OpenFeedbackStore(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes * BodySizeLimit.BackstopFactor;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = options.MaxBodyBytes;
            // The form reader stops at this many fields, so that a batch of thousands of files costs nothing before it is refused.
            form.ValueCountLimit = options.MaxBatchImages + FormFieldsBesideImages;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json => json.JsonWriterOptions = new JsonWriterOptions { Indented = false });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Start-up failures (a port in use) reach the user as one clear line from the command instead, and the
        // command prints where it listens itself.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.Information);
        builder.Services.AddHttpLogging(logging =>
        {
            logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery
                                    | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            logging.CombineLogs = true;
        });

        var metricsRegistry = Prometheus.Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(metricsRegistry);
        // Registered through factories so that the container still disposes them.
        builder.Services.AddSingleton(_ => models);
        builder.Services.AddSingleton(_ => warmup);
        builder.Services.AddSingleton(_ => new InferenceEngine(options.Engine));
        builder.Services.AddSingleton<DigitPredictor>();
        builder.Services.AddSingleton<PredictionMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RequestHistory>();
        builder.Services.AddSingleton(provider => new AnswerLog(feedbackStore, options, provider.GetRequiredService<PredictionMetrics>(), metricsRegistry,
            provider.GetRequiredService<ILogger<AnswerLog>>()));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<AnswerLog>());
        builder.Services.AddSingleton<LiveMonitor>();
        builder.Services.AddHostedService<ModelWatcher>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= Problems.DetailForStatus(context.ProblemDetails.Status ?? 0, context.HttpContext.Request));
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddAdmission(options);
        builder.Services.AddHealthChecks().AddCheck<ModelReadyCheck>("model", tags: ["ready"]);
        builder.Services.ConfigureHttpJsonOptions(json => DigitsJson.Configure(json.SerializerOptions));
        var keysOn = options.KeyList.Count > 0;
        builder.Services.AddOpenApi(openApi => openApi.DescribeApi().AddApiKeySchemes(keysOn));

        var app = builder.Build();
        // Created now rather than at the first /monitoring, so that /metrics has the live gauges from the start.
        app.Services.GetRequiredService<LiveMonitor>();
        // Outermost, so that it counts the status an error was answered with, not the exception on its way out.
        app.UseHttpMetrics(http =>
        {
            http.SetMetricFactory(Prometheus.Metrics.WithCustomRegistry(metricsRegistry));
            // Exemplars link a sample to a trace; Digits has no tracing, so recording them is pure cost per request.
            http.RequestCount.ExemplarPredicate = _ => false;
            http.RequestDuration.ExemplarPredicate = _ => false;
        });
        app.UseMiddleware<RequestHistoryMiddleware>();
        // Outside the exception handler too, so that an error is logged with the status it was answered with.
        if (!options.Quiet) app.UseHttpLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNoSniff();
        app.UseMiddleware<AllowedHostsOnly>();
        app.UseMiddleware<BodySizeLimit>();

        var page = new EmbeddedFileProvider(typeof(DigitsServer).Assembly, $"{typeof(DigitsServer).Namespace}.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page, OnPrepareResponse = file => SecurityHeaders.AddPagePolicy(file.Context.Response) });

        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi/v1.json", "Digits API");
            ui.DocumentTitle = "Digits API";
        });
        if (keysOn) app.UseMiddleware<ApiKeyCheck>();
        app.UseRateLimiter();
        var api = app.MapGroup("").RequireRateLimiting(Admission.Policy).AnswersProblems();
        if (keysOn) api.WithMetadata(new ApiKeyCheck.Required());
        api.MapPredictApi();
        api.MapReadApi();
        api.MapFeedbackApi();
        api.MapMonitoringApi();
        api.MapModelsApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        var metrics = app.MapMetrics("/metrics", metricsRegistry);
        if (keysOn && !options.OpenMetrics) metrics.WithMetadata(new ApiKeyCheck.Required());
        return app;
    }

    private static IFeedbackStore? OpenFeedbackStore(ServerOptions options)
    {
        try
        {
            return FeedbackDatabase.OpenAsync(options.FeedbackSetting).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException or UriFormatException)
        {
            throw new InvalidServerOptionsException($"The feedback store ({options.FeedbackSetting}) cannot be opened: {e.Message}");
        }
    }
}
