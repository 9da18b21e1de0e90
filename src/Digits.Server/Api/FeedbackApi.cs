using Digits.Feedback;
using Digits.Server.Errors;
using Digits.Server.Feedback;
using Digits.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Digits.Server.Api;

/// <summary>POST /feedback: what an answer should have been. Errors are thrown as <see cref="Problems"/>.</summary>
public static class FeedbackApi
{
    public static void MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/feedback", Give)
            .WithName("giveFeedback")
            .ReadsABody()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithTags("Feedback")
            .WithSummary("Say what an answer should have been")
            .WithDescription("`{\"id\": \"...\", \"label\": 7}` for a digit (from /predict, /predict/batch, /predict/pixels, /predict/features), " +
                             "`{\"id\": \"...\", \"text\": \"4217\"}` for a number (from /read). Confirming a right answer counts too: live accuracy " +
                             "is measured on the answers that got feedback. The latest feedback on an id wins. 204 once it is stored durably; " +
                             "404 for an id that is unknown or older than the server keeps answers; 403 when a browser says the request comes from a page of another site.")
            .Accepts<FeedbackRequest>("application/json")
            .WithRequestExample(FeedbackRequest.Example)
            .AddEndpointFilter<SameOriginOnly>();
    }

    private static async Task<NoContent> Give(HttpContext context, AnswerLog answers, CancellationToken cancellation)
    {
        var request = await JsonBody.ReadAsync<FeedbackRequest>(context, cancellation);
        var store = answers.Store ?? throw Problems.NotFound($"This server keeps no answers (feedback_db is {FeedbackDatabase.Off}), so it takes no feedback.");
        if (string.IsNullOrWhiteSpace(request.Id)) throw Problems.BadRequest("The field 'id' is missing: send the id of the answer, as the prediction gave it.");
        if (request.Label is null == request.Text is null)
            throw Problems.BadRequest("Send either 'label' (the right digit, 0 to 9) or 'text' (the right number, digits only), not both or neither.");
        if (request.Label is { } label && label is < 0 or >= LiveMetricsCalculator.Classes)
            throw Problems.BadRequest($"'label' must be a digit from 0 to {LiveMetricsCalculator.Classes - 1}, not {label}.");
        if (request.Text is { } text && (text.Length is 0 or > ReadApi.LongestNumber || !text.All(char.IsAsciiDigit)))
            throw Problems.BadRequest($"'text' must be the right number as 1 to {ReadApi.LongestNumber} digits 0-9 without spaces, not \"{text}\".");

        await answers.FlushAsync(cancellation);
        var answer = await FindAsync(store, request.Id, cancellation);
        if (answer is null || answer.Time < DateTimeOffset.UtcNow - answers.Retention.MaxAge) throw UnknownAnswer(request.Id);
        var truth = request.Text ?? request.Label!.Value.ToString();
        if (!answer.IsNumber && truth.Length != 1)
            throw Problems.BadRequest($"The answer {request.Id} is one digit; send its right 'label' (0 to 9), not a number.");
        if (!await store.SetTruthAsync(request.Id, truth, DateTimeOffset.UtcNow, cancellation)) throw UnknownAnswer(request.Id);
        return TypedResults.NoContent();
    }

    /// <summary>The answer, waiting a moment for one just given by another server on the same store, whose writes come in batches.</summary>
    private static async Task<StoredPrediction?> FindAsync(IFeedbackStore store, string id, CancellationToken cancellation)
    {
        var answer = await store.FindAsync(id, cancellation);
        var deadline = StoredPrediction.IssuedAt(id) + AnswerLog.StoredWithin;
        while (answer is null && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation);
            answer = await store.FindAsync(id, cancellation);
        }
        return answer;
    }

    private static ProblemException UnknownAnswer(string id) =>
        Problems.NotFound($"No answer has the id '{id}': it was never given, or it is older than this server keeps answers.");
}

/// <param name="Id">The answer's id, from its prediction or reading.</param>
/// <param name="Label">The right digit, for an answer that is one digit.</param>
/// <param name="Text">The right number, for an answer of /read.</param>
public sealed record FeedbackRequest(string? Id, int? Label = null, string? Text = null)
{
    /// <summary>The right label for the digit of an answer.</summary>
    public static readonly FeedbackRequest Example = new("0193a4c2e1f07b3c9d2e4f5a6b7c8d9f", 7, null);
}
