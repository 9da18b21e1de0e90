using Digits.Data;
using System.Net.Http.Headers;
using Digits.Core.Data;
using Digits.Tests.Shared;
using SkiaSharp;

namespace Digits.Server.Tests;

/// <summary>Real inputs: MNIST test digits as PNG photos (black on white, large) and 8x8 digits as features.</summary>
public static class Samples
{
    private static readonly Lazy<LabeledImages> MnistTest = new(() =>
        DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!.Take(200));

    private static readonly Lazy<LabeledImages> Digits8x8 = new(() =>
        DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Digits8x8)).Train);

    /// <summary>Test digits the small test model gets right, so that a wrong answer means a broken server.</summary>
    public static readonly int[] EasyDigits = [0, 1, 2, 3, 4, 7, 8, 11, 13, 18];

    public static int Label(int index) => MnistTest.Value.Labels[index];

    public static byte[] MnistPixels(int index) => MnistTest.Value.Image(index).ToArray();

    /// <summary>MNIST test digits side by side as dark ink on white paper, each pixel <paramref name="scale"/> pixels wide.</summary>
    public static byte[] Photo(int index, int scale = 8) => Photo([index], scale);

    public static byte[] Photo(int[] indexes, int scale = 8) => Number(indexes, stride: 28, scale);

    /// <summary>
    /// MNIST test digits written left to right, each <paramref name="stride"/> MNIST pixels after the one before (28:
    /// side by side; less: closer, until neighbours touch), as dark ink on white paper; <paramref name="boxes"/> prints a
    /// comb field, a box around each digit, with lines <paramref name="scale"/>/3 pixels thick.
    /// </summary>
    public static byte[] Number(int[] indexes, int stride, int scale = 8, bool boxes = false)
    {
        var side = 28 * scale;
        var ink = new byte[(stride * (indexes.Length - 1) + 28) * scale * side];
        var width = ink.Length / side;
        for (var d = 0; d < indexes.Length; d++)
        {
            var digit = MnistPixels(indexes[d]);
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                {
                    var i = y * width + d * stride * scale + x;
                    ink[i] = Math.Max(ink[i], digit[y / scale * 28 + x / scale]);
                }
        }
        if (boxes)
        {
            var line = Math.Max(2, scale / 3);
            for (var y = 0; y < side; y++)
                for (var x = 0; x < width; x++)
                    if (y < line || y >= side - line || x % (stride * scale) < line || x >= width - line) ink[y * width + x] = 200;
        }
        using var bitmap = new SKBitmap(width, side);
        for (var i = 0; i < ink.Length; i++)
            bitmap.SetPixel(i % width, i / width, new SKColor((byte)(255 - ink[i]), (byte)(255 - ink[i]), (byte)(255 - ink[i])));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    public static string Text(int[] indexes) => string.Concat(indexes.Select(Label));

    public static byte[] Solid(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    public static (double[] Features, int Label) Features(int index) =>
        (Digits8x8.Value.Image(index).ToArray().Select(b => (double)b).ToArray(), Digits8x8.Value.Labels[index]);

    public static MultipartFormDataContent Form(params byte[][] files)
    {
        var form = new MultipartFormDataContent();
        for (var i = 0; i < files.Length; i++)
        {
            var file = new ByteArrayContent(files[i]);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", $"digit{i}.png");
        }
        return form;
    }
}
