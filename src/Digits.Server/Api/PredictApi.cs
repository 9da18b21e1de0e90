using Digits.Core.Models;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Inference;
using Digits.Server.Errors;
using Digits.Server.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Digits.Server.Api;

/// <summary>POST /predict, /predict/batch, /predict/pixels and /predict/features.</summary>
public static class PredictApi
{
    private const int MnistPixels = ModelInputEncoding.MnistPixels;

    public static void MapPredictApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/predict").WithTags("Predict");
        // Upload endpoints read the form themselves and there is no cookie authentication to forge, so
        // antiforgery tokens would protect nothing. Routing also matches /predict/, the seed clients' spelling.
        group.MapPost("", PredictImage)
                .DisableAntiforgery()
                .WithSummary("Recognize the digit in one image")
                .WithDescription("Multipart field `file` with a PNG, JPEG, BMP, GIF or WebP, or the raw image with an image/* content type. " +
                                 "Photos and drawings are preprocessed to MNIST's form first. `?include_input=true` adds the 28x28 image the model saw.")
                .AddOpenApiOperationTransformer(UploadDocumentation.Single);
        group.MapPost("/batch", PredictBatch)
            .DisableAntiforgery()
            .WithSummary("Recognize the digits in several images, in one model run")
            .AddOpenApiOperationTransformer(UploadDocumentation.Many);
        group.MapPost("/pixels", PredictPixels)
            .WithSummary("Recognize a digit given as 784 pixel values")
            .Accepts<PixelsRequest>("application/json");
        group.MapPost("/features", PredictFeatures)
            .WithSummary("Recognize an 8x8 digit given as 64 features (0..16)")
            .Accepts<FeaturesRequest>("application/json");
    }

    private static async Task<Results<Ok<PredictionResponse>, ProblemHttpResult>> PredictImage(
        HttpContext context, ModelRegistry registry, DigitPredictor predictor, PredictionMetrics metrics,
        [FromQuery] string? model, [FromQuery(Name = "include_input")] bool? includeInput, CancellationToken cancellation)
    {
        var (selected, problem) = ModelSelection.Resolve(registry, model, forImages: true);
        if (problem is not null) return problem;
        var (images, bodyProblem) = await ImageBody.ReadAsync(context.Request, many: false, cancellation);
        if (bodyProblem is not null) return bodyProblem;
        try
        {
            var prediction = await predictor.FromImageAsync(selected!, images[0]);
            metrics.Record(prediction);
            return TypedResults.Ok(PredictionResponse.From(prediction, includeInput == true));
        }
        catch (ImageRejectedException rejected)
        {
            return Problems.From(rejected);
        }
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> PredictBatch(
        HttpContext context, ModelRegistry registry, PredictionMetrics metrics,
        [FromQuery] string? model, [FromQuery(Name = "include_input")] bool? includeInput, CancellationToken cancellation)
    {
        var (selected, problem) = ModelSelection.Resolve(registry, model, forImages: true);
        if (problem is not null) return problem;
        var (images, bodyProblem) = await ImageBody.ReadAsync(context.Request, many: true, cancellation);
        if (bodyProblem is not null) return bodyProblem;
        try
        {
            var predictions = DigitPredictor.FromImages(selected!, images);
            foreach (var prediction in predictions) metrics.Record(prediction);
            return TypedResults.Ok(new BatchResponse(predictions.Select(p => PredictionResponse.From(p, includeInput == true)).ToArray()));
        }
        catch (ImageRejectedException rejected)
        {
            return Problems.From(rejected);
        }
    }

    private static async Task<Results<Ok<PredictionResponse>, ProblemHttpResult>> PredictPixels(
        HttpContext context, ModelRegistry registry, DigitPredictor predictor, PredictionMetrics metrics, [FromQuery] string? model, CancellationToken cancellation)
    {
        var (selected, problem) = ModelSelection.Resolve(registry, model, forImages: true);
        if (problem is not null) return problem;
        var (request, bodyProblem) = await JsonBody.ReadAsync<PixelsRequest>(context, cancellation);
        if (bodyProblem is not null) return bodyProblem;
        if (JsonBody.ValidateNumbers(request!.Pixels, "pixels", MnistPixels, 255) is { } invalid) return Problems.BadRequest(invalid);
        if (request.Pixels!.All(p => p == 0)) return Problems.BadRequest("All 784 pixels are 0: there is no ink to recognize.");
        var prediction = await predictor.FromPixelsAsync(selected!, request.Pixels!);
        metrics.Record(prediction);
        return TypedResults.Ok(PredictionResponse.From(prediction, includeInput: false));
    }

    private static async Task<Results<Ok<FeaturesResponse>, ProblemHttpResult>> PredictFeatures(
        HttpContext context, ModelRegistry registry, DigitPredictor predictor, PredictionMetrics metrics, [FromQuery] string? model, CancellationToken cancellation)
    {
        var (selected, problem) = ModelSelection.Resolve(registry, model, forImages: false);
        if (problem is not null) return problem;
        var (request, bodyProblem) = await JsonBody.ReadAsync<FeaturesRequest>(context, cancellation);
        if (bodyProblem is not null) return bodyProblem;
        if (JsonBody.ValidateNumbers(request!.Features, "features", Digits8x8CsvReader.FeatureCount, Digits8x8CsvReader.MaxValue) is { } invalid)
            return Problems.BadRequest(invalid);
        var prediction = await predictor.FromFeaturesAsync(selected!, request.Features!);
        metrics.Record(prediction);
        return TypedResults.Ok(new FeaturesResponse(prediction.Digit, prediction.Confidence));
    }
}
