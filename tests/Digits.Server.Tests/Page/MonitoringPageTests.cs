using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digits.Server.Tests.Page;

/// <summary>The Right / Wrong control on the Recognize view, and the monitoring page it feeds, in a real browser.</summary>
public sealed class MonitoringPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Feedback_from_the_page_shows_on_the_monitoring_page_which_updates_by_itself()
    {
        var page = await browser.OpenAsync();
        var first = Samples.Label(0);
        var wrong = (first + 1) % 10;
        await page.GetByTestId("file").SetInputFilesAsync(new FilePayload { Name = "a.png", MimeType = "image/png", Buffer = Samples.Photo(0) });
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync(first.ToString());
        await Expect(page.GetByTestId($"feedback-digit-{first}")).ToBeHiddenAsync();
        await page.GetByTestId($"feedback-digit-{wrong}").ClickAsync();
        await Expect(page.GetByTestId("feedback-status")).ToHaveTextAsync($"Thanks: recorded as {wrong}.");

        await page.GetByTestId("file").SetInputFilesAsync(new FilePayload { Name = "b.png", MimeType = "image/png", Buffer = Samples.Photo(1) });
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync(Samples.Label(1).ToString());
        await Expect(page.GetByTestId("feedback-status")).ToBeEmptyAsync();
        await page.GetByTestId("feedback-right").ClickAsync();
        await Expect(page.GetByTestId("feedback-status")).ToHaveTextAsync("Thanks: confirmed.");

        await page.GotoAsync(new Uri(browser.Client.BaseAddress!, "/#/monitoring").ToString());
        var row = page.GetByTestId("monitoring-models").Locator("tbody tr").First;
        await Expect(row.GetByTestId("answers")).ToHaveTextAsync("2");
        await Expect(row.GetByTestId("labelled")).ToHaveTextAsync("2");
        await Expect(row.GetByTestId("accuracy")).ToHaveTextAsync("50%");
        await Expect(page.GetByTestId($"confusion-{wrong}-{first}")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("monitoring-summary")).ToContainTextAsync("API requests");
        await Expect(page.GetByTestId("chart-latency").Locator("svg path").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("error")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "monitoring.png"), FullPage = true });

        // Another client confirms an answer; the open page shows it without a reload.
        using var predicted = await browser.Client.PostAsync("/predict", Samples.Form(Samples.Photo(2, scale: 2)));
        var answer = await predicted.Json();
        (await browser.Client.PostAsJsonAsync("/feedback", new { id = answer.GetProperty("id").GetString(), label = answer.GetProperty("prediction").GetInt32() })).Dispose();
        await Expect(row.GetByTestId("labelled")).ToHaveTextAsync("3");
        await page.Context.CloseAsync();
    }
}
