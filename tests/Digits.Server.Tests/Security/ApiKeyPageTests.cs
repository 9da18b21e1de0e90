using Digits.Server.Tests.Page;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digits.Server.Tests.Security;

/// <summary>The page on a server that requires a key: it asks for one, then works as on an open server.</summary>
public sealed class ApiKeyPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task The_page_asks_for_the_key_once_and_then_recognizes_an_upload()
    {
        await using var server = await RunningServer.StartAsync(browser.Options with { ApiKeys = Key, FeedbackDatabase = Digits.Feedback.FeedbackDatabase.Off });
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Client.BaseAddress!.ToString());

        var dialog = page.GetByTestId("api-key-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await page.GetByTestId("api-key").FillAsync("not-the-key-but-long-enough");
        await page.GetByTestId("api-key-use").ClickAsync();
        await Expect(dialog).ToContainTextAsync("refused");
        await page.GetByTestId("api-key").FillAsync(Key);
        await page.GetByTestId("api-key-use").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await page.GetByTestId("file").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = Samples.Photo(0) });
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync(Samples.Label(0).ToString());
        await Expect(dialog).ToBeHiddenAsync();
        await context.CloseAsync();
    }
}
