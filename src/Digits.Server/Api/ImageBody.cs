using Digits.Server.Errors;

namespace Digits.Server.Api;

/// <summary>Reads uploaded images: multipart `file` fields, or the raw body sent with an image/* content type.</summary>
public static class ImageBody
{
    public const string Field = "file";

    /// <param name="many">Several files are allowed, at most <see cref="ServerOptions.MaxBatchImages"/>.</param>
    public static async Task<IReadOnlyList<byte[]>> ReadAsync(HttpRequest request, bool many, CancellationToken cancellation)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellation);
            var files = form.Files.GetFiles(Field);
            if (files.Count == 0)
                throw Problems.BadRequest(form.Files.Count > 0
                    ? $"The multipart body has no field named '{Field}' (it has: {string.Join(", ", form.Files.Select(f => f.Name).Distinct())})."
                    : $"The multipart body has no file; send the image in a field named '{Field}'.");
            if (!many && files.Count > 1)
                throw Problems.BadRequest($"Send one '{Field}' to /predict, or several to /predict/batch.");
            var limit = request.HttpContext.RequestServices.GetRequiredService<ServerOptions>().MaxBatchImages;
            if (files.Count > limit) throw Problems.TooManyImages(limit, files.Count);
            var images = new List<byte[]>(files.Count);
            foreach (var file in files)
            {
                using var stream = new MemoryStream((int)file.Length);
                await file.CopyToAsync(stream, cancellation);
                images.Add(stream.ToArray());
            }
            return images;
        }
        var type = request.ContentType ?? "";
        if (many || !(type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)))
            throw Problems.UnsupportedMediaType(many
                ? $"Send multipart/form-data with one or more '{Field}' fields."
                : $"Send multipart/form-data with a '{Field}' field, or the image itself with an image/* content type (got '{(type.Length == 0 ? "none" : type)}').");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellation);
        return [body.ToArray()];
    }
}
