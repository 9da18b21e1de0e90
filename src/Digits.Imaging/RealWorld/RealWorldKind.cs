namespace Digits.Imaging.RealWorld;

/// <summary>The kinds of image users send that are not MNIST, each a row of the real-world evaluation.</summary>
public enum RealWorldKind
{
    /// <summary>A handwritten digit on a paper photo sprinkled with specks (salt-and-pepper noise).</summary>
    SpeckledPhoto,
    /// <summary>A faint digit on grey paper: 15 to 45 grey levels of contrast.</summary>
    FaintPhoto,
    /// <summary>A paper photo saved as a heavily compressed JPEG.</summary>
    CompressedPhoto,
    /// <summary>A paper photo with several of: rotation, shear, blur, noise, uneven light, a shadow, ruled lines, inversion, compression.</summary>
    DistortedPhoto,
    /// <summary>A printed digit in one of many typefaces.</summary>
    PrintedFont,
    /// <summary>An 8x8 scan of real handwriting, upscaled onto a paper photo.</summary>
    Scan8x8,
    /// <summary>Pen strokes drawn on a transparent canvas, as the page sends them.</summary>
    CanvasStrokes,
}
