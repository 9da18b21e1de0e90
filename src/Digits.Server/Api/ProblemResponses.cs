namespace Digits.Server.Api;

/// <summary>The problem+json answers operations can give, declared for the OpenAPI document beside each endpoint.</summary>
public static class ProblemResponses
{
    /// <summary>Every operation: 400 for a request addressed to a host name the server does not answer, 401 without an
    /// API key on a server started with keys, 429 with Retry-After for a client over its rate limit, 503 with
    /// Retry-After when it is full (and while the model asked for cannot be served).</summary>
    public static RouteGroupBuilder AnswersProblems(this RouteGroupBuilder api) =>
        api.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>An operation that reads a body: also 404 (an unknown model or answer), 413 (too large) and 415 (not a supported type).</summary>
    public static RouteHandlerBuilder ReadsABody(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
