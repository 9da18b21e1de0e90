namespace Digits.Imaging.RealWorld;

/// <summary>The kinds of number image users send, each a row of the number evaluation.</summary>
public enum NumberKind
{
    /// <summary>Handwritten digits side by side on a paper photo: gaps vary, some neighbours touch, some numbers have a space between groups.</summary>
    HandwrittenPhoto,
    /// <summary>Handwritten digits in a printed comb field or a row of boxes printed apart, one box per digit; some strokes cross the boxes' lines.</summary>
    CombField,
    /// <summary>A number printed in one of many typefaces, some with a space between digit groups.</summary>
    PrintedNumber,
    /// <summary>Several digits written side by side with a pen on a wide canvas, as the page's Number mode sends them.</summary>
    CanvasNumber,
}
