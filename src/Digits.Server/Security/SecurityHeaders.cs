namespace Digits.Server.Security;

/// <summary>
/// Headers that keep browsers from misreading answers: no content sniffing anywhere, and for the page a
/// Content-Security-Policy that allows only this server's own scripts, styles and images (plus the photo a person
/// picks, shown from a blob: URL).
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy = "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Set as the headers go out, so that an error answer (whose headers the exception handler clears) has it too.</summary>
    public static IApplicationBuilder UseNoSniff(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>For the page's files only: the API documentation (Swagger UI) runs inline scripts of its own.</summary>
    public static void AddPagePolicy(HttpResponse response) => response.Headers.ContentSecurityPolicy = PagePolicy;
}
