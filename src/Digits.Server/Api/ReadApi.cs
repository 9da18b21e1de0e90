using Digits.Inference;
using Digits.Inference.Reading;
using Digits.Server.Errors;
using Digits.Server.Feedback;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Digits.Server.Api;

/// <summary>POST /read: a whole number from one image. Errors are thrown as <see cref="Problems"/>.</summary>
public static class ReadApi
{
    private const string LengthQuery = "length";
    /// <summary>More digits than any form field holds: a longer hint is a mistake, not a number.</summary>
    public const int LongestNumber = 64;

    public static void MapReadApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/read", Read)
            .WithName("readNumber")
            .ReadsABody()
            .WithTags("Read")
            .DisableAntiforgery()
            .WithSummary("Read a whole number (a ZIP code, an amount, a form field) from one image")
            .WithDescription("Multipart field `file` or the raw image with an image/* content type. The digits are found left to right " +
                             "(spaces, separators and the lines of printed boxes give no characters), each prepared and recognized as `/predict` does, " +
                             "all in one model run (a second one for the cuts of a mark about one digit wide that reads poorly whole, and one for the one-pixel shifts of digits the model doubts, whose answers are averaged). `confidence` is the chance the whole text is right; `needs_review` is true when any digit needs review, " +
                             "the cuts between touching digits were a close call, or the count differs from `?length=`. Boxes are in the uploaded image's pixels. " +
                             "`?length=6` says how many digits the field holds; `?review_threshold=` and `?model=` as on `/predict`.")
            .AddOpenApiOperationTransformer(UploadDocumentation.Number)
            .WithResponseExample(ReadResponse.Example);
    }

    private static async Task<Ok<ReadResponse>> Read(
        HttpContext context, ModelRegistry registry, AnswerLog answers, [FromQuery] string? model, [FromQuery(Name = LengthQuery)] int? length,
        [FromQuery(Name = PredictApi.ReviewThresholdQuery)] double? reviewThreshold, CancellationToken cancellation)
    {
        if (length is < 1 or > LongestNumber) throw Problems.BadRequest($"{LengthQuery} must be a number of digits from 1 to {LongestNumber}, not {length}.");
        var threshold = PredictApi.Checked(reviewThreshold);
        var selected = ModelSelection.Resolve(context, registry, model, forImages: true);
        var images = await ImageBody.ReadAsync(context.Request, many: false, cancellation);
        var reading = NumberReader.Read(selected, images[0], length, threshold);
        return TypedResults.Ok(ReadResponse.From(reading, answers.Keep(reading)));
    }
}
