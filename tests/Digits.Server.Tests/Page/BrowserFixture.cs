using Microsoft.Playwright;

namespace Digits.Server.Tests.Page;

/// <summary>The server with the test models, and Debian's Chromium driven headless by Playwright.</summary>
public sealed class BrowserFixture : ServerFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The page's answers come from this server, which shares two cores with the other test classes: a read can
        // take seconds while they load them.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    public async Task<IPage> OpenAsync(BrowserNewContextOptions? options = null, string path = "/")
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Client.BaseAddress!, path).ToString());
        return page;
    }
}
