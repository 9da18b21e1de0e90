using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Digits.Imaging.Reading;

/// <summary>
/// Finds the digits of a number in a picture, as a person would, with the single-digit preprocessing's ink map and
/// levels: printed field lines are taken out (<see cref="FieldLines"/>), connected strokes are grouped into stretches
/// of ink (the pieces of one digit, such as a 5's cap or a 4 drawn in two strokes, join the digit they sit over;
/// specks, dots and dashes are dropped), and a stretch too wide for one digit (neighbours that touch) gets candidate
/// cuts where little ink crosses. Which cuts are right is left to the recognizer (<see cref="NumberLattice"/>).
/// Every candidate is prepared as the single-digit path prepares a digit: cropped, scaled into 20x20, centred in 28x28.
/// </summary>
public static class NumberSegmenter
{
    /// <summary>The working picture holds at most this many pixels: enough for twelve digits in a row.</summary>
    private const int WorkingPixels = 160_000;
    /// <summary>
    /// A picture smaller than this on its longer side is read at twice its size: its digits may be 20 pixels high,
    /// with strokes and printed lines one or two pixels across, too few for the measures of a stroke or a line.
    /// </summary>
    private const int SmallPicture = 400;
    /// <summary>A picture whose printed lines run steeper than this (4 degrees) is turned to level them before it is read.</summary>
    private const double LevelSlope = 0.07;
    /// <summary>A picture whose ink, framed, covers less than this share of it is read again cropped to the frame ...</summary>
    private const double FramedShare = 0.6;
    /// <summary>... whose margin above and below is this share of the ink's height (a box's top and bottom lines) ...</summary>
    private const double FrameMargin = 0.5;
    /// <summary>... and at either end this share (the end wall of a box 1.6 times as wide as tall round a narrow 1).</summary>
    private const double FrameEndMargin = 1;
    /// <summary>Marks at least this share of the tallest mark's height are (parts of) digits; smaller ones are dots, dashes or pieces.</summary>
    private const double TallShare = 0.5;
    /// <summary>A candidate digit cut from a stretch is at least this share of the digit height tall.</summary>
    private const double ShortestPiece = 0.6;
    /// <summary>Two tall marks are one digit when one sits over the other for this share of the narrower's width ...</summary>
    private const double SameDigitOverlap = 0.5;
    /// <summary>... and the shorter is at most this share of the taller's height (a 5's cap, a 4's two strokes).</summary>
    private const double PieceHeightShare = 0.75;
    /// <summary>A stretch wider than this many digit heights may hold touching digits ...</summary>
    private const double WideShare = 0.9;
    /// <summary>... as may one wider than this many (a 1 touching its neighbour), when it reads poorly whole: below <see cref="PoorWhole"/> ...</summary>
    private const double NarrowPairShare = 0.6;
    /// <summary>... its chance of being one digit read right ...</summary>
    private static readonly double PoorWhole = Math.Log(0.5);
    /// <summary>... unless its digit is this sure, whatever the doubt that it is one digit (a bold 1 with serifs).</summary>
    private const double SureDigit = 0.99;
    /// <summary>
    /// ... and one wider than this many is never one digit (a 5 whose cap runs on to the right, written as tall as its
    /// neighbours, is over twice as wide as it is tall).
    /// </summary>
    private const double WidestDigit = 2.5;
    /// <summary>In a comb, a digit is at most this many boxes wide (a wide 5's loop may reach well into the next box).</summary>
    private const double WidestInBox = 1.7;
    /// <summary>A comb has at least this many walls: two boxes.</summary>
    private const int FewestCombWalls = 3;
    /// <summary>A mark this near a comb's wall, in boxes, may be a piece of it.</summary>
    private const double NearWall = 0.1;
    /// <summary>
    /// Digits are written in their boxes, so in a comb two touching digits meet near the wall between them: a cut costs
    /// this much (in log-likelihood) per box width it lies from the nearest wall.
    /// </summary>
    private const double CutOffWallCost = 2;
    /// <summary>The narrowest digit (a 1) is this share of the digit height wide.</summary>
    private const double NarrowestDigit = 0.15;
    /// <summary>A comb's box with at most this share of the inkiest box's ink holds no digit, only strokes straying from a neighbour ...</summary>
    private const double EmptyBoxShare = 0.2;
    /// <summary>... unless its ink is as tall as a digit and at least this share (a thin 1 beside a bold 8).</summary>
    private const double ThinDigitShare = 0.08;
    /// <summary>A dropped mark with this share of a digit's ink makes the reading doubtful.</summary>
    private const double SizeableShare = 0.3;
    /// <summary>Candidate cuts per stretch, the places where least ink crosses.</summary>
    private const int MaxCuts = 10;
    /// <summary>A typical handwritten digit is this share of the digit height wide (MNIST's median is about 0.65).</summary>
    private const double TypicalWidth = 0.65;
    /// <summary>An even split's cut moves this share of the digit height to the least inked column near it.</summary>
    private const double SnapShare = 0.2;
    /// <summary>The column profile is averaged over this share of the digit height (about a stroke's width), so that noise makes no minima.</summary>
    private const double SmoothingShare = 0.05;

    private const string NoDigit = "No digit was found in the image: write or photograph the number with clear strokes.";

    /// <param name="expectedLength">The number of digits the form expects: stretches are then also cut when there are fewer stretches.</param>
    /// <param name="score">
    /// The recognizer, given it: a stretch about one digit wide is then cut too when it reads poorly whole. It is called
    /// once with the candidates, and once more with those cut then, if any: every candidate is scored once, in order.
    /// </param>
    public static NumberLattice Segment(DecodedImage image, int? expectedLength = null, CandidateScorer? score = null) =>
        Segment(image, expectedLength, score, framed: false, levelled: false);

    /// <param name="framed">Whether the picture was already cropped to its ink's frame.</param>
    /// <param name="levelled">Whether the picture's printed lines were already measured for their slope (and levelled when too steep).</param>
    private static NumberLattice Segment(DecodedImage uploaded, int? expectedLength, CandidateScorer? score, bool framed, bool levelled)
    {
        var image = Math.Max(uploaded.Width, uploaded.Height) < SmallPicture ? Enlarged(uploaded) : uploaded;
        var scale = Math.Max(1, (int)Math.Ceiling(Math.Sqrt((double)image.Width * image.Height / WorkingPixels)));
        using var map = InkMap.From(image, scale);
        var count = map.Width * map.Height;
        var levels = InkLevels.Measure(map);
        var labels = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var mask = labels.AsSpan(0, count);
            levels.Mark(map, mask);
            var piecesAlongRows = FieldLines.PiecesAlongRows(mask, map.Width, map.Height);
            if (!levelled && FieldLines.Skew(mask, map.Width, map.Height, piecesAlongRows) is { } skew && Math.Abs(skew) > LevelSlope)
                return Segment(Levelled(uploaded, Math.Atan(skew)), expectedLength, score, framed: false, levelled: true);
            var (onLine, walls) = FieldLines.Remove(mask, map, levels.PrintedLineThreshold, piecesAlongRows);
            // A levelled picture's corners repeat its edge: ink there (a wall running off the edge, drawn on) is none of the file's.
            var marks = InkComponents.Label(mask, map.Width, map.Height, map.Strength).FindAll(g => g.Pixels >= InkComponents.MinimumStrokePixels
                && image.ShowsUploaded((g.Left + g.Right + 1) / 2.0 * map.Scale, (g.Top + g.Bottom + 1) / 2.0 * map.Scale));
            if (marks.Count == 0) throw new ImageRejectedException(ImageProblem.Invalid, NoDigit);
            if (!framed && Frame(marks, map.Width, map.Height) is { } frame)
                return Segment(Cropped(uploaded, frame, map.Scale * image.Scale / uploaded.Scale), expectedLength, score, framed: true, levelled: true);
            var (stretches, leftOut) = Group(marks, walls);
            var digitHeight = Median(stretches.Select(s => s.Height));
            var boxed = DigitsInBoxes(walls, mask, map.Width, marks);
            var cutAll = (expectedLength ?? boxed) is { } n && stretches.Count < n;
            var builder = new LatticeBuilder(map, labels, levels, image, digitHeight, walls, onLine);
            foreach (var stretch in stretches) builder.Add(stretch, cutAll);
            if (score is not null) builder.CutPoorWholes(score);
            return builder.Build(leftOut, boxed);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
        }
    }

    /// <summary>
    /// How many digits a comb holds: one in each box with ink in it (a digit that strays into an empty neighbour leaves
    /// it far less ink, and less tall). Null without a comb of at least two boxes, or with ink beyond its outer walls
    /// (an end wall not found would leave a box uncounted).
    /// </summary>
    /// <param name="walls">Where the comb's boxes meet, evenly spaced.</param>
    private static int? DigitsInBoxes(IReadOnlyList<int> walls, ReadOnlySpan<int> labels, int width, List<InkGroup> marks)
    {
        if (!IsComb(walls)) return null;
        var boxes = walls.Count - 1;
        var isMark = InkComponents.IsKept(marks);
        var ink = new double[boxes];
        var (top, bottom) = (new int[boxes], new int[boxes]);
        Array.Fill(top, int.MaxValue);
        Array.Fill(bottom, -1);
        double beyond = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= isMark.Length || !isMark[labels[i]]) continue;
            var box = (int)Math.Floor(BoxPlace(i % width, walls));
            if (box < 0 || box >= boxes)
            {
                beyond++;
                continue;
            }
            ink[box]++;
            (top[box], bottom[box]) = (Math.Min(top[box], i / width), Math.Max(bottom[box], i / width));
        }
        var most = ink.Max();
        var tallest = Enumerable.Range(0, boxes).Max(b => bottom[b] - top[b] + 1);
        bool HoldsDigit(int b) => ink[b] > EmptyBoxShare * most || ink[b] > ThinDigitShare * most && bottom[b] - top[b] + 1 >= TallShare * tallest;
        return beyond > EmptyBoxShare * most ? null : Enumerable.Range(0, boxes).Count(HoldsDigit);
    }

    private static bool IsComb(IReadOnlyList<int> walls) => walls.Count >= FewestCombWalls;

    /// <summary>The distance between a comb's walls; null without walls to measure it by.</summary>
    private static double? BoxPitch(IReadOnlyList<int> walls) => walls.Count < 2 ? null : (walls[^1] - walls[0]) / (double)(walls.Count - 1);

    /// <summary>Where column <paramref name="x"/> lies along a comb, in boxes from its first wall: 2.5 is the middle of the third box.</summary>
    private static double BoxPlace(double x, IReadOnlyList<int> walls) => (x - walls[0]) * (walls.Count - 1) / (walls[^1] - walls[0]);

    /// <summary>
    /// The ink's frame, with margins for a comb's lines and end walls, when it covers under <see cref="FramedShare"/>
    /// of the picture: a field photographed with much paper around it. Null when the picture is framed already.
    /// </summary>
    private static (int Left, int Top, int Right, int Bottom)? Frame(List<InkGroup> marks, int width, int height)
    {
        var (top, bottom) = (marks.Min(m => m.Top), marks.Max(m => m.Bottom));
        var inkHeight = bottom - top + 1;
        var left = Math.Max(0, (int)(marks.Min(m => m.Left) - FrameEndMargin * inkHeight));
        var right = Math.Min(width - 1, (int)Math.Ceiling(marks.Max(m => m.Right) + FrameEndMargin * inkHeight));
        (top, bottom) = (Math.Max(0, (int)(top - FrameMargin * inkHeight)), Math.Min(height - 1, (int)Math.Ceiling(bottom + FrameMargin * inkHeight)));
        return (right - left + 1.0) * (bottom - top + 1) < FramedShare * width * height ? (left, top, right, bottom) : null;
    }

    /// <summary>The part of the picture inside a frame given in working pixels, <paramref name="scale"/> of its pixels each.</summary>
    private static DecodedImage Cropped(DecodedImage image, (int Left, int Top, int Right, int Bottom) frame, double scale)
    {
        var (left, top) = ((int)(frame.Left * scale), (int)(frame.Top * scale));
        var right = Math.Min(image.Width, (int)Math.Ceiling((frame.Right + 1) * scale));
        var bottom = Math.Min(image.Height, (int)Math.Ceiling((frame.Bottom + 1) * scale));
        var (width, height) = (right - left, bottom - top);
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
            Array.Copy(image.Rgba, ((top + y) * image.Width + left) * 4, rgba, y * width * 4, width * 4);
        return new DecodedImage(width, height, rgba) { Scale = image.Scale, Origin = image.ToUploaded(left, top), Rotation = image.Rotation, Content = image.Content };
    }

    /// <summary>
    /// The picture turned back by <paramref name="angle"/> (radians, clockwise as shown), on a canvas large enough for
    /// all of it, its corners filled with the picture's nearest edge (a comb's line running off the picture runs on, where
    /// paper-coloured corners would cut it); its boxes still land in the uploaded image's pixels.
    /// </summary>
    private static DecodedImage Levelled(DecodedImage image, double angle)
    {
        var (sin, cos) = (Math.Abs(Math.Sin(angle)), Math.Abs(Math.Cos(angle)));
        var (width, height) = ((int)Math.Ceiling(image.Width * cos + image.Height * sin), (int)Math.Ceiling(image.Width * sin + image.Height * cos));
        using var source = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Marshal.Copy(image.Rgba, 0, source.GetPixels(), image.Rgba.Length);
        using var turned = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(turned))
        using (var shader = source.ToShader(SKShaderTileMode.Clamp, SKShaderTileMode.Clamp, new SKSamplingOptions(SKFilterMode.Linear), SKMatrix.Identity))
        using (var paint = new SKPaint { Shader = shader, BlendMode = SKBlendMode.Src })
        {
            canvas.Translate(width / 2f, height / 2f);
            canvas.RotateRadians((float)-angle);
            canvas.Translate(-image.Width / 2f, -image.Height / 2f);
            canvas.DrawPaint(paint);
        }
        // This picture's top-left corner, in the picture it was turned from.
        var (turnSin, turnCos) = Math.SinCos(angle);
        var (cornerX, cornerY) = (-width / 2.0, -height / 2.0);
        var origin = image.ToUploaded(image.Width / 2.0 + cornerX * turnCos - cornerY * turnSin, image.Height / 2.0 + cornerX * turnSin + cornerY * turnCos);
        var content = image.UploadedFrame(0, 0, image.Width, image.Height);
        return new DecodedImage(width, height, turned.Bytes) { Scale = image.Scale, Origin = origin, Rotation = image.Rotation + angle, Content = content };
    }

    /// <summary>The picture at twice its size, bilinearly; its boxes still land in the uploaded image's pixels.</summary>
    private static DecodedImage Enlarged(DecodedImage image)
    {
        using var source = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Marshal.Copy(image.Rgba, 0, source.GetPixels(), image.Rgba.Length);
        using var large = source.Resize(new SKImageInfo(image.Width * 2, image.Height * 2, SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKFilterMode.Linear));
        return new DecodedImage(large.Width, large.Height, large.Bytes) { Scale = image.Scale / 2, Origin = image.Origin, Rotation = image.Rotation, Content = image.Content };
    }

    /// <summary>
    /// Tall marks become stretches (joined when they are pieces of one digit); a small mark joins the stretch it shares
    /// most columns with (a stroke that a printed line or faint ink parted from its digit), or in a comb the one stretch
    /// in its box (a 5's cap written apart from its body); any other is dropped.
    /// </summary>
    /// <param name="walls">Where a comb's boxes meet, if the picture shows one.</param>
    private static (List<Stretch> Stretches, bool SizeableLeftOut) Group(List<InkGroup> marks, IReadOnlyList<int> walls)
    {
        var tallest = marks.Max(m => m.Height);
        var stretches = new List<Stretch>();
        foreach (var mark in marks.Where(m => m.Height >= TallShare * tallest).OrderBy(m => m.Left))
        {
            var digit = stretches.FirstOrDefault(s => s.Marks.Any(other => PiecesOfOneDigit(mark, other)));
            if (digit is null) stretches.Add(new Stretch(mark));
            else digit.Add(mark);
        }
        var leftOut = false;
        var typicalMass = Median(stretches.Select(s => s.Mass));
        foreach (var mark in marks.Where(m => m.Height < TallShare * tallest))
        {
            var over = stretches.MaxBy(s => Overlap(mark.Left, mark.Right, s.Left, s.Right));
            if (over is not null && Overlap(mark.Left, mark.Right, over.Left, over.Right) > 0) over.Add(mark);
            else if (AloneInBox(mark, stretches, walls) is { } digit) digit.Add(mark);
            else leftOut |= mark.Mass >= SizeableShare * typicalMass;
        }
        stretches.Sort((a, b) => a.Left.CompareTo(b.Left));
        return (stretches, leftOut);
    }

    /// <summary>
    /// In a comb, the stretch whose middle lies in the box of the mark's middle, when it is the only one; none for a
    /// mark within <see cref="NearWall"/> of a wall (a piece of a broken wall).
    /// </summary>
    private static Stretch? AloneInBox(InkGroup mark, List<Stretch> stretches, IReadOnlyList<int> walls)
    {
        if (!IsComb(walls)) return null;
        var place = BoxPlace((mark.Left + mark.Right) / 2.0, walls);
        var box = (int)Math.Floor(place);
        if (box < 0 || box >= walls.Count - 1 || Math.Abs(place - Math.Round(place)) < NearWall) return null;
        var inBox = stretches.FindAll(s => (int)Math.Floor(BoxPlace((s.Left + s.Right) / 2.0, walls)) == box);
        return inBox.Count == 1 ? inBox[0] : null;
    }

    private static bool PiecesOfOneDigit(InkGroup a, InkGroup b) =>
        Overlap(a.Left, a.Right, b.Left, b.Right) >= SameDigitOverlap * Math.Min(a.Width, b.Width)
        && Math.Min(a.Height, b.Height) <= PieceHeightShare * Math.Max(a.Height, b.Height);

    private static int Overlap(int left, int right, int otherLeft, int otherRight) => Math.Max(0, Math.Min(right, otherRight) - Math.Max(left, otherLeft) + 1);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    private static double Median(IEnumerable<int> values) => Median(values.Select(v => (double)v));

    /// <summary>Marks read as one stretch of ink, framed as they are added (the frame is read for every row of every cut).</summary>
    private sealed class Stretch(InkGroup first)
    {
        public List<InkGroup> Marks { get; } = [first];
        public int Left { get; private set; } = first.Left;
        public int Right { get; private set; } = first.Right;
        public int Top { get; private set; } = first.Top;
        public int Bottom { get; private set; } = first.Bottom;
        public int Width => Right - Left + 1;
        public int Height => Bottom - Top + 1;
        public double Mass => Marks.Sum(m => m.Mass);

        public void Add(InkGroup mark)
        {
            Marks.Add(mark);
            (Left, Right) = (Math.Min(Left, mark.Left), Math.Max(Right, mark.Right));
            (Top, Bottom) = (Math.Min(Top, mark.Top), Math.Max(Bottom, mark.Bottom));
        }
    }

    /// <summary>
    /// A straight cut through a stretch: at column <paramref name="Middle"/> on the stretch's middle row, leaning
    /// <paramref name="Slant"/> columns to the right per row down. Handwriting leans, and a leaning 1 beside its
    /// neighbour is parted only by a cut that leans with it.
    /// </summary>
    private readonly record struct Cut(double Middle, double Slant, double MiddleRow)
    {
        public double At(int y) => Middle + Slant * (y - MiddleRow);
    }

    /// <summary>
    /// Per row, the columns of a stretch from one cut up to (not including) the next; when open, on past the stretch's
    /// own ends too, where none of its neighbours' ink lies.
    /// </summary>
    /// <param name="Width">The picture's width.</param>
    private readonly record struct Band(Stretch Stretch, Cut From, Cut To, int Width, bool Open = false)
    {
        public (int First, int Last) Columns(int y)
        {
            var (first, last) = (Math.Max(Stretch.Left, (int)Math.Ceiling(From.At(y))), Math.Min(Stretch.Right, (int)Math.Ceiling(To.At(y)) - 1));
            return Open ? (first <= Stretch.Left ? 0 : first, last >= Stretch.Right ? Width - 1 : last) : (first, last);
        }
    }

    /// <summary>Adds each stretch's cut points and candidate digits to the lattice, numbering cut points left to right.</summary>
    /// <param name="walls">Where a comb's boxes meet, evenly spaced: their spacing bounds how wide a digit is, and two digits that touch are cut at them.</param>
    /// <param name="onLine">The printed lines' pixels taken out of the ink, if any.</param>
    private sealed class LatticeBuilder(InkMap map, int[] labels, InkLevels levels, DecodedImage image, double digitHeight, IReadOnlyList<int> walls, bool[]? onLine)
    {
        /// <summary>The leans cuts are tried at, in columns per row: upright, and as far as handwriting commonly leans either way.</summary>
        private static readonly double[] Slants = [0, -0.15, 0.15, -0.3, 0.3];
        private readonly List<InkStretch> _stretches = [];
        /// <summary>The widest a digit is: in a comb, a little wider than a box (a digit may cross a wall, but two boxes hold two digits).</summary>
        private readonly double? _boxPitch = BoxPitch(walls);
        private readonly double _widest = Math.Min(WidestDigit * digitHeight, WidestInBox * BoxPitch(walls) ?? double.MaxValue);
        private readonly List<DigitCandidate> _candidates = [];
        /// <summary>Per cut point, what cutting there costs (<see cref="CutOffWallCost"/>).</summary>
        private readonly List<double> _cutCosts = [];
        private int _nextNode;

        /// <summary>Stretches about one digit wide, read whole for now: where each is in the lattice, and its whole candidate.</summary>
        private readonly List<(int Index, Stretch Stretch, int Whole)> _aboutOneDigit = [];

        public void Add(Stretch stretch, bool cutAll)
        {
            var wide = stretch.Width > (cutAll ? NarrowestDigit * 2 : WideShare) * digitHeight || stretch.Width > _widest;
            var before = _candidates.Count;
            _stretches.Add(AddCandidates(stretch, wide));
            if (!wide && stretch.Width > NarrowPairShare * digitHeight && _candidates.Count > before)
                _aboutOneDigit.Add((_stretches.Count - 1, stretch, _candidates.Count - 1));
        }

        /// <summary>Cuts each stretch about one digit wide that reads poorly whole, as a wide one is cut (its cut points numbered after all others).</summary>
        public void CutPoorWholes(CandidateScorer score)
        {
            var scores = score(_candidates.AsReadOnly());
            var first = _candidates.Count;
            foreach (var (index, stretch, whole) in _aboutOneDigit)
                if (scores[whole].Log < PoorWhole && scores[whole].Digit < SureDigit) _stretches[index] = AddCandidates(stretch, cut: true);
            if (_candidates.Count > first) score(_candidates.GetRange(first, _candidates.Count - first));
        }

        private InkStretch AddCandidates(Stretch stretch, bool cut)
        {
            var isKept = InkComponents.IsKept(stretch.Marks);
            var middleRow = (stretch.Top + stretch.Bottom) / 2.0;
            List<Cut> cuts = [new(stretch.Left, 0, middleRow), .. cut ? Cuts(stretch, isKept, middleRow) : [], new(stretch.Right + 1, 0, middleRow)];
            var first = _nextNode;
            _cutCosts.AddRange(cuts.Select((c, i) => i == 0 || i == cuts.Count - 1 ? 0 : CostOf(c)));
            var reached = new bool[cuts.Count];
            reached[0] = true;
            for (var a = 0; a < cuts.Count; a++)
                for (var b = a + 1; b < cuts.Count && reached[a]; b++)
                {
                    var width = cuts[b].Middle - cuts[a].Middle;
                    if (width < NarrowestDigit * digitHeight || width > _widest || Crossing(cuts[a], cuts[b], stretch)) continue;
                    var band = new Band(stretch, cuts[a], cuts[b], map.Width);
                    if (InkBox(isKept, stretch, band, anyHeight: false) is not { } box) continue;
                    _candidates.Add(Prepared(isKept, box, band) with { From = first + a, To = first + b });
                    if (WithStrokesOnLines(isKept, stretch, band, box) is { } withStrokes)
                        _candidates.Add(withStrokes with { From = first + a, To = first + b });
                    reached[b] = true;
                }
            // A mark too wide or too narrow for any cut is still read, as one digit.
            if (!reached[^1] && (Candidate(isKept, stretch, cuts[0], cuts[^1]) ?? Candidate(isKept, stretch, cuts[0], cuts[^1], anyHeight: true)) is { } whole)
                _candidates.Add(whole with { From = first, To = first + cuts.Count - 1 });
            _nextNode = first + cuts.Count;
            return new InkStretch(first, first + cuts.Count - 1);
        }

        public NumberLattice Build(bool marksLeftOut, int? digitsInBoxes) => new(_stretches, _candidates, marksLeftOut, digitsInBoxes, _cutCosts);

        private double CostOf(Cut cut) => IsComb(walls) ? CutOffWallCost * walls.Min(wall => Math.Abs(cut.Middle - wall)) / _boxPitch!.Value : 0;

        /// <summary>Two cuts that cross inside the stretch leave no digit between them.</summary>
        private static bool Crossing(Cut left, Cut right, Stretch stretch) =>
            Math.Min(right.At(stretch.Top) - left.At(stretch.Top), right.At(stretch.Bottom) - left.At(stretch.Bottom)) < 0;

        /// <summary>
        /// Places where little of the stretch's ink crosses (minima of its smoothed profile along each lean), at least
        /// a narrow digit's width from its ends and from each other; and, so that some cuts always fit, the least
        /// inked cut near each place an even split into typical digit widths would cut; and in a comb, upright at each
        /// wall the stretch spans, where two digits written in their boxes meet however much ink is there.
        /// </summary>
        private List<Cut> Cuts(Stretch stretch, bool[] isKept, double middleRow)
        {
            var pixels = InkPixels(stretch, isKept);
            var profiles = Slants.Select(slant => Profile(stretch, pixels, slant, middleRow)).ToArray();
            var margin = Math.Max(1, (int)(NarrowestDigit * digitHeight));
            var length = stretch.Width;
            // Upright cuts are preferred on a tie: a lean must part strictly less ink.
            double Ink(int s, int i) => profiles[s][i] + 1e-3 * s;
            (int Slant, int At) LeastInked(int from, int to) =>
                Enumerable.Range(0, Slants.Length).SelectMany(s => Enumerable.Range(from, Math.Max(0, to - from)).Select(i => (Slant: s, At: i)))
                    .OrderBy(c => Ink(c.Slant, c.At)).FirstOrDefault((-1, -1));
            var cuts = new List<(int Slant, int At)>();
            var evenly = Math.Max(2, (int)Math.Round(length / (TypicalWidth * digitHeight)));
            var reach = (int)(SnapShare * digitHeight);
            for (var k = 1; k < evenly; k++)
            {
                var near = k * length / evenly;
                var best = LeastInked(Math.Max(margin, near - reach), Math.Min(length - margin, near + reach + 1));
                if (best.At >= 0 && cuts.TrueForAll(c => Math.Abs(c.At - best.At) >= margin)) cuts.Add(best);
            }
            var minima = Enumerable.Range(0, Slants.Length)
                .SelectMany(s => Enumerable.Range(margin, Math.Max(0, length - 2 * margin))
                    .Where(i => profiles[s][i] <= profiles[s][i - 1] && profiles[s][i] <= profiles[s][i + 1])
                    .Select(i => (Slant: s, At: i)))
                .OrderBy(c => Ink(c.Slant, c.At));
            foreach (var minimum in minima)
            {
                if (cuts.Count >= MaxCuts) break;
                if (cuts.TrueForAll(c => Math.Abs(c.At - minimum.At) >= margin)) cuts.Add(minimum);
            }
            if (IsComb(walls))
                foreach (var at in walls.Select(wall => wall - stretch.Left).Where(at => at >= margin && at <= length - margin))
                    if (cuts.TrueForAll(c => Math.Abs(c.At - at) > 1)) cuts.Add((0, at));
            return cuts.Select(c => new Cut(stretch.Left + c.At, Slants[c.Slant], middleRow)).OrderBy(c => c.Middle).ToList();
        }

        /// <summary>The stretch's ink pixels, read once for the profiles of every lean.</summary>
        private List<(int X, int Y)> InkPixels(Stretch stretch, bool[] isKept)
        {
            var pixels = new List<(int X, int Y)>();
            for (var y = stretch.Top; y <= stretch.Bottom; y++)
                for (var x = stretch.Left; x <= stretch.Right; x++)
                {
                    var label = labels[y * map.Width + x];
                    if (label < isKept.Length && isKept[label]) pixels.Add((x, y));
                }
            return pixels;
        }

        /// <summary>The stretch's ink crossed by a cut at each column of its middle row, for one lean, averaged over about a stroke's width so that noise makes no minima.</summary>
        private double[] Profile(Stretch stretch, List<(int X, int Y)> pixels, double slant, double middleRow)
        {
            var profile = new double[stretch.Width + 1];
            foreach (var (x, y) in pixels)
            {
                var at = (int)Math.Round(x - slant * (y - middleRow)) - stretch.Left;
                if (at >= 0 && at < profile.Length) profile[at]++;
            }
            return Smooth(profile, Math.Max(1, (int)(SmoothingShare * digitHeight)));
        }

        private static double[] Smooth(double[] values, int radius)
        {
            var smooth = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                int from = Math.Max(0, i - radius), to = Math.Min(values.Length - 1, i + radius);
                double sum = 0;
                for (var j = from; j <= to; j++) sum += values[j];
                smooth[i] = sum / (to - from + 1);
            }
            return smooth;
        }

        /// <summary>The stretch's ink between two cuts, as the model's input, with its box in the uploaded image's pixels.</summary>
        private DigitCandidate? Candidate(bool[] isKept, Stretch stretch, Cut from, Cut to, bool anyHeight = false)
        {
            var band = new Band(stretch, from, to, map.Width);
            return InkBox(isKept, stretch, band, anyHeight) is { } box ? Prepared(isKept, box, band) : null;
        }

        /// <summary>
        /// The candidate with the printed lines' pixels its strokes lay on (<see cref="StrokesOnLines"/>) put back; null
        /// when there are none: a 0 whose foot lay on a comb's bottom line lost it with the line, and reads as a 7.
        /// </summary>
        /// <param name="box">The frame of the digit's ink within the band, as <see cref="InkBox"/> gives it.</param>
        private DigitCandidate? WithStrokesOnLines(bool[] isKept, Stretch stretch, Band band, (int Left, int Top, int Right, int Bottom) box)
        {
            if (onLine is null) return null;
            var open = band with { Open = true };
            if (StrokesOnLines.Find(onLine, labels, map.Width, map.Height, isKept, box, band.Columns, open.Columns) is not { } strokes) return null;
            // The lines' pixels join the digit's first mark while it is prepared.
            var mark = stretch.Marks[0].Id;
            foreach (var i in strokes)
            {
                labels[i] = mark;
                var (x, y) = (i % map.Width, i / map.Width);
                box = (Math.Min(box.Left, x), Math.Min(box.Top, y), Math.Max(box.Right, x), Math.Max(box.Bottom, y));
            }
            var candidate = Prepared(isKept, box, open);
            foreach (var i in strokes) labels[i] = 0;
            return candidate;
        }

        /// <summary>The frame of the stretch's ink within the band; null when it is no digit's height (a stroke cut off its digit).</summary>
        private (int Left, int Top, int Right, int Bottom)? InkBox(bool[] isKept, Stretch stretch, Band band, bool anyHeight)
        {
            int left = int.MaxValue, right = -1, top = int.MaxValue, bottom = -1;
            for (var y = stretch.Top; y <= stretch.Bottom; y++)
            {
                var (first, last) = band.Columns(y);
                for (var x = first; x <= last; x++)
                {
                    var label = labels[y * map.Width + x];
                    if (label >= isKept.Length || !isKept[label]) continue;
                    (left, right) = (Math.Min(left, x), Math.Max(right, x));
                    (top, bottom) = (Math.Min(top, y), Math.Max(bottom, y));
                }
            }
            // A digit is tall: a piece much shorter than the others is a stroke cut off its digit.
            return bottom < 0 || !anyHeight && bottom - top + 1 < ShortestPiece * digitHeight ? null : (left, top, right, bottom);
        }

        /// <summary>The kept marks' ink in a box, each row within the band, as the model's input, with its box in the uploaded image's pixels.</summary>
        private DigitCandidate Prepared(bool[] isKept, (int Left, int Top, int Right, int Bottom) frameOfInk, Band band)
        {
            var (left, top, right, bottom) = frameOfInk;
            var ink = InkComponents.CropInk(map, labels, isKept, left, top, right, bottom, levels);
            var (width, height) = (right - left + 1, bottom - top + 1);
            for (var y = top; y <= bottom; y++)
            {
                var (first, last) = band.Columns(y);
                var row = ink.AsSpan((y - top) * width, width);
                row[..Math.Clamp(first - left, 0, width)].Clear();
                row[Math.Clamp(last + 1 - left, 0, width)..].Clear();
            }
            var input = DigitPreprocessor.Place(ink, width, height);
            // Working pixels to decoded pixels (map.Scale), then to the uploaded file's pixels; a levelled picture's box
            // is the upright frame of its four corners there, within the file.
            var frame = image.UploadedFrame(left * map.Scale, top * map.Scale,
                Math.Min(image.Width, (right + 1) * map.Scale), Math.Min(image.Height, (bottom + 1) * map.Scale));
            var (x0, y0, x1, y1) = ((int)Math.Round(frame.Left), (int)Math.Round(frame.Top), (int)Math.Round(frame.Right), (int)Math.Round(frame.Bottom));
            var box = new DigitBox(x0, y0, x1 - x0, y1 - y0);
            return new DigitCandidate(0, 0, box, input);
        }
    }
}
