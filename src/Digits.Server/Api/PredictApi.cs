using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Imaging;
using Digits.Inference;
using Digits.Server.Errors;
using Digits.Feedback;
using Digits.Server.Feedback;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Digits.Server.Api;

/// <summary>POST /predict, /predict/batch, /predict/pixels and /predict/features. Errors are thrown as <see cref="Problems"/>.</summary>
public static class PredictApi
{
    internal const string ReviewThresholdQuery = "review_threshold";

    public static void MapPredictApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/predict").WithTags("Predict");
        // Upload endpoints read the form themselves and there is no cookie authentication to forge, so
        // antiforgery tokens would protect nothing. Routing also matches /predict/, the seed clients' spelling.
        group.MapPost("", PredictImage)
                .WithName("predictImage")
                .ReadsABody()
                .DisableAntiforgery()
                .WithSummary("Recognize the digit in one image")
                .WithDescription("Multipart field `file` with a PNG, JPEG, BMP, GIF or WebP, or the raw image with an image/* content type. " +
                                 "Photos and drawings are preprocessed to MNIST's form first. `?include_input=true` adds the 28x28 image the model saw. " +
                                 "`needs_review` is true when a person should check the answer; `?review_threshold=0.95` flags below that confidence instead of the model's own threshold.")
                .AddOpenApiOperationTransformer(UploadDocumentation.Single);
        group.MapPost("/batch", PredictBatch)
            .WithName("predictBatch")
            .ReadsABody()
            .DisableAntiforgery()
            .WithSummary("Recognize the digits in several images, in one model run")
            .WithDescription("Multipart, one `file` field per image, at most `max_batch_images` (64 by default) of them. Results come in the order sent; " +
                             "an image that cannot be read is answered in its own place as `{\"error\": problem}` while the others are recognized.")
            .AddOpenApiOperationTransformer(UploadDocumentation.Many);
        group.MapPost("/pixels", PredictPixels)
            .WithName("predictPixels")
            .ReadsABody()
            .WithSummary("Recognize a digit given as 784 pixel values")
            .Accepts<PixelsRequest>("application/json")
            .WithRequestExample(PixelsRequest.Example);
        group.MapPost("/features", PredictFeatures)
            .WithName("predictFeatures")
            .ReadsABody()
            .WithSummary("Recognize an 8x8 digit given as 64 features (0..16)")
            .WithDescription("Answers exactly `prediction` and `confidence`; `?include_id=true` adds the answer's `id` for `/feedback`.")
            .Accepts<FeaturesRequest>("application/json")
            .WithRequestExample(FeaturesRequest.Example);
    }

    private static async Task<Ok<PredictionResponse>> PredictImage(
        HttpContext context, ModelRegistry registry, DigitPredictor predictor, AnswerLog answers,
        [FromQuery] string? model, [FromQuery(Name = "include_input")] bool? includeInput,
        [FromQuery(Name = ReviewThresholdQuery)] double? reviewThreshold, CancellationToken cancellation)
    {
        var selected = ModelSelection.Resolve(context, registry, model, forImages: true);
        var images = await ImageBody.ReadAsync(context.Request, many: false, cancellation);
        var prediction = await predictor.FromImageAsync(selected, images[0], Checked(reviewThreshold));
        return TypedResults.Ok(PredictionResponse.From(prediction, answers.Keep(prediction, Endpoints.Predict), includeInput == true));
    }

    private static async Task<Ok<BatchResponse>> PredictBatch(
        HttpContext context, ModelRegistry registry, DigitPredictor predictor, AnswerLog answers,
        [FromQuery] string? model, [FromQuery(Name = "include_input")] bool? includeInput,
        [FromQuery(Name = ReviewThresholdQuery)] double? reviewThreshold, CancellationToken cancellation)
    {
        var selected = ModelSelection.Resolve(context, registry, model, forImages: true);
        var threshold = Checked(reviewThreshold);
        var images = await ImageBody.ReadAsync(context.Request, many: true, cancellation);
        // Each image is decoded in turn (one decoded picture at a time) and joins the engine's batches with everyone else's.
        var items = new List<Task<BatchResult>>(images.Count);
        foreach (var image in images)
        {
            cancellation.ThrowIfCancellationRequested();
            items.Add(Item(image));
        }
        return TypedResults.Ok(new BatchResponse(await Task.WhenAll(items)));

        async Task<BatchResult> Item(byte[] image)
        {
            try
            {
                var prediction = await predictor.FromImageAsync(selected, image, threshold);
                return PredictionResponse.From(prediction, answers.Keep(prediction, Endpoints.Batch), includeInput == true);
            }
            catch (ImageRejectedException rejected)
            {
                return BatchError.From(Problems.From(rejected));
            }
        }
    }

    private static async Task<Ok<PredictionResponse>> PredictPixels(
        HttpContext context, ModelRegistry registry, DigitPredictor predictor, AnswerLog answers, [FromQuery] string? model,
        [FromQuery(Name = ReviewThresholdQuery)] double? reviewThreshold, CancellationToken cancellation)
    {
        var selected = ModelSelection.Resolve(context, registry, model, forImages: true);
        var request = await JsonBody.ReadAsync<PixelsRequest>(context, cancellation);
        var pixels = JsonBody.RequireNumbers(request.Pixels, "pixels", ModelInput.Mnist.Length, byte.MaxValue);
        if (pixels.All(p => p == 0)) throw Problems.BadRequest($"All {ModelInput.Mnist.Length} pixels are 0: there is no ink to recognize.");
        var prediction = await predictor.FromPixelsAsync(selected, pixels, Checked(reviewThreshold));
        return TypedResults.Ok(PredictionResponse.From(prediction, answers.Keep(prediction, Endpoints.Pixels), includeInput: false));
    }

    private static async Task<Ok<FeaturesResponse>> PredictFeatures(
        HttpContext context, ModelRegistry registry, DigitPredictor predictor, AnswerLog answers, [FromQuery] string? model,
        [FromQuery(Name = "include_id")] bool? includeId, CancellationToken cancellation)
    {
        var selected = ModelSelection.Resolve(context, registry, model, forImages: false);
        var request = await JsonBody.ReadAsync<FeaturesRequest>(context, cancellation);
        var features = JsonBody.RequireNumbers(request.Features, "features", ModelInput.Digits8x8.Length, Digits8x8CsvReader.MaxValue);
        var prediction = await predictor.FromFeaturesAsync(selected, features);
        var id = answers.Keep(prediction, Endpoints.Features);
        return TypedResults.Ok(new FeaturesResponse(prediction.Digit, prediction.Confidence, includeId == true ? id : null));
    }

    internal static double? Checked(double? reviewThreshold) =>
        reviewThreshold is null or (>= 0 and <= 1)
            ? reviewThreshold
            : throw Problems.BadRequest($"{ReviewThresholdQuery} must be a confidence between 0 and 1, not {reviewThreshold}.");
}
