using System.Buffers;

namespace Digits.Imaging.Reading;

/// <summary>
/// Takes the printed lines of a form out of an ink mask: the rules of a field, the top and bottom of a comb of boxes
/// (or of boxes printed apart) and the walls between its boxes, or the ticks of a comb proper standing on its line.
/// A line is thin across and long along, and straight; a stroke that crosses it is thick where it crosses (its ink
/// runs on either side), so only the line's own thin pixels go and the stroke stays whole.
/// </summary>
internal static class FieldLines
{
    /// <summary>A horizontal line spans at least this share of the picture's width ...</summary>
    private const double MinimumWidthShare = 0.3;
    /// <summary>... and this share of its height: longer than any stroke of a digit.</summary>
    private const double MinimumHeightShare = 0.6;
    /// <summary>Lines are at most this share of the picture's height thick (and at least <see cref="MinimumThickness"/> pixels); digit strokes are thicker.</summary>
    private const int ThicknessDivisor = 20;
    private const int MinimumThickness = 5;
    /// <summary>The longest piece of a line is at least this share of the line's least length (crossing strokes cut the rest) ...</summary>
    private const double SeedShare = 0.15;
    /// <summary>... and at least this many line thicknesses long along rows ...</summary>
    private const int RuleSeed = 2;
    /// <summary>... or this many down columns: a wall or a tick is short, and a digit touching it halfway leaves it shorter pieces.</summary>
    private const int WallSeed = 1;
    /// <summary>A photo taken a few degrees askew tilts its lines by up to this much (5 degrees).</summary>
    private const double MaximumSlope = 0.09;
    /// <summary>A wall or a tick stands this upright over a line thickness either way (twice a photo's tilt); a stroke bends more.</summary>
    private const double UprightSlope = 2 * MaximumSlope;
    /// <summary>A photo of a form may be taken further askew, its lines tilted up to this much (10 degrees): it is levelled first.</summary>
    private const double SkewedSlope = 0.18;
    /// <summary>A wall spans this share of the distance between the comb's top and bottom lines.</summary>
    private const double WallSpan = 0.9;
    /// <summary>A place of an even spacing without a wall counts this much against it, one with a wall 1 for it ...</summary>
    private const double MissingWallWeight = 1;
    /// <summary>
    /// ... and a comb proper's tick off its places this much (digits hide ticks, and seldom stand on the line off their
    /// spacing). A wall off the places counts nothing: it may be a 1 as tall as the box in its middle.
    /// </summary>
    private const double StrayTickWeight = 1;
    /// <summary>Ink beside a line for more than this many of the line's thicknesses along it is a stroke running along the line (a slanted one ending on it touches less).</summary>
    private const int AlongStroke = 3;
    /// <summary>A stroke lying on a line makes it this many pixels thicker than it is printed, or more.</summary>
    private const int ThickerStroke = 2;
    /// <summary>A comb's tick is at least this many line thicknesses tall ...</summary>
    private const int ShortestTick = 2;
    /// <summary>... and at most this share of the tallest ink on its line (1s standing on a rule evenly spaced are no ticks).</summary>
    private const double TallestTick = 0.9;
    /// <summary>A box's top or bottom printed apart from its neighbours' is at least this many line thicknesses long ...</summary>
    private const int BoxPiece = 4;
    /// <summary>... and lies over the bottom (or top) of its box for this share of its length.</summary>
    private const double PieceOverlap = 0.7;
    /// <summary>Two walls closer than this share of a box's height, with the top or bottom line missing between them, are two boxes' ends a gap apart.</summary>
    private const double PairedWalls = 0.5;
    /// <summary>A comb's boxes are at most this many times as wide as they are tall ...</summary>
    private const double WidestBox = 1.6;
    /// <summary>... and at least this many.</summary>
    private const double NarrowestBox = 0.5;
    /// <summary>
    /// Boxes printed a hair apart: in a small photo, the two walls and the paper between them blur into one bar up to
    /// this many times as thick as a line. Looked for only where thin walls leave the comb without any between its ends,
    /// since a digit's stroke is as thick (walls this thick looked for everywhere took strokes with them).
    /// </summary>
    private const int MergedWalls = 2;
    /// <summary>
    /// A wall or a tick goes on over a gap in its ink this many line thicknesses long (a faint spot in a photo); a rule
    /// over one line thickness long only, since it runs beside the digits, not between two lines.
    /// </summary>
    private const int WallGap = 2;
    /// <summary>Beside a line found only in fainter ink, the paper this many pixels past its edges ...</summary>
    private const int GrainGap = 2;
    /// <summary>... is ink for at most this share of its length: else the fainter ink holds the paper's grain.</summary>
    private const double InkedBeside = 0.15;
    /// <summary>A wall is this share of a box's width at most from where an even spacing puts it (a photo's slight perspective).</summary>
    private const double WallPlacement = 0.08;

    /// <param name="mask">The map's ink.</param>
    /// <param name="fainterThreshold">
    /// A printed line's fainter level: when no walls are found, they are looked for again in the map's ink down to it (a
    /// comb printed lighter than the pen leaves its thin walls broken up in the ink, or in a shadow all its lines).
    /// </param>
    /// <param name="piecesAlongRows">The mask's <see cref="PiecesAlongRows"/>.</param>
    /// <returns>
    /// The pixels taken out (null when there were no lines), and the columns where a comb's boxes meet, evenly spaced,
    /// from its first wall to its last (none without a comb).
    /// </returns>
    public static (bool[]? OnLine, IReadOnlyList<int> Walls) Remove(Span<int> mask, InkMap map, float fainterThreshold, List<ThinPiece> piecesAlongRows)
    {
        var (width, height) = (map.Width, map.Height);
        var (onLine, walls, _) = Find(mask, width, height, piecesAlongRows);
        if (walls.Count == 0 && FindInFainterInk(map, mask.Length, fainterThreshold, clearOfGrain: onLine is null) is { Walls.Count: > 0 } fainter)
            (onLine, walls) = fainter;
        if (onLine is null) return (null, []);
        for (var i = 0; i < mask.Length; i++)
            if (onLine[i]) mask[i] = 0;
        return (onLine, walls);
    }

    /// <summary>
    /// How steeply the picture's printed lines run (rows per column), looked for up to <see cref="SkewedSlope"/>: each
    /// row of line pieces in line with each other and as long as a line, from its first end to its last (a box's walls,
    /// or the gaps between boxes printed apart, cut a comb's lines into pieces), and the middle of their slopes (a
    /// track that wandered through the digits runs at a slope of its own). Null without such a row.
    /// </summary>
    /// <param name="piecesAlongRows">The mask's <see cref="PiecesAlongRows"/>.</param>
    public static double? Skew(ReadOnlySpan<int> mask, int width, int height, List<ThinPiece> piecesAlongRows)
    {
        var thickness = Thickness(height);
        var rows = new Axis(width, height, Horizontal: true);
        var pieces = Lines(mask, piecesAlongRows, rows, thickness, BoxPiece * thickness, 0, width - 1, SkewedSlope);
        var minimum = Minimum(width, height);
        var slopes = InLine(pieces, thickness).Where(row => Length(row) >= minimum)
            .Select(row => (row[^1].At(row[^1].To) - row[0].At(row[0].From)) / Math.Max(1, row[^1].To - row[0].From)).Order().ToList();
        return slopes.Count == 0 ? null : slopes[slopes.Count / 2];
    }

    /// <summary>The thin pieces of ink along rows that horizontal lines are tracked from: read once for a line's slope and for the lines.</summary>
    public static List<ThinPiece> PiecesAlongRows(ReadOnlySpan<int> mask, int width, int height) =>
        ThinPieces(mask, new Axis(width, height, Horizontal: true), Thickness(height));

    /// <summary>The thickest a printed line is in a picture this many pixels high.</summary>
    public static int Thickness(int height) => Math.Max(MinimumThickness, height / ThicknessDivisor);

    private static double Minimum(int width, int height) => Math.Max(MinimumWidthShare * width, MinimumHeightShare * height);

    /// <summary>The lines found in the map's ink down to <paramref name="threshold"/>.</summary>
    /// <param name="clearOfGrain">
    /// Whether the lines must stand out from the paper's grain, which the fainter ink may hold too: when none were
    /// found in the map's ink, a comb printed far lighter than the pen and a grainy photo look alike there.
    /// </param>
    private static (bool[]? OnLine, IReadOnlyList<int> Walls) FindInFainterInk(InkMap map, int count, float threshold, bool clearOfGrain)
    {
        var ink = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var fainter = ink.AsSpan(0, count);
            InkLevels.Mark(map, fainter, threshold);
            var (onLine, walls, field) = Find(fainter, map.Width, map.Height, PiecesAlongRows(fainter, map.Width, map.Height));
            if (!clearOfGrain) return (onLine, walls);
            // A comb proper's one line might be a paper's edge, with grain standing on it for ticks.
            if (field.Count < 2) return (null, []);
            var rows = new Axis(map.Width, map.Height, Horizontal: true);
            foreach (var line in field)
                if (!ClearBeside(line, fainter, rows)) return (null, []);
            return (onLine, walls);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ink);
        }
    }

    /// <param name="piecesAlongRows">The comb's lines and, failing two, the rows of boxes printed apart are both found among these.</param>
    /// <returns>The pixels of the field's lines (null without any), where its boxes meet, and its top and bottom lines (or a comb proper's one line).</returns>
    private static (bool[]? OnLine, IReadOnlyList<int> Walls, List<PrintedLine> Field) Find(ReadOnlySpan<int> mask, int width, int height, List<ThinPiece> piecesAlongRows)
    {
        var thickness = Thickness(height);
        var rows = new Axis(width, height, Horizontal: true);
        var minimum = Minimum(width, height);
        var lines = Lines(mask, piecesAlongRows, rows, thickness, minimum, 0, width - 1);
        var pieceRows = InLine(Lines(mask, piecesAlongRows, rows, thickness, BoxPiece * thickness, 0, width - 1), thickness);
        if (InLine(lines, thickness).Count < 2 && BoxRows(pieceRows, thickness, minimum) is { } apart) lines = apart;
        if (lines.Count == 0) return (null, [], []);
        // Boxes printed a hair apart blur together in places only: a line found there goes on through its row's pieces.
        lines = lines.Select(line => pieceRows.Find(row => row.Count > 1 && row.Exists(piece => piece.Overlaps(line, thickness))) is { } row ? Bridge(row) : line)
            .DistinctBy(line => (line.From, line.To, line.At(line.From))).ToList();
        lines.Sort((a, b) => a.At(width / 2).CompareTo(b.At(width / 2)));
        var onLine = new bool[mask.Length];
        MarkAll(lines, mask, rows, onLine);
        // The field is the longest line and those alongside it: a shadow's or the paper's edge elsewhere is no part of it.
        // A thick or blurred line may have been tracked twice, from seeds at its two edges: it is one line of the field.
        var longest = lines.MaxBy(l => l.Centers.Length)!;
        var field = new List<PrintedLine>();
        foreach (var line in lines.Where(l => l.Alongside(longest)))
            if (!field.Exists(f => f.Overlaps(line, thickness))) field.Add(line);
        var walls = field.Count >= 2 ? MarkWalls(mask, width, height, thickness, field, onLine) : MarkTicks(mask, width, height, thickness, longest, onLine);
        return (onLine, walls, field);
    }

    /// <summary>
    /// Boxes printed apart: their top lines, and their bottom lines, are rows of pieces in line with each other, each
    /// too short to be a line of its own. Two such rows whose pieces lie over each other are the top and the bottom of
    /// the boxes, bridged across the gaps into two lines. (Printed digits' bars may line up in one row, never in two.)
    /// One of the two rows may be half a line long: digits written over their boxes' tops leave few pieces of them. Then
    /// most of its pieces lie over the other row's, though most of the other's have none over them.
    /// </summary>
    private static List<PrintedLine>? BoxRows(List<List<PrintedLine>> found, int thickness, double minimum)
    {
        var candidates = found.Where(r => Length(r) >= minimum / 2).OrderBy(r => r[0].At(r[0].From)).ToList();
        int Matched(List<PrintedLine> pieces, List<PrintedLine> other) =>
            pieces.Count(p => other.Exists(q => Math.Min(p.To, q.To) - Math.Max(p.From, q.From) >= PieceOverlap * Math.Min(p.Centers.Length, q.Centers.Length)));
        bool SameEnds(List<PrintedLine> a, List<PrintedLine> b) => Math.Abs(a[0].From - b[0].From) <= 2 * thickness && Math.Abs(a[^1].To - b[^1].To) <= 2 * thickness;
        // Where the boxes' gaps are narrow, one row may have been tracked across them into one line: then it starts and ends with the other.
        var pairs = from i in Enumerable.Range(0, candidates.Count)
                    from j in Enumerable.Range(i + 1, candidates.Count - i - 1)
                    let pieces = candidates[i].Count >= candidates[j].Count ? candidates[i] : candidates[j]
                    let other = ReferenceEquals(pieces, candidates[i]) ? candidates[j] : candidates[i]
                    let matched = Matched(pieces, other)
                    where matched >= 2 && (2 * matched >= pieces.Count || 2 * Matched(other, pieces) > other.Count) && (other.Count >= 2 || SameEnds(pieces, other))
                          && Math.Max(Length(pieces), Length(other)) >= minimum
                    orderby matched descending, j - i descending
                    select (Top: candidates[i], Bottom: candidates[j]);
        return pairs.Select(p => (List<PrintedLine>?)[Bridge(p.Top), Bridge(p.Bottom)]).FirstOrDefault();
    }

    /// <summary>How long a row of lines is, its gaps left out.</summary>
    private static int Length(List<PrintedLine> row) => row.Sum(p => p.Centers.Length);

    /// <summary>Lines grouped into rows: one after another along the axis, each going on where the one before it ends.</summary>
    private static List<List<PrintedLine>> InLine(IEnumerable<PrintedLine> lines, int thickness)
    {
        var found = new List<List<PrintedLine>>();
        foreach (var line in lines.OrderBy(p => p.From))
        {
            var row = found.Find(r => line.From > r[^1].To && Math.Abs(line.At(line.From) - r[^1].At(r[^1].To)) <= thickness);
            if (row is null) found.Add([line]);
            else row.Add(line);
        }
        return found;
    }

    /// <summary>One line through a row of pieces, straight across each gap between them.</summary>
    private static PrintedLine Bridge(List<PrintedLine> row)
    {
        var (from, to) = (row[0].From, row[^1].To);
        var centers = new double[to - from + 1];
        for (var u = from; u <= to; u++)
        {
            var before = row.FindLast(p => p.From <= u)!;
            if (u <= before.To)
            {
                centers[u - from] = before.At(u);
                continue;
            }
            var after = row.Find(p => p.From > u)!;
            var t = (u - before.To) / (double)(after.From - before.To);
            centers[u - from] = before.At(before.To) * (1 - t) + after.At(after.From) * t;
        }
        return new PrintedLine(from, centers, row.Average(p => p.HalfThickness));
    }

    /// <summary>
    /// The walls of a comb: vertical lines from its top line to its bottom line, evenly spaced from one end of the
    /// comb to the other. A tall straight stroke inside a box (a 1, a 4's stem) is as thin and as long as a wall, but
    /// it stands off the boxes' even spacing, so it stays. Where only the end walls are found, the walls between are
    /// looked for again as thick as <see cref="MergedWalls"/> lines (boxes printed a hair apart, in a small photo), and
    /// so are those missing from places of the spacing the others give (a photo blurred more in some places).
    /// </summary>
    private static IReadOnlyList<int> MarkWalls(ReadOnlySpan<int> mask, int width, int height, int thickness, List<PrintedLine> lines, bool[] onLine)
    {
        var walls = FindWalls(mask, width, height, thickness, thickness, lines);
        if (walls is { Places.Count: <= 2 })
            walls = FindWalls(mask, width, height, thickness, MergedWalls * thickness, lines) ?? walls;
        if (walls is not { } found) return [];
        var (wallLines, walled) = WithBlurredWalls(mask, width, height, thickness, lines, found.Lines, found.Places, found.Grid);
        MarkAll(wallLines, mask, new Axis(width, height, Horizontal: false), onLine);
        return found.Grid.Walls(walled);
    }

    /// <summary>
    /// The walls found, and those looked for again as thick as <see cref="MergedWalls"/> lines at the grid's places
    /// that lack one (or, where boxes are printed apart, their second): the two walls of a gap blurred into one bar.
    /// </summary>
    /// <returns>The walls' lines and at how many of the grid's places there are walls.</returns>
    private static (List<PrintedLine> Lines, int Walled) WithBlurredWalls(ReadOnlySpan<int> mask, int width, int height, int thickness,
        List<PrintedLine> lines, List<PrintedLine> found, List<WallPlace> places, Grid grid)
    {
        var wallsAt = Enumerable.Range(0, grid.Boxes + 1)
            .Select(k => places.Where(p => grid.Stands(k, p.At)).Sum(p => p.Walls.Length)).ToArray();
        var between = wallsAt[1..^1].Any(n => n >= 2) ? 2 : 1;
        var missing = Enumerable.Range(0, grid.Boxes + 1).Where(k => wallsAt[k] < (k == 0 || k == grid.Boxes ? 1 : between)).ToList();
        if (missing.Count == 0) return (found, wallsAt.Count(n => n > 0));
        var blurred = WallLines(mask, width, height, thickness, MergedWalls * thickness, lines);
        var all = new List<PrintedLine>(found);
        foreach (var k in missing)
            if (blurred.Where(w => grid.Stands(k, w.X)).OrderBy(w => Math.Abs(w.X - grid.Place(k))).Select(w => w.Line).FirstOrDefault() is { } wall)
            {
                all.Add(wall);
                wallsAt[k]++;
            }
        return (all, wallsAt.Count(n => n > 0));
    }

    /// <returns>The walls on the comb's even grid, their places and the grid; null without any wall.</returns>
    private static (List<PrintedLine> Lines, List<WallPlace> Places, Grid Grid)? FindWalls(
        ReadOnlySpan<int> mask, int width, int height, int thickness, int wallThickness, List<PrintedLine> lines)
    {
        var (top, bottom) = (lines[0], lines[^1]);
        var (left, right) = (lines.Min(l => l.From), lines.Max(l => l.To));
        var columns = new Axis(width, height, Horizontal: false);
        var span = Span(lines);
        var walls = WallLines(mask, width, height, thickness, wallThickness, lines);
        if (walls.Count == 0) return null;
        var places = Places(walls.Select(w => w.X).Order().ToList(), mask, columns, top, bottom, span);
        // The comb's end walls, where found, fix the grid better than the lines' ends (a tilted photo shifts the walls' middles).
        var (first, last) = (places[0].At, places[^1].At);
        var grid = EvenSpacing(places.Select(p => p.At).ToList(), first - left <= span ? first : left, right - last <= span ? last : right, thickness, span, strayWeight: 0);
        var found = places.Where(p => grid.Fits(p.At)).ToList();
        return (walls.Where(w => found.Exists(p => p.Walls.Contains(w.X))).Select(w => w.Line).ToList(), found, grid);
    }

    /// <summary>Vertical lines from the comb's top line to its bottom line, within its ends, and where they stand.</summary>
    private static List<(PrintedLine Line, double X)> WallLines(ReadOnlySpan<int> mask, int width, int height, int thickness, int wallThickness, List<PrintedLine> lines)
    {
        var (top, bottom) = (lines[0], lines[^1]);
        var (left, right) = (lines.Min(l => l.From), lines.Max(l => l.To));
        var columns = new Axis(width, height, Horizontal: false);
        var pieces = ThinPieces(mask, columns, wallThickness);
        var from = (int)Math.Max(0, top.Centers.Min());
        var to = (int)Math.Min(height - 1, bottom.Centers.Max());
        return Lines(mask, pieces, columns, wallThickness, WallSpan * Span(lines), from, to)
            .Select(wall => (Line: wall, X: (double)wall.At((wall.From + wall.To) / 2)))
            .Where(wall => wall.X >= left - thickness && wall.X <= right + thickness)
            .ToList();
    }

    /// <summary>
    /// Whether the paper is clear just beside a line (<see cref="GrainGap"/> pixels past its edge) on one side of it over
    /// most of its length: a comb's digits stand on one side of each of its lines, grain lies all around them.
    /// </summary>
    private static bool ClearBeside(PrintedLine line, ReadOnlySpan<int> mask, Axis axis)
    {
        int before = 0, after = 0;
        for (var u = line.From; u <= line.To; u++)
        {
            var (low, high) = line.Edges(u, axis.Across);
            if (low - GrainGap >= 0 && mask[axis.Index(u, low - GrainGap)] != 0) before++;
            if (high + GrainGap < axis.Across && mask[axis.Index(u, high + GrainGap)] != 0) after++;
        }
        return Math.Min(before, after) <= InkedBeside * line.Centers.Length;
    }

    /// <summary>How far apart the comb's top and bottom lines are, halfway along it.</summary>
    private static double Span(List<PrintedLine> lines)
    {
        var middle = (lines.Min(l => l.From) + lines.Max(l => l.To)) / 2;
        return lines[^1].At(middle) - lines[0].At(middle);
    }

    /// <summary>
    /// A comb proper: a line with short ticks standing on it between the digits, evenly spaced. A digit's stem
    /// standing on the line is as thin and as straight, but off that spacing, so it stays.
    /// </summary>
    private static IReadOnlyList<int> MarkTicks(ReadOnlySpan<int> mask, int width, int height, int thickness, PrintedLine line, bool[] onLine)
    {
        var columns = new Axis(width, height, Horizontal: false);
        var pieces = ThinPieces(mask, columns, thickness);
        var digitHeight = InkAbove(mask, width, line);
        var ticks = new List<(PrintedLine Line, double X)>();
        foreach (var tick in Lines(mask, pieces, columns, thickness, ShortestTick * thickness, 0, (int)Math.Min(height - 1, line.Centers.Max() + thickness)))
        {
            var x = (double)tick.At((tick.From + tick.To) / 2);
            if (x >= line.From - thickness && x <= line.To + thickness && Math.Abs(tick.To - line.At((int)x)) <= 2 * thickness
                && InkRunUp(tick, mask, columns) <= TallestTick * digitHeight)
                ticks.Add((tick, x));
        }
        if (ticks.Count < 3) return [];
        var (first, last) = (ticks.Min(t => t.X), ticks.Max(t => t.X));
        var grid = EvenSpacing(ticks.Select(t => t.X).ToList(), first, last, thickness, digitHeight, StrayTickWeight);
        var found = ticks.Where(t => grid.Fits(t.X)).ToList();
        MarkAll(found.Select(t => t.Line).ToList(), mask, columns, onLine);
        return grid.Walls(found.Count);
    }

    /// <summary>
    /// How tall a tick's ink stands, unbroken, from its foot up: its tracking may have crossed a gap into a stroke of
    /// the digit above it, which makes it no taller.
    /// </summary>
    private static int InkRunUp(PrintedLine tick, ReadOnlySpan<int> mask, Axis columns)
    {
        var y = tick.To;
        for (; y >= tick.From; y--)
        {
            var (low, high) = tick.Edges(y, columns.Across);
            var inked = false;
            for (var x = low; x <= high && !inked; x++) inked = mask[columns.Index(y, x)] != 0;
            if (!inked) break;
        }
        return tick.To - y;
    }

    /// <summary>How far above a line the ink over it reaches: the height of the digits written on it.</summary>
    private static double InkAbove(ReadOnlySpan<int> mask, int width, PrintedLine line)
    {
        for (var y = 0; y < line.Centers.Min(); y++)
            for (var x = line.From; x <= line.To; x++)
                if (mask[y * width + x] != 0) return line.At(x) - y;
        return 0;
    }

    /// <summary>One place between two boxes: a wall, or the two walls of boxes printed apart, and where it divides them.</summary>
    private sealed record WallPlace(double At, double[] Walls);

    /// <summary>
    /// The places between boxes. Two walls close together with no printed line between them at the top or the bottom
    /// are the ends of two boxes printed apart: their place is the middle of the gap. A wall alone (the comb's end, or
    /// one whose neighbour was not found) moves half a gap towards the gap beside it, so that every box of the even
    /// spacing holds one box and one gap.
    /// </summary>
    private static List<WallPlace> Places(List<double> walls, ReadOnlySpan<int> mask, Axis columns, PrintedLine top, PrintedLine bottom, double span)
    {
        var places = new List<WallPlace>();
        var gaps = new List<double>();
        for (var i = 0; i < walls.Count; i++)
        {
            if (i + 1 < walls.Count && walls[i + 1] - walls[i] < PairedWalls * span
                && Apart(top, bottom, mask, columns, walls[i], walls[i + 1]))
            {
                places.Add(new((walls[i] + walls[i + 1]) / 2, [walls[i], walls[i + 1]]));
                gaps.Add(walls[i + 1] - walls[i]);
                i++;
                continue;
            }
            places.Add(new(walls[i], [walls[i]]));
        }
        if (gaps.Count == 0) return places;
        var half = gaps.Order().ElementAt(gaps.Count / 2) / 2;
        var reach = Math.Max(3, 2 * half);
        for (var k = 0; k < places.Count; k++)
        {
            if (places[k].Walls.Length == 2) continue;
            var x = places[k].At;
            if (k == 0 || Apart(top, bottom, mask, columns, x - reach, x - 2)) places[k] = places[k] with { At = x - half };
            else if (k == places.Count - 1 || Apart(top, bottom, mask, columns, x + 2, x + reach)) places[k] = places[k] with { At = x + half };
        }
        return places;
    }

    /// <summary>Whether the top or the bottom line is not printed over most of the columns strictly between two places: a gap between boxes.</summary>
    private static bool Apart(PrintedLine top, PrintedLine bottom, ReadOnlySpan<int> mask, Axis columns, double from, double to) =>
        !Printed(top, mask, columns, from, to) || !Printed(bottom, mask, columns, from, to);

    /// <summary>Whether a horizontal line has ink over most of the columns strictly between two places.</summary>
    private static bool Printed(PrintedLine line, ReadOnlySpan<int> mask, Axis columns, double from, double to)
    {
        int inked = 0, all = 0;
        for (var x = (int)Math.Ceiling(from) + 1; x < to - 1; x++)
        {
            var (low, high) = line.Edges(x, columns.Along);
            all++;
            for (var y = low; y <= high; y++)
                if (mask[columns.Index(y, x)] != 0)
                {
                    inked++;
                    break;
                }
        }
        return all == 0 || 2 * inked > all;
    }

    /// <summary>
    /// The even split from <paramref name="left"/> to <paramref name="right"/> that the walls found fit best: each
    /// place with a wall counts for it, each place without one against it, and each wall off every place by
    /// <paramref name="strayWeight"/> against it; on a tie, the boxes nearer square (the walls of every other box
    /// found, and strokes standing in the middle of boxes twice as wide, fit either split as well). Only boxes from
    /// <see cref="NarrowestBox"/> to <see cref="WidestBox"/> times as wide as <paramref name="boxHeight"/> are tried:
    /// wider ones would take the walls a digit hides for missing, narrower ones tall strokes for walls.
    /// </summary>
    /// <param name="strayWeight">How much each wall off the grid's places counts against it.</param>
    private static Grid EvenSpacing(List<double> walls, double left, double right, int thickness, double boxHeight, double strayWeight)
    {
        var fewest = Math.Max(1, (int)Math.Ceiling((right - left) / (WidestBox * boxHeight)));
        var best = new Grid(left, right, fewest, thickness);
        var bestScore = double.MinValue;
        double OffSquare(int boxes) => Math.Abs(Math.Log((right - left) / boxes / boxHeight));
        for (var boxes = fewest; (right - left) / boxes >= Math.Max(2 * thickness, NarrowestBox * boxHeight); boxes++)
        {
            var grid = new Grid(left, right, boxes, thickness);
            var found = Enumerable.Range(0, boxes + 1).Count(k => walls.Exists(x => grid.Stands(k, x)));
            var unexplained = walls.Count(x => !grid.Fits(x));
            var score = found - MissingWallWeight * (boxes + 1 - found) - strayWeight * unexplained;
            if (score > bestScore || score == bestScore && OffSquare(boxes) < OffSquare(best.Boxes)) (best, bestScore) = (grid, score);
        }
        return best;
    }

    /// <summary>The places of the walls of <paramref name="Boxes"/> boxes of equal width between two ends.</summary>
    private sealed record Grid(double Left, double Right, int Boxes, int Thickness)
    {
        public double Pitch => (Right - Left) / Boxes;
        public double Tolerance => Math.Max(Thickness, WallPlacement * Pitch);
        public double Place(int k) => Left + k * Pitch;
        /// <summary>Whether a wall at <paramref name="x"/> stands at one of the grid's places.</summary>
        public bool Fits(double x) => Enumerable.Range(0, Boxes + 1).Any(k => Stands(k, x));
        /// <summary>Whether a wall at <paramref name="x"/> stands at the grid's place <paramref name="k"/>.</summary>
        public bool Stands(int k, double x) => Math.Abs(Place(k) - x) <= Tolerance;

        /// <summary>Where the boxes meet, if walls were found at <paramref name="found"/> of its places: none when that is under half (the spacing would be a guess).</summary>
        public IReadOnlyList<int> Walls(int found) => 2 * found < Boxes + 1 ? [] : Enumerable.Range(0, Boxes + 1).Select(k => (int)Math.Round(Place(k))).ToList();
    }

    /// <summary>A picture read along rows (u = x, v = y) or along columns (u = y, v = x).</summary>
    private readonly record struct Axis(int Width, int Height, bool Horizontal)
    {
        public int Along => Horizontal ? Width : Height;
        public int Across => Horizontal ? Height : Width;
        public int Index(int u, int v) => Horizontal ? v * Width + u : u * Width + v;
    }

    /// <summary>Sets to <see cref="ThinInk"/> the ink pixels whose run across the axis (down a column, for rows) is at most <paramref name="thickness"/> long, the rest to 0.</summary>
    private static void Thin(ReadOnlySpan<int> mask, Axis axis, int thickness, Span<byte> thin)
    {
        thin.Clear();
        for (var u = 0; u < axis.Along; u++)
        {
            var start = -1;
            for (var v = 0; v <= axis.Across; v++)
            {
                var ink = v < axis.Across && mask[axis.Index(u, v)] != 0;
                if (ink && start < 0) start = v;
                if (ink || start < 0) continue;
                if (v - start <= thickness)
                    for (var k = start; k < v; k++) thin[axis.Index(u, k)] = ThinInk;
                start = -1;
            }
        }
    }

    /// <summary>
    /// From the longest thin pieces, the straight line each lies on (fitted through the middles of its pixels), tracked
    /// both ways as long as ink lies on it (thick where a stroke crosses), between <paramref name="first"/> and
    /// <paramref name="last"/> along the axis; those at least <paramref name="minimum"/> long are printed lines.
    /// </summary>
    private static List<PrintedLine> Lines(ReadOnlySpan<int> mask, List<ThinPiece> pieces, Axis axis, int thickness, double minimum, int first, int last,
        double maximumSlope = MaximumSlope)
    {
        var lines = new List<PrintedLine>();
        var seeds = pieces
            .Where(p => p.Length >= Math.Max((axis.Horizontal ? RuleSeed : WallSeed) * thickness, SeedShare * minimum) && p.Breadth <= 2 * thickness + maximumSlope * p.Length)
            .OrderByDescending(p => p.Length);
        foreach (var seed in seeds)
        {
            if (lines.Exists(l => l.Covers(seed))) continue;
            var (intercept, slope) = seed.Fit();
            if (Math.Abs(slope) > maximumSlope) continue;
            var half = Math.Max(1, seed.Pixels.Count / (double)seed.Length / 2) + 0.5;
            var start = Math.Clamp(seed.From, first, last);
            var after = Track(mask, axis, intercept + slope * start, half, start, 1, thickness, last);
            var before = Track(mask, axis, intercept + slope * start, half, start - 1, -1, thickness, first);
            before.Reverse();
            var line = new PrintedLine(start - before.Count, [.. before, .. after], half);
            // A wall or a tick is printed straight; tracked on into a digit's stroke touching it, it bends.
            if (!axis.Horizontal) line = line.StraightPart(thickness, UprightSlope);
            if (line.Centers.Length > 0 && line.Centers.Length >= minimum) lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// The line's middle at each position from <paramref name="start"/> by <paramref name="step"/>, until its ink breaks off for
    /// longer than a noisy gap. Where only the line's ink is near, the middle follows it (a photo's lines bend a little).
    /// </summary>
    private static List<double> Track(ReadOnlySpan<int> mask, Axis axis, double middle, double half, int start, int step, int thickness, int limit)
    {
        var centers = new List<double>();
        var missing = 0;
        var longestGap = axis.Horizontal ? thickness : WallGap * thickness;
        for (var u = start; (step > 0 ? u <= limit : u >= limit) && missing <= longestGap; u += step)
        {
            int low = Math.Max(0, (int)Math.Floor(middle - half - 1)), high = Math.Min(axis.Across - 1, (int)Math.Ceiling(middle + half + 1));
            // Only the run of ink nearest the middle: a second line close beside (the wall of the next box) does not pull it over.
            double sum = 0, nearest = double.MaxValue;
            var count = 0;
            for (var v = low; v <= high; v++)
            {
                if (mask[axis.Index(u, v)] == 0) continue;
                var first = v;
                while (v < high && mask[axis.Index(u, v + 1)] != 0) v++;
                var distance = Math.Max(0, Math.Max(first - middle, middle - v));
                if (distance >= nearest) continue;
                (nearest, sum, count) = (distance, (first + v) * (v - first + 1) / 2.0, v - first + 1);
            }
            centers.Add(middle);
            missing = count == 0 ? missing + 1 : 0;
            if (count > 0 && count <= 2 * half + 1) middle += (sum / count - middle) * 0.3;
        }
        return centers.GetRange(0, centers.Count - missing);
    }

    /// <summary>Marks the lines' pixels; a line beside another (the next box's wall, a rule printed double) is no stroke running along it.</summary>
    private static void MarkAll(List<PrintedLine> lines, ReadOnlySpan<int> mask, Axis axis, bool[] onLine)
    {
        var onAny = new bool[mask.Length];
        foreach (var line in lines)
            for (var u = line.From; u <= line.To; u++)
            {
                var (low, high) = line.Edges(u, axis.Across);
                for (var v = low; v <= high; v++) onAny[axis.Index(u, v)] = true;
            }
        foreach (var line in lines) Mark(line, mask, axis, onLine, onAny);
    }

    /// <summary>
    /// Marks the line's pixels, except where a stroke crosses it (ink goes on at both sides of the line) or runs along
    /// it (ink beside the line, or the line <see cref="ThickerStroke"/> pixels thicker than it mostly is, for longer than
    /// <see cref="AlongStroke"/> of its thicknesses: a 7's bar on a comb's top line, whose ink the line's own would
    /// otherwise take with it, though the line's tracked middle drifts into it). A stroke that merely ends on the line
    /// leaves it there.
    /// </summary>
    /// <param name="otherLines">Pixels of other lines, which are no stroke beside this one.</param>
    private static void Mark(PrintedLine line, ReadOnlySpan<int> mask, Axis axis, bool[] onLine, bool[] otherLines)
    {
        var beside = new bool[line.Centers.Length];
        var kept = new bool[line.Centers.Length];
        var across = new int[line.Centers.Length];
        for (var u = line.From; u <= line.To; u++)
        {
            var (low, high) = line.Edges(u, axis.Across);
            var above = low > 0 && IsStroke(mask, axis.Index(u, low - 1), otherLines);
            var below = high < axis.Across - 1 && IsStroke(mask, axis.Index(u, high + 1), otherLines);
            kept[u - line.From] = above && below;
            beside[u - line.From] = above || below;
            across[u - line.From] = InkAcross(line, u, mask, axis);
        }
        var printed = across.Where(n => n > 0).Order().ToList();
        if (printed.Count > 0)
        {
            var thick = printed[printed.Count / 2] + ThickerStroke;
            for (var i = 0; i < across.Length; i++) beside[i] |= across[i] >= thick;
        }
        var run = 0;
        for (var i = 0; i <= beside.Length; i++)
        {
            if (i < beside.Length && beside[i])
            {
                run++;
                continue;
            }
            if (run > AlongStroke * (2 * line.HalfThickness + 1))
                for (var k = i - run; k < i; k++) kept[k] = true;
            run = 0;
        }
        for (var u = line.From; u <= line.To; u++)
        {
            if (kept[u - line.From]) continue;
            var (low, high) = line.Edges(u, axis.Across);
            for (var v = low; v <= high; v++) onLine[axis.Index(u, v)] = true;
        }
    }

    /// <summary>How many pixels thick the ink is across the line at <paramref name="u"/>, through the ink nearest its middle.</summary>
    private static int InkAcross(PrintedLine line, int u, ReadOnlySpan<int> mask, Axis axis)
    {
        var (low, high) = line.Edges(u, axis.Across);
        var middle = line.At(u);
        var at = -1;
        for (var v = low; v <= high; v++)
            if (mask[axis.Index(u, v)] != 0 && (at < 0 || Math.Abs(v - middle) < Math.Abs(at - middle))) at = v;
        if (at < 0) return 0;
        var (first, last) = (at, at);
        while (first > 0 && mask[axis.Index(u, first - 1)] != 0) first--;
        while (last < axis.Across - 1 && mask[axis.Index(u, last + 1)] != 0) last++;
        return last - first + 1;
    }

    private static bool IsStroke(ReadOnlySpan<int> mask, int index, bool[] otherLines) => mask[index] != 0 && !otherLines[index];

    /// <summary>Connected pixels of <see cref="Thin"/> ink: the pieces printed lines are tracked from.</summary>
    private static List<ThinPiece> ThinPieces(ReadOnlySpan<int> mask, Axis axis, int thickness)
    {
        var rented = ArrayPool<byte>.Shared.Rent(mask.Length);
        try
        {
            var state = rented.AsSpan(0, mask.Length);
            Thin(mask, axis, thickness, state);
            var pieces = new List<ThinPiece>();
            var stack = new Stack<(int U, int V)>();
            for (var u0 = 0; u0 < axis.Along; u0++)
                for (var v0 = 0; v0 < axis.Across; v0++)
                {
                    if (state[axis.Index(u0, v0)] != ThinInk) continue;
                    var piece = new ThinPiece();
                    state[axis.Index(u0, v0)] = SeenInk;
                    stack.Push((u0, v0));
                    while (stack.TryPop(out var p))
                    {
                        piece.Add(p.U, p.V);
                        for (var du = -1; du <= 1; du++)
                            for (var dv = -1; dv <= 1; dv++)
                            {
                                int u = p.U + du, v = p.V + dv;
                                if (u < 0 || v < 0 || u >= axis.Along || v >= axis.Across) continue;
                                var n = axis.Index(u, v);
                                if (state[n] != ThinInk) continue;
                                state[n] = SeenInk;
                                stack.Push((u, v));
                            }
                    }
                    pieces.Add(piece);
                }
            return pieces;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A pixel's state while thin pieces are gathered: thin ink in no piece yet, and thin ink in one.</summary>
    private const byte ThinInk = 1, SeenInk = 2;

    /// <summary>Connected thin pixels, in axis coordinates: u along the line, v across it.</summary>
    internal sealed class ThinPiece
    {
        public List<(int U, int V)> Pixels { get; } = [];
        public int From { get; private set; } = int.MaxValue;
        public int To { get; private set; } = -1;
        private int _low = int.MaxValue, _high = -1;
        public int Length => To - From + 1;
        public int Breadth => _high - _low + 1;
        public double Middle => (_low + _high) / 2.0;

        public void Add(int u, int v)
        {
            Pixels.Add((u, v));
            From = Math.Min(From, u);
            To = Math.Max(To, u);
            _low = Math.Min(_low, v);
            _high = Math.Max(_high, v);
        }

        /// <summary>The straight line v = intercept + slope u through the middles of its pixels at each u (least squares).</summary>
        public (double Intercept, double Slope) Fit()
        {
            var middles = Pixels.GroupBy(p => p.U).Select(g => (U: (double)g.Key, V: g.Average(p => p.V))).ToArray();
            double n = middles.Length, su = middles.Sum(m => m.U), sv = middles.Sum(m => m.V);
            double suu = middles.Sum(m => m.U * m.U), suv = middles.Sum(m => m.U * m.V);
            var denominator = n * suu - su * su;
            var slope = denominator == 0 ? 0 : (n * suv - su * sv) / denominator;
            return ((sv - slope * su) / n, slope);
        }
    }
}

/// <summary>A printed line in axis coordinates: its middle across the axis at each position from <paramref name="From"/> on, HalfThickness on either side.</summary>
internal sealed record PrintedLine(int From, double[] Centers, double HalfThickness)
{
    public int To => From + Centers.Length - 1;

    public double At(int u) => Centers[Math.Clamp(u - From, 0, Centers.Length - 1)];

    /// <summary>The first and last positions across the line that it covers at <paramref name="u"/>.</summary>
    public (int Low, int High) Edges(int u, int across)
    {
        var middle = At(u);
        return (Math.Max(0, (int)Math.Floor(middle - HalfThickness)), Math.Min(across - 1, (int)Math.Ceiling(middle + HalfThickness)));
    }

    /// <summary>Whether the two lines run side by side (at any distance) for over half the shorter's length.</summary>
    public bool Alongside(PrintedLine other) => 2 * (Math.Min(To, other.To) - Math.Max(From, other.From) + 1) > Math.Min(Centers.Length, other.Centers.Length);

    /// <summary>Whether the other line runs along this one, within <paramref name="distance"/>, for over half the shorter's length.</summary>
    public bool Overlaps(PrintedLine other, int distance)
    {
        var middle = (Math.Max(From, other.From) + Math.Min(To, other.To)) / 2;
        return Alongside(other) && Math.Abs(At(middle) - other.At(middle)) <= distance;
    }

    /// <summary>
    /// The longest stretch of the line that runs straight on, its middle moving at most <paramref name="slope"/> a pixel
    /// over <paramref name="reach"/> pixels either way: a wall or a tick tracked on into a digit's stroke touching it
    /// bends with the stroke, where the wall ends.
    /// </summary>
    public PrintedLine StraightPart(int reach, double slope)
    {
        var last = Centers.Length - 1;
        var (bestFirst, bestLength, first) = (0, 0, 0);
        for (var i = 0; i <= Centers.Length; i++)
        {
            if (i <= last)
            {
                var (before, after) = (Math.Max(0, i - reach), Math.Min(last, i + reach));
                if (Math.Abs(Centers[after] - Centers[before]) <= slope * (after - before)) continue;
            }
            if (i - first > bestLength) (bestFirst, bestLength) = (first, i - first);
            first = i + 1;
        }
        return bestLength == Centers.Length ? this : new PrintedLine(From + bestFirst, Centers[bestFirst..(bestFirst + bestLength)], HalfThickness);
    }

    public bool Covers(FieldLines.ThinPiece piece) =>
        piece.From >= From && piece.To <= To && Math.Abs(At((piece.From + piece.To) / 2) - piece.Middle) <= HalfThickness + 1;
}
