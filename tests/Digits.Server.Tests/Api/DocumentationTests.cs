using System.Net;
using System.Text.Json;

namespace Digits.Server.Tests.Api;

public sealed class DocumentationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_the_upload()
    {
        var document = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/predict", "/predict/batch", "/predict/pixels", "/predict/features", "/read", "/models", "/models/{name}" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        var upload = paths.GetProperty("/predict").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        var file = upload.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("file");
        Assert.Equal("binary", file.GetProperty("format").GetString());
        var read = paths.GetProperty("/read").GetProperty("post").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.Equal("42", read.GetProperty("example").GetProperty("text").GetString());
        var features = paths.GetProperty("/predict/features").GetProperty("post");
        Assert.True(features.GetProperty("responses").TryGetProperty("200", out _));
        // Generated clients take a key; on a server without keys, sending none is allowed (the empty requirement).
        Assert.Contains(document.GetProperty("security").EnumerateArray(), requirement => !requirement.EnumerateObject().Any());
    }

    [Theory]
    [InlineData("/predict/pixels")]
    [InlineData("/predict/features")]
    public async Task The_documents_request_examples_are_answered_as_they_stand(string path)
    {
        var document = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var example = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
        using var answer = await server.Client.PostAsync(path, new StringContent(example, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, (await answer.Json()).GetProperty("prediction").GetInt32());
    }

    [Fact]
    public async Task The_interactive_documentation_is_served_from_this_server()
    {
        using var page = await server.Client.GetAsync("/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        using var script = await server.Client.GetAsync("/docs/swagger-ui-bundle.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Models_lists_each_model_with_its_metadata_and_metrics()
    {
        var models = JsonDocument.Parse(await server.Client.GetStringAsync("/models")).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["cnn", "digits8x8-mlp"], models.Select(m => m.GetProperty("name").GetString()));
        var cnn = models[0];
        Assert.True(cnn.GetProperty("default").GetBoolean());
        var latest = cnn.GetProperty("versions")[0];
        Assert.Equal(cnn.GetProperty("latest").GetString(), latest.GetProperty("version").GetString());
        Assert.InRange(latest.GetProperty("metrics").GetProperty("test").GetProperty("accuracy").GetDouble(), 0.9, 1);
        Assert.Equal("cnn", latest.GetProperty("spec").GetProperty("recipe").GetString());
        Assert.Equal("digits", latest.GetProperty("spec").GetProperty("task").GetString());
        Assert.True(models[1].GetProperty("default").GetBoolean(), "the 8x8 model is the default of /predict/features");
        Assert.Contains(cnn.GetProperty("report").EnumerateArray(), p => p.GetProperty("file").GetString() == "confusion_matrix.png");
    }

    [Fact]
    public async Task An_unknown_model_page_is_a_404_problem() =>
        Assert.Contains("Available", await (await server.Client.GetAsync("/models/nope")).Problem(404));
}
