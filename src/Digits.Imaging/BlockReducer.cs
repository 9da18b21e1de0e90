namespace Digits.Imaging;

/// <summary>
/// Shrinks an RGBA image by an integer factor, fed one row at a time: each output pixel is the mean of its block of
/// <c>factor</c> x <c>factor</c> source pixels (fewer at the right and bottom edges). Rows may come in any order as long as
/// the rows of a block come together (a bottom-up BMP); only one output row of sums is held.
/// </summary>
internal sealed class BlockReducer
{
    private readonly int _width;
    private readonly int _factor;
    private readonly int _outWidth;
    private readonly int _outHeight;
    private readonly byte[] _pixels;
    private readonly long[] _sums;
    private readonly int[] _counts;
    private int _block = -1;

    public BlockReducer(int width, int height, int factor)
    {
        (_width, _factor) = (width, factor);
        (_outWidth, _outHeight) = ((width + factor - 1) / factor, (height + factor - 1) / factor);
        _pixels = new byte[_outWidth * _outHeight * 4];
        _sums = new long[_outWidth * 4];
        _counts = new int[_outWidth];
    }

    /// <param name="y">The row's place in the source image.</param>
    public void Add(ReadOnlySpan<byte> row, int y)
    {
        if (y / _factor != _block)
        {
            Flush();
            _block = y / _factor;
        }
        for (var x = 0; x < _width; x++)
        {
            var target = x / _factor;
            _counts[target]++;
            for (var c = 0; c < 4; c++) _sums[target * 4 + c] += row[x * 4 + c];
        }
    }

    /// <param name="sourceScale">The source's own scale against the uploaded image.</param>
    public DecodedImage Result(double sourceScale = 1)
    {
        Flush();
        return new DecodedImage(_outWidth, _outHeight, _pixels) { Scale = sourceScale * _width / _outWidth };
    }

    private void Flush()
    {
        if (_block < 0) return;
        for (var x = 0; x < _outWidth; x++)
        {
            for (var c = 0; c < 4; c++) _pixels[(_block * _outWidth + x) * 4 + c] = _counts[x] == 0 ? (byte)0 : (byte)(_sums[x * 4 + c] / _counts[x]);
            _counts[x] = 0;
        }
        Array.Clear(_sums);
    }
}
