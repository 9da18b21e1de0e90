using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Digits.Server.Tests.Page;

/// <summary>The page in a real browser: drawing, uploading, the 8x8 grid, a phone with touch, the model pages.</summary>
public sealed class PageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task Draw(IPage page, (double X, double Y)[][] strokes, string canvas = "canvas")
    {
        var box = (await page.GetByTestId(canvas).BoundingBoxAsync())!;
        foreach (var stroke in strokes)
        {
            await page.Mouse.MoveAsync((float)(box.X + stroke[0].X * box.Width), (float)(box.Y + stroke[0].Y * box.Height));
            await page.Mouse.DownAsync();
            foreach (var (x, y) in stroke.Skip(1))
                await page.Mouse.MoveAsync((float)(box.X + x * box.Width), (float)(box.Y + y * box.Height), new MouseMoveOptions { Steps = 6 });
            await page.Mouse.UpAsync();
        }
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });

    [Theory]
    [InlineData("1")]
    [InlineData("7")]
    [InlineData("0")]
    public async Task A_digit_drawn_with_the_mouse_is_recognized(string digit)
    {
        var page = await browser.OpenAsync();
        await Expect(page.GetByTestId("model")).ToContainTextAsync("cnn");
        await Draw(page, digit switch { "1" => Strokes.One, "7" => Strokes.Seven, _ => Strokes.Zero });

        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync(digit);
        await Expect(page.GetByTestId("confidence")).ToContainTextAsync("%");
        // Answers to the partial strokes arrive first; the one to the finished digit must be confident.
        await Expect(page.GetByTestId($"prob-{digit}").Locator(".fill")).ToHaveAttributeAsync("style", new Regex(@"width: ([5-9]\d|100)(\.\d+)?%"));
        await Screenshot(page, $"drawn-{digit}");
        await Expect(page.GetByTestId("error")).ToBeHiddenAsync();

        await page.GetByTestId("clear").ClickAsync();
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync("–");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Undo_removes_the_last_stroke()
    {
        var page = await browser.OpenAsync();
        await Draw(page, Strokes.Seven);
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync("7");
        await page.GetByTestId("undo").ClickAsync();
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync("–");
        await Expect(page.GetByTestId("undo")).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_uploaded_photo_is_shown_beside_its_result()
    {
        var page = await browser.OpenAsync();
        await page.GetByTestId("file").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = Samples.Photo(0) });
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync(Samples.Label(0).ToString());
        await Expect(page.Locator("#preview")).ToBeVisibleAsync();
        await Screenshot(page, "uploaded");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Uploading_a_text_file_shows_the_servers_explanation()
    {
        var page = await browser.OpenAsync();
        await page.GetByTestId("file").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "shopping list"u8.ToArray() });
        await Expect(page.GetByTestId("error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("not an image");
        await Screenshot(page, "upload-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_number_mode_the_text_follows_the_digits_as_they_are_written()
    {
        var page = await browser.OpenAsync(path: "/#/number");
        await Expect(page.GetByTestId("model")).ToContainTextAsync("cnn");
        string[] digits = ["1", "7", "0"];
        for (var i = 0; i < digits.Length; i++)
        {
            // Each digit in its own square third of the 3:1 canvas, with a gap between neighbours.
            var strokes = (digits[i] switch { "1" => Strokes.One, "7" => Strokes.Seven, _ => Strokes.Zero })
                .Select(stroke => stroke.Select(p => (0.06 + 0.3 * i + p.X / 3, p.Y)).ToArray()).ToArray();
            await Draw(page, strokes, "number-canvas");
            await Expect(page.GetByTestId("number-text")).ToHaveTextAsync(string.Concat(digits[..(i + 1)]));
        }
        await Expect(page.GetByTestId("number-digits").Locator("li")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("number-digits").Locator("li").First).ToContainTextAsync("%");
        await Screenshot(page, "number-written");

        await page.GetByTestId("number-undo").ClickAsync();
        await Expect(page.GetByTestId("number-text")).ToHaveTextAsync("17");
        await Expect(page.GetByTestId("error")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_number_mode_an_uploaded_photo_gets_a_box_and_a_label_per_digit()
    {
        var page = await browser.OpenAsync(path: "/#/number");
        int[] number = [.. Samples.EasyDigits[..4]];
        await page.GetByTestId("number-file").SetInputFilesAsync(new FilePayload { Name = "number.png", MimeType = "image/png", Buffer = Samples.Number(number, stride: 28, scale: 4) });
        await Expect(page.GetByTestId("number-text")).ToHaveTextAsync(Samples.Text(number));
        var boxes = page.GetByTestId("digit-boxes").Locator(".digit-box");
        await Expect(boxes).ToHaveCountAsync(4);
        await Expect(boxes.First).ToContainTextAsync($"{Samples.Label(number[0])} · ");
        // The first box sits over the first quarter of the photo.
        var photo = (await page.Locator("#number-preview").BoundingBoxAsync())!;
        var first = (await boxes.First.BoundingBoxAsync())!;
        Assert.InRange(first.X, photo.X, photo.X + photo.Width / 4);
        Assert.InRange(first.X + first.Width, photo.X, photo.X + photo.Width / 4 + 2);
        await Screenshot(page, "number-uploaded");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_8x8_grid_sends_features_and_shows_the_answer()
    {
        var page = await browser.OpenAsync(path: "/#/grid");
        var (features, label) = Samples.Features(0);
        for (var i = 0; i < 64; i++)
            if (features[i] >= 8) await page.GetByTestId($"cell-{i}").ClickAsync();
        await Expect(page.GetByTestId("grid-prediction")).ToHaveTextAsync(label.ToString());
        await Expect(page.GetByTestId("grid-confidence")).ToContainTextAsync("%");
        await Screenshot(page, "grid");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_a_digit_drawn_with_a_finger_is_recognized()
    {
        var page = await browser.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
        });
        var box = (await page.GetByTestId("canvas").BoundingBoxAsync())!;
        Assert.True(box.Width <= 390 && box.Width > 250, $"canvas is {box.Width} wide on a 390-pixel phone");
        var touch = await page.Context.NewCDPSessionAsync(page);
        async Task Touch(string type, double x, double y) =>
            await touch.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
            {
                ["type"] = type,
                ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = box.X + x * box.Width, ["y"] = box.Y + y * box.Height } },
            });
        var stroke = Strokes.Seven[0];
        await Touch("touchStart", stroke[0].X, stroke[0].Y);
        for (var i = 1; i < stroke.Length; i++)
            for (var step = 1; step <= 6; step++)
            {
                var t = step / 6.0;
                await Touch("touchMove", stroke[i - 1].X + (stroke[i].X - stroke[i - 1].X) * t, stroke[i - 1].Y + (stroke[i].Y - stroke[i - 1].Y) * t);
            }
        await Touch("touchEnd", 0, 0);

        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync("7");
        var horizontalScroll = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(horizontalScroll, "the page scrolls sideways on a phone");
        await Screenshot(page, "phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_model_pages_show_the_metrics_and_report()
    {
        var page = await browser.OpenAsync(path: "/#/models");
        await Expect(page.GetByTestId("model-list")).ToContainTextAsync("cnn");
        await page.Locator("a.model-card", new PageLocatorOptions { HasText = "cnn" }).ClickAsync();
        await Expect(page.GetByTestId("model-facts")).ToContainTextAsync("test accuracy");
        await Expect(page.GetByTestId("model-facts")).ToContainTextAsync("225,034");
        await Expect(page.GetByTestId("model-classes").Locator("tbody tr")).ToHaveCountAsync(12);
        var images = page.Locator("#view-model img");
        await Expect(images).ToHaveCountAsync(5);
        foreach (var image in await images.AllAsync())
        {
            await image.ScrollIntoViewIfNeededAsync();
            await Expect(image).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await image.EvaluateAsync<int>("i => i.naturalWidth") > 0);
        }
        await Screenshot(page, "model");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_works_offline_with_nothing_from_other_hosts()
    {
        var page = await browser.OpenAsync();
        var foreign = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith(browser.Client.BaseAddress!.ToString())) foreign.Add(request.Url); };
        await page.ReloadAsync();
        await Draw(page, Strokes.One);
        await Expect(page.GetByTestId("prediction")).ToHaveTextAsync("1");
        Assert.Empty(foreign);
        await page.Context.CloseAsync();
    }
}
