namespace Digits.Server.Tests.Page;

/// <summary>Digits as a person draws them: pen strokes in coordinates relative to the canvas (0..1).</summary>
public static class Strokes
{
    public static readonly (double X, double Y)[][] One =
    [
        [(0.47, 0.22), (0.53, 0.16), (0.53, 0.50), (0.53, 0.84)],
    ];

    public static readonly (double X, double Y)[][] Seven =
    [
        [(0.26, 0.20), (0.50, 0.20), (0.74, 0.20), (0.62, 0.42), (0.50, 0.63), (0.42, 0.84)],
    ];

    public static readonly (double X, double Y)[][] Zero =
    [
        Enumerable.Range(0, 33).Select(i => i * Math.PI * 2 / 32)
            .Select(a => (0.5 + 0.22 * Math.Sin(a), 0.5 - 0.33 * Math.Cos(a))).ToArray(),
    ];
}
