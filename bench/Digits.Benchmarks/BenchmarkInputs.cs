using Digits.Data;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Core.Models;
using Digits.Inference;
using Digits.Imaging.RealWorld;
using SkiaSharp;

namespace Digits.Benchmarks;

/// <summary>Real inputs for the benchmarks: MNIST test digits, and one as a phone-sized photo.</summary>
public static class BenchmarkInputs
{
    public static string ModelsDirectory => Environment.GetEnvironmentVariable("DIGITS_MODELS_DIR") ?? Path.GetFullPath("models");

    public static OnnxModel LoadModel(string name, bool int8, int threads)
    {
        var store = new ModelStore(ModelsDirectory);
        var folder = store.Resolve(name);
        return OnnxModel.Load(folder, store.ReadMetadata(folder), int8 ? ModelFiles.OnnxInt8 : ModelFiles.Onnx, threads);
    }

    public static float[] TestImages(int count)
    {
        var fetcher = DatasetFetcher.InDataDirectory();
        var test = DatasetLoader.Load(fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!.Take(count);
        return ModelInputEncoding.Encode(test);
    }

    /// <summary>The first MNIST test digit as a 28x28 grayscale PNG (white on black), the HTTP benchmark's image.</summary>
    public static byte[] MnistPng()
    {
        var pixels = TestImages(1);
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        for (var i = 0; i < 784; i++)
        {
            var level = (byte)(pixels[i] * 255);
            bitmap.SetPixel(i % 28, i / 28, new SKColor(level, level, level));
        }
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The image model `./digits up` would serve from the models folder: the most accurate digit model present.</summary>
    public static OnnxModel ServedModel(ModelRegistry registry) =>
        registry.DefaultForImages() ?? throw new InvalidOperationException($"No image model in {ModelsDirectory}.");

    /// <summary>Six MNIST test digits written side by side on a 400x80 paper photo (gaps vary, as in the number set).</summary>
    public static byte[] NumberPhoto()
    {
        var fetcher = DatasetFetcher.InDataDirectory();
        var test = DatasetLoader.Load(fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!;
        var random = new Random(6);
        var digits = Enumerable.Range(0, 6).Select(i => InkImage.FromPixels(test.Image(i), test.Rows, test.MaxPixelValue)).ToList();
        var ink = HandwrittenNumber.SideBySide(digits, random);
        return PaperPhoto.Render(ink, new PhotoStyle { Size = 400, Aspect = 5, DigitShare = 0.85, Noise = 2, BlurSigma = 0.5 }, random);
    }

    /// <summary>
    /// A domain to fine-tune on: every 8x8 scan of real handwriting (written by other people than MNIST's, in another
    /// style) as a paper photo, in the image-folder layout DIR/LABEL/N.png. The real-world set's scans come from the
    /// same 8x8 images, so a model fine-tuned on this folder is no longer held out from that kind.
    /// </summary>
    public static void ScanFolder(string folder)
    {
        var fetcher = DatasetFetcher.InDataDirectory();
        var scans = DatasetLoader.Load(fetcher, DatasetCatalog.Get(DatasetCatalog.Digits8x8)).Train;
        var random = new Random(RealWorldSet.DefaultSeed + 1);
        for (var i = 0; i < scans.Count; i++)
        {
            var path = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, scans.Labels[i].ToString())).FullName, $"{i:D4}.png");
            File.WriteAllBytes(path, RealWorldSet.ScanPhoto(scans, i, random));
        }
    }

    /// <summary>A test digit drawn 20x larger in dark ink on white paper, as a PNG.</summary>
    public static byte[] Photo()
    {
        var pixels = TestImages(1);
        const int scale = 20;
        using var bitmap = new SKBitmap(28 * scale, 28 * scale);
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var level = (byte)(255 - pixels[y / scale * 28 + x / scale] * 255);
                bitmap.SetPixel(x, y, new SKColor(level, level, level));
            }
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
