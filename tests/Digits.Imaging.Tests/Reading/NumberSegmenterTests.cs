using Digits.Imaging.Reading;
using Digits.Imaging.RealWorld;

namespace Digits.Imaging.Tests.Reading;

/// <summary>Segmentation without a model: which stretches of ink, cuts and boxes a picture of a number gives.</summary>
public sealed class NumberSegmenterTests
{
    private const int Height = 100;

    /// <summary>Light paper with dark rectangles (x, y, width, height) painted on it.</summary>
    private static DecodedImage Paper(int width, params (int X, int Y, int W, int H)[] marks) => Paper(width, Height, marks);

    private static DecodedImage Paper(int width, int height, IEnumerable<(int X, int Y, int W, int H)> marks)
    {
        var paper = Pictures.Blank(width, height, 240);
        foreach (var (x, y, w, h) in marks) Pictures.Paint(paper, x, y, w, h, 30);
        return paper;
    }

    /// <summary>A "1": a vertical stroke 60 pixels tall.</summary>
    private static (int, int, int, int) One(int x) => (x, 20, 8, 60);

    /// <summary>A "0": a rectangle outline 40 wide and 60 tall, strokes 7 thick.</summary>
    private static IEnumerable<(int, int, int, int)> Zero(int x) => [(x, 20, 40, 7), (x, 73, 40, 7), (x, 20, 7, 60), (x + 33, 20, 7, 60)];

    private static List<int> Lefts(NumberLattice lattice) =>
        lattice.Stretches.Select(s => lattice.Candidates.Where(c => c.From == s.From).Min(c => c.Box.X)).ToList();

    [Fact]
    public void Separate_digits_are_one_stretch_each_left_to_right_with_boxes_in_the_images_pixels()
    {
        var lattice = NumberSegmenter.Segment(Paper(300, One(40), One(100), One(160)));

        Assert.Equal(3, lattice.Stretches.Count);
        Assert.Equal(3, lattice.Candidates.Count);
        Assert.Equal([40, 100, 160], lattice.Candidates.Select(c => c.Box.X));
        Assert.All(lattice.Candidates, c => Assert.Equal((8, 60, 784), (c.Box.Width, c.Box.Height, c.Input.Length)));
        Assert.False(lattice.MarksLeftOut);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(85)]
    public void A_rule_that_runs_off_the_corner_of_the_picture_is_followed_to_the_edge_and_no_further(int y)
    {
        var lattice = NumberSegmenter.Segment(Paper(300, [(0, y, 300, 3), One(40), One(100)]));

        Assert.Equal([40, 100], lattice.Candidates.Select(c => c.Box.X));
    }

    [Fact]
    public void A_speck_and_a_dash_between_groups_give_no_digit()
    {
        var lattice = NumberSegmenter.Segment(Paper(400, One(40), One(90), (150, 48, 20, 5), (230, 90, 3, 3), One(280), One(330)));
        Assert.Equal([40, 90, 280, 330], Lefts(lattice));
    }

    [Fact]
    public void A_digit_in_two_pieces_stays_one_digit()
    {
        // A 5 whose cap was lifted off the paper: a short bar over the body, not touching it.
        var lattice = NumberSegmenter.Segment(Paper(300, (60, 20, 36, 7), (60, 32, 8, 20), (60, 50, 36, 7), (89, 50, 7, 30), (60, 73, 36, 7), One(160)));
        Assert.Equal(2, lattice.Stretches.Count);
        Assert.Equal(60, lattice.Candidates[0].Box.X);
        Assert.Equal(20, lattice.Candidates[0].Box.Y);
    }

    [Fact]
    public void A_short_stroke_parted_from_its_digit_joins_it_though_it_reaches_mostly_beside_it()
    {
        // A 7 whose bar lost its corner (to a printed line taken out, or faint ink): a bar 36 wide of which only the
        // last 6 columns lie over the stem, a little above it.
        var lattice = NumberSegmenter.Segment(Paper(300, (70, 12, 36, 5), One(100), One(200)));

        Assert.Equal(2, lattice.Stretches.Count);
        Assert.Equal(70, lattice.Candidates[0].Box.X);
        Assert.Equal(12, lattice.Candidates[0].Box.Y);
    }

    [Fact]
    public void The_lines_of_a_comb_field_are_taken_out_and_a_stroke_crossing_them_stays()
    {
        // Three boxes 70 wide between rows 10 and 90; the middle 1 runs through the bottom line.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, One(50), (120, 25, 8, 70), One(190)]));

        Assert.Equal([50, 120, 190], Lefts(lattice));
        Assert.Equal(70, lattice.Candidates[1].Box.Height);
    }

    [Fact]
    public void A_sevens_bar_written_on_the_top_line_of_its_box_stays_with_its_stem()
    {
        // Three boxes 70 wide between rows 10 and 90, lines 1 thick; the middle box holds a 7 whose bar, 4 thick and
        // 36 wide, lies on the top line: thin enough to be taken for the line where the line runs under it.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 1), (20, 89, 212, 1) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, One(50), (105, 10, 36, 4), (133, 10, 7, 65), One(190)]));

        Assert.Equal([50, 105, 190], Lefts(lattice));
        Assert.Equal(new DigitBox(105, 10, 36, 65), lattice.Candidates.Single(c => c.Box.X == 105).Box);
    }

    [Fact]
    public void Boxes_printed_a_hair_apart_whose_two_walls_blur_into_one_bar_are_still_a_comb()
    {
        // Three boxes 70 wide between rows 10 and 90; between two boxes, their walls and the hair of paper between
        // them are one bar 7 wide, thicker than a line can be but as thin as a digit's stroke.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2), (20, 10, 2, 80), (230, 10, 2, 80), (87, 10, 7, 80), (157, 10, 7, 80) };
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, One(50), One(120), One(190)]));

        Assert.Equal([50, 120, 190], Lefts(lattice));
        Assert.Equal(3, lattice.DigitsInBoxes);
    }

    [Fact]
    public void Boxes_printed_apart_whose_walls_blur_together_at_one_place_only_lose_those_walls_too()
    {
        // Four boxes 60 wide and 80 tall, 4 apart, lines 2 thick, a 1 in each; between the second and the third box
        // the two walls and the paper between them are one bar 8 wide, thicker than a line can be.
        var marks = new List<(int X, int Y, int W, int H)>();
        foreach (var left in Enumerable.Range(0, 4).Select(i => 20 + 64 * i))
            marks.AddRange([(left, 10, 60, 2), (left, 88, 60, 2), (left, 10, 2, 80), (left + 58, 10, 2, 80), One(left + 26)]);
        marks.Add((140, 10, 8, 80));
        var lattice = NumberSegmenter.Segment(Paper(300, [.. marks]));

        Assert.Equal([46, 110, 174, 238], Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    /// <summary>
    /// Three 1s in three boxes 70 wide between rows 10 and 90, printed lighter than the digits: the top and bottom lines
    /// <paramref name="lines"/> grey, the walls pale grey but for the stretches (top, height) printed mid grey.
    /// </summary>
    private static DecodedImage PaleComb(byte lines, params (int Top, int Height)[] darker)
    {
        var paper = Paper(260, One(50), One(120), One(190));
        foreach (var y in new[] { 10, 88 }) Pictures.Paint(paper, 20, y, 212, 2, lines);
        foreach (var x in Enumerable.Range(0, 4).Select(i => 20 + 70 * i))
        {
            Pictures.Paint(paper, x, 10, 2, 80, 200);
            foreach (var (top, height) in darker) Pictures.Paint(paper, x, top, 2, height, 120);
        }
        return paper;
    }

    [Fact]
    public void A_comb_printed_lighter_than_the_digits_whose_walls_break_up_in_their_ink_is_still_a_comb()
    {
        // Lines mid grey, walls pale grey with darker dashes 12 pixels long every 24: the digits' ink holds the lines and
        // the dashes only, too short to track a wall from.
        var lattice = NumberSegmenter.Segment(PaleComb(120, (16, 12), (40, 12), (64, 12)));

        Assert.Equal([50, 120, 190], Lefts(lattice));
        Assert.Equal(3, lattice.DigitsInBoxes);
    }

    [Fact]
    public void A_comb_printed_so_light_that_only_its_walls_middles_show_in_the_digits_ink_is_still_a_comb()
    {
        // All pale grey but the walls' middle 40 rows (a shadow's edge, a worn print): the digits' ink holds no line,
        // only those pieces of walls, as tall as 1s.
        var lattice = NumberSegmenter.Segment(PaleComb(200, (30, 40)));

        Assert.Equal([50, 120, 190], Lefts(lattice));
        Assert.Equal(3, lattice.DigitsInBoxes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(184)]
    public void A_grainy_photo_of_digits_without_lines_is_no_comb(int seed)
    {
        // Three bold 1s photographed on plain paper with heavy grain and JPEG blocks. No line shows in the digits' ink; in
        // fainter ink, lines and walls or ticks run through the grain, which lies on both sides of them.
        var random = new Random(seed);
        var (width, height) = (260, 100);
        var ink = new float[width * height];
        foreach (var left in new[] { 50, 120, 190 })
            for (var y = 20; y < 80; y++) ink.AsSpan(y * width + left, 8).Fill(1);
        var style = new PhotoStyle
        {
            Paper = random.Between(170, 245), InkLevel = random.Between(10, 90), Size = random.Next(240, 800), Aspect = 2.6 * random.Between(0.85, 1.3),
            DigitShare = random.Between(0.7, 0.92), RotationDegrees = random.Between(-3, 3), BlurSigma = random.NextDouble(),
            Noise = random.Between(8, 15), LightFalloff = random.Between(0, 0.25), JpegQuality = random.Next(25, 50),
        };
        var lattice = NumberSegmenter.Segment(ImageDecoder.Decode(PaperPhoto.Render(new InkImage(width, height, ink), style, random)));

        Assert.Equal(3, lattice.Stretches.Count);
        Assert.Null(lattice.DigitsInBoxes);
    }

    [Fact]
    public void A_comb_photographed_with_much_paper_around_it_is_read_in_its_frame_with_boxes_in_the_images_pixels()
    {
        // Three boxes 70 wide, 80 tall, a 1 in each, at (300, 150) on paper 900 by 400.
        var (dx, dy) = (300, 150);
        var comb = new List<(int X, int Y, int W, int H)> { (20, 10, 212, 2), (20, 88, 212, 2), One(50), One(120), One(190) };
        comb.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var paper = Pictures.Blank(900, 400, 240);
        foreach (var (x, y, w, h) in comb) Pictures.Paint(paper, dx + x, dy + y, w, h, 30);
        var lattice = NumberSegmenter.Segment(paper);

        Assert.Equal(3, lattice.DigitsInBoxes);
        Assert.Equal([350, 420, 490], Lefts(lattice));
        Assert.All(lattice.Candidates, c => Assert.Equal(new DigitBox(c.Box.X, 170, 8, 60), c.Box));
    }

    [Fact]
    public void A_comb_photographed_six_degrees_askew_is_levelled_and_its_boxes_are_in_the_images_pixels()
    {
        // Five boxes 70 wide and 80 tall, a 1 in each, the whole picture then turned 6 degrees about its middle: its
        // lines are steeper than a line may run, and its walls would be read as 1s.
        var (comb, ones) = FiveBoxComb(top: 60, height: 80, onesTop: 70);
        var lattice = NumberSegmenter.Segment(Turned(Paper(480, 200, [.. comb, .. ones]), 6));

        Assert.Equal(5, lattice.DigitsInBoxes);
        Assert.Equal(5, lattice.Stretches.Count);
        for (var i = 0; i < ones.Count; i++)
        {
            var box = lattice.Candidates.Single(c => c.From == lattice.Stretches[i].From && c.To == lattice.Stretches[i].To).Box;
            var (x, y) = TurnedPoint(ones[i].X + ones[i].W / 2.0, ones[i].Y + ones[i].H / 2.0, 480, 200, 6);
            Assert.InRange(box.X + box.Width / 2.0, x - 4, x + 4);
            Assert.InRange(box.Y + box.Height / 2.0, y - 4, y + 4);
        }
    }

    [Fact]
    public void A_comb_askew_whose_walls_run_off_the_picture_reads_no_digit_beyond_its_edges()
    {
        // Five boxes 70 wide and 118 tall, a 1 in each, filling the picture's height, turned 6 degrees: the ends of the
        // comb's lines and walls run off its top and bottom. Levelled, they run on into the corners filled from the
        // picture's edges, where there is nothing to read.
        var (comb, ones) = FiveBoxComb(top: 10, height: 120, onesTop: 40);
        var lattice = NumberSegmenter.Segment(Turned(Paper(480, 140, [.. comb, .. ones]), 6));

        Assert.Equal(5, lattice.Stretches.Count);
        Assert.All(lattice.Candidates, c => Assert.True(c.Box.X >= 0 && c.Box.Y >= 0 && c.Box.X + c.Box.Width <= 480 && c.Box.Y + c.Box.Height <= 140, $"{c.Box}"));
    }

    [Fact]
    public void Boxes_printed_apart_photographed_six_degrees_askew_are_levelled()
    {
        // Five boxes 60 wide and 78 tall, 20 apart, a bold 1 in each, in the middle of the paper, the picture then
        // turned 6 degrees: each box's top and bottom are pieces, in line with the next box's.
        var marks = BoxesApart(5, 20, 2).Concat(Enumerable.Range(0, 5).Select(i => (44 + 80 * i, 20, 14, 60)));
        var lattice = NumberSegmenter.Segment(Turned(Paper(520, 240, marks.Select(m => (m.Item1 + 40, m.Item2 + 70, m.Item3, m.Item4))), 6));

        Assert.Equal(5, lattice.DigitsInBoxes);
        Assert.Equal(5, lattice.Stretches.Count);
    }

    /// <summary>
    /// Five boxes 70 wide sharing their walls, from x = 60 and y = <paramref name="top"/>, <paramref name="height"/>
    /// tall, lines 2 thick; and a 1 in each, from y = <paramref name="onesTop"/>.
    /// </summary>
    private static (List<(int X, int Y, int W, int H)> Comb, List<(int X, int Y, int W, int H)> Ones) FiveBoxComb(int top, int height, int onesTop) =>
        ([(60, top, 352, 2), (60, top + height - 2, 352, 2), .. Enumerable.Range(0, 6).Select(i => (60 + 70 * i, top, 2, height))],
         Enumerable.Range(0, 5).Select(i => (91 + 70 * i, onesTop, 8, 60)).ToList());

    /// <summary>The picture turned clockwise by <paramref name="degrees"/> about its middle (nearest pixel; paper beyond its edges).</summary>
    private static DecodedImage Turned(DecodedImage image, double degrees)
    {
        var turned = Pictures.Blank(image.Width, image.Height, 240);
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        var (cx, cy) = (image.Width / 2.0, image.Height / 2.0);
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var sx = (int)Math.Round(cx + (x - cx) * cos + (y - cy) * sin);
                var sy = (int)Math.Round(cy - (x - cx) * sin + (y - cy) * cos);
                if (sx < 0 || sy < 0 || sx >= image.Width || sy >= image.Height) continue;
                Array.Copy(image.Rgba, (sy * image.Width + sx) * 4, turned.Rgba, (y * image.Width + x) * 4, 4);
            }
        return turned;
    }

    /// <summary>Where <see cref="Turned"/> takes a point of the upright picture.</summary>
    private static (double X, double Y) TurnedPoint(double x, double y, int width, int height, double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        var (cx, cy) = (width / 2.0, height / 2.0);
        return (cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos);
    }

    [Fact]
    public void A_wall_that_a_digit_touches_in_places_is_still_a_wall()
    {
        // Five boxes 50 wide and 60 tall; an E-like 3's three arms reach back to the second box's left wall, which
        // leaves that wall only short thin pieces (eight or nine rows each): it goes, and the digit starts after it (it
        // is offered too with the stretch of the wall its arms meet, but first as found).
        var lines = new List<(int, int, int, int)> { (40, 20, 252, 2), (40, 80, 252, 2) };
        lines.AddRange(Enumerable.Range(0, 6).Select(i => (40 + 50 * i, 20, 2, 62)));
        (int, int, int, int) Short(int x) => (x, 30, 5, 41);
        var lattice = NumberSegmenter.Segment(Paper(420,
            [.. lines, Short(55), (110, 30, 5, 41), (92, 31, 18, 8), (92, 47, 18, 8), (92, 63, 18, 8), Short(155), Short(205), Short(255)]));

        Assert.Equal(5, lattice.DigitsInBoxes);
        var lefts = Lefts(lattice);
        Assert.Equal([55, 155, 205, 255], [lefts[0], .. lefts[2..]]);
        Assert.InRange(lattice.Candidates.First(c => c.From == lattice.Stretches[1].From).Box.X, 92, 94);
    }

    [Fact]
    public void A_combs_end_wall_broken_for_a_few_pixels_is_still_its_end()
    {
        // Four boxes 70 wide between rows 10 and 90; the last wall has a gap of 8 rows (a faint spot in a photo), more
        // than a line is thick: its two halves are one wall, not two 1s, and the last box is a box.
        var lines = new List<(int, int, int, int)> { (20, 10, 282, 2), (20, 88, 282, 2), (300, 10, 2, 35), (300, 53, 2, 37) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var digits = Enumerable.Range(0, 4).Select(i => 50 + 70 * i).ToList();
        var lattice = NumberSegmenter.Segment(Paper(330, [.. lines, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void A_stroke_beside_a_wall_that_bends_away_from_it_stays()
    {
        // Three boxes 70 wide between rows 10 and 90; the last holds a 0 as tall as its box, whose thin left side runs
        // 2 pixels from the wall and whose arcs bend away from it up to the box's lines: tracked from that side, a line
        // reaches both lines at a wall's place, but it is no wall, bending off straight. The 0 reads as without the comb.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var arcs = Enumerable.Range(1, 5).SelectMany(k => new[] { (164 + 2 * k, 34 - 4 * k, 5, 5), (164 + 2 * k, 61 + 4 * k, 5, 5) });
        (int, int, int, int)[] zero = [(164, 34, 4, 32), .. arcs, (176, 14, 32, 5), (176, 81, 32, 5), (205, 14, 5, 72)];
        float[] ZeroAsRead(IEnumerable<(int, int, int, int)> field) =>
            NumberSegmenter.Segment(Paper(260, [.. field, One(50), One(120), .. zero])).Candidates.Where(c => c.Box.X >= 160).MaxBy(c => c.Box.Width)!.Input;

        var inComb = ZeroAsRead(lines);
        var alone = ZeroAsRead([]);

        Assert.InRange(inComb.Zip(alone, (a, b) => Math.Abs(a - b)).Sum(), 0, 0.1 * alone.Sum());
    }

    [Theory]
    [InlineData(40)]
    [InlineData(14)]
    public void A_stroke_that_runs_along_a_line_of_a_comb_keeps_its_ink(int bar)
    {
        // Three boxes; the middle one holds a 7 whose bar lies on the top line (rows 10 to 13, the line rows 10 and 11),
        // long or as short as a small 7's: beside the line for over three of its own thicknesses.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, One(50), (108, 10, bar, 4), (108 + bar - 7, 10, 7, 62), One(190)]));

        Assert.Equal([50, 108, 190], Lefts(lattice));
        Assert.True(lattice.Candidates.Single(c => c.Box.X == 108).Box.Y <= 11);
    }

    [Fact]
    public void A_comb_whose_every_other_wall_and_one_more_are_found_has_boxes_nearer_square_not_twice_as_wide()
    {
        // Four boxes 60 wide and 80 tall whose fourth wall is hidden: two boxes 120 wide fit the walls found as well
        // (their second wall a stroke in the middle of the first), but they would be half as wide again as tall.
        var lines = new List<(int, int, int, int)> { (20, 10, 242, 2), (20, 88, 242, 2) };
        lines.AddRange(new[] { 20, 80, 140, 260 }.Select(x => (x, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(300, [.. lines, One(46), One(106), One(166), One(226)]));

        Assert.Equal([46, 106, 166, 226], Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void A_digit_whose_foot_lies_on_a_combs_line_is_also_offered_with_that_stretch_of_the_line()
    {
        // Three boxes 70 wide and 80 tall; in the middle one a 0 whose foot is the bottom line itself: its sides end on
        // the line, and taken out with it the 0 is a U. The 1s either side stand clear of the lines.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, One(50), (105, 30, 6, 58), (129, 30, 6, 58), (105, 30, 30, 6), One(190)]));

        var readings = lattice.Stretches.Select(s => lattice.Candidates.Where(c => c.From == s.From && c.To == s.To).Select(c => c.Box).ToList()).ToList();
        Assert.Equal([1, 2, 1], readings.Select(r => r.Count));
        var (asFound, withFoot) = (readings[1][0], readings[1][1]);
        Assert.Equal((105, 30, 30), (asFound.X, asFound.Y, asFound.Width));
        Assert.InRange(asFound.Y + asFound.Height, 86, 88);
        Assert.Equal((105, 30, 30), (withFoot.X, withFoot.Y, withFoot.Width));
        Assert.InRange(withFoot.Y + withFoot.Height, 89, 91);
    }

    [Fact]
    public void A_digit_that_crosses_a_combs_wall_once_is_offered_without_the_wall()
    {
        // A 7 whose bar reaches over its box's right wall into the next box: the wall's pixels either side of the bar
        // are no stroke of the 7's, which only crosses them.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, One(50), (120, 24, 46, 6), (144, 24, 6, 56), One(200)]));

        Assert.Equal(3, lattice.Stretches.Count);
        Assert.Equal(3, lattice.Candidates.Count);
    }

    [Fact]
    public void A_fives_cap_written_apart_from_its_body_in_a_combs_box_is_read_with_it()
    {
        // Three boxes 70 wide; in the middle one a 5 whose cap stands right of its body's top, sharing none of its columns.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, One(50), (120, 35, 7, 45), (100, 73, 27, 7), (130, 25, 20, 6), One(190)]));

        Assert.Equal([50, 100, 190], Lefts(lattice));
        var five = Assert.Single(lattice.Candidates, c => c.Box.X == 100);
        Assert.Equal((150, 25), (five.Box.X + five.Box.Width, five.Box.Y));
        Assert.False(lattice.MarksLeftOut);
    }

    [Fact]
    public void Two_digits_joined_across_a_combs_wall_are_offered_cut_at_the_wall()
    {
        // Three boxes 70 wide; the digits of the first two overlap in a knot on the wall between them, joined by a bar
        // that is thinner either side of it: only the wall tells where one digit ends.
        var lines = new List<(int, int, int, int)> { (20, 10, 212, 2), (20, 88, 212, 2) };
        lines.AddRange(Enumerable.Range(0, 4).Select(i => (20 + 70 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(260, [.. lines, (40, 20, 7, 60), (40, 44, 90, 6), (72, 36, 36, 20), (123, 20, 7, 60), One(190)]));

        Assert.Contains(lattice.Candidates, c => c.Box.X == 40 && c.Box.X + c.Box.Width is >= 89 and <= 92);
        Assert.Contains(lattice.Candidates, c => c.Box.X is >= 89 and <= 92 && c.Box.X + c.Box.Width == 130);
    }

    [Theory]
    [InlineData(70, 50, 122, 192, 260)]
    [InlineData(80, 55, 139, 219, 295)]
    public void A_stroke_as_tall_as_a_box_of_a_comb_is_a_digit_when_it_stands_off_the_walls_even_spacing(int box, int first, int second, int third, int fourth)
    {
        // Four boxes 78 tall; the 1s in the second and third run almost from the top line to the bottom one, as a wall
        // does. With boxes 80 wide (square), boxes half as wide would be no narrower than half their height, and the
        // two 1s in the middle of theirs would be those boxes' walls.
        var lines = new List<(int, int, int, int)> { (20, 10, 4 * box + 2, 2), (20, 88, 4 * box + 2, 2) };
        lines.AddRange(Enumerable.Range(0, 5).Select(i => (20 + box * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(4 * box + 50, [.. lines, One(first), (second, 14, 3, 72), (third, 14, 3, 72), One(fourth)]));

        Assert.Equal([first, second, third, fourth], Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void Walls_of_a_comb_whose_box_is_not_found_are_still_taken_out_when_wider_boxes_would_be_wider_than_tall()
    {
        // Eight boxes 70 wide and 78 tall; the fourth and sixth walls are broken off near the top (as a crossing digit or
        // a faint print leaves them). Four boxes would explain the walls found as well, but boxes 140 wide and 78 tall
        // are not a comb's: every full wall goes, and no wall is read as a 1.
        var lines = new List<(int, int, int, int)> { (20, 10, 562, 2), (20, 88, 562, 2) };
        lines.AddRange(Enumerable.Range(0, 9).Select(i => i is 3 or 5 ? (20 + 70 * i, 10, 2, 20) : (20 + 70 * i, 10, 2, 80)));
        var digits = Enumerable.Range(0, 8).Select(i => 51 + 70 * i).ToList();
        var lattice = NumberSegmenter.Segment(Paper(620, [.. lines, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
    }

    /// <summary>Boxes 60 wide and 78 tall printed <paramref name="gap"/> apart from x = 20, with lines <paramref name="line"/> thick.</summary>
    private static List<(int, int, int, int)> BoxesApart(int count, int gap, int line) =>
        Enumerable.Range(0, count).SelectMany(i => new[]
        {
            (20 + i * (60 + gap), 10, 60 + line, line), (20 + i * (60 + gap), 88, 60 + line, line),
            (20 + i * (60 + gap), 10, line, 78 + line), (80 + i * (60 + gap), 10, line, 78 + line),
        }).ToList();

    [Theory]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(20, 2)]
    public void Boxes_printed_apart_are_taken_out_like_a_comb_and_count_the_digits_in_them(int gap, int line)
    {
        // Five boxes, a 1 in each of the first four. Gaps of 4 and 5 are bridged by the lines' tracking, one of 20 is not;
        // walls 4 thick a pixel apart are two walls (neither is a stroke running along the other), not one.
        var digits = Enumerable.Range(0, 4).Select(i => 46 + i * (60 + gap)).ToList();
        var lattice = NumberSegmenter.Segment(Paper(40 + 5 * (60 + gap), [.. BoxesApart(5, gap, line), .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void Boxes_printed_apart_whose_tops_are_joined_into_one_line_are_still_boxes()
    {
        // Five boxes 20 apart, their tops joined into one line across the gaps (as strokes in narrow gaps get them tracked): only the bottoms are apart.
        var boxes = BoxesApart(5, 20, 2).Where(b => b is not (_, 10, 62, 2)).Append((20, 10, 382, 2)).ToList();
        var digits = Enumerable.Range(0, 4).Select(i => 46 + i * 80).ToList();
        var lattice = NumberSegmenter.Segment(Paper(440, [.. boxes, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void A_wall_of_boxes_printed_apart_whose_neighbour_is_missing_is_still_taken_out()
    {
        // Five boxes 20 apart; the third box's right wall is not printed, so the fourth's left wall stands alone.
        var boxes = BoxesApart(5, 20, 2).Where(b => b is not (240, 10, 2, 80)).ToList();
        var digits = Enumerable.Range(0, 4).Select(i => 46 + i * 80).ToList();
        var lattice = NumberSegmenter.Segment(Paper(440, [.. boxes, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
    }

    [Fact]
    public void Boxes_printed_apart_whose_bottoms_run_together_in_pairs_are_still_boxes()
    {
        // Four boxes 60 wide, 4 and 20 apart in turn, their tops printed faintly in two short pieces each: only the
        // bottoms, run together in pairs across the narrow gaps, are long enough for lines, and both lie on one row.
        int[] lefts = [20, 84, 164, 228];
        var boxes = lefts.SelectMany(x => new[] { (x, 10, 25, 2), (x + 37, 10, 25, 2), (x, 88, 62, 2), (x, 10, 2, 80), (x + 60, 10, 2, 80) });
        var digits = lefts.Select(x => x + 26).ToList();
        var lattice = NumberSegmenter.Segment(Paper(310, [.. boxes, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
    }

    [Fact]
    public void Boxes_printed_apart_whose_lines_run_together_over_some_gaps_only_are_all_taken_out()
    {
        // Six boxes 60 wide, 8 apart; a little ink in the first two gaps joins the first three boxes' tops and bottoms
        // into lines (as blur joins boxes a hair apart in a small photo), which end there: the other boxes' tops and
        // bottoms are pieces in line with them.
        var boxes = BoxesApart(6, 8, 2).Concat([(20, 10, 200, 2), (20, 88, 200, 2)]);
        var digits = Enumerable.Range(0, 6).Select(i => 46 + i * 68).ToList();
        var lattice = NumberSegmenter.Segment(Paper(460, [.. boxes, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
        Assert.Equal(6, lattice.DigitsInBoxes);
    }

    [Fact]
    public void Boxes_printed_apart_whose_tops_the_digits_hide_in_half_the_boxes_are_still_boxes()
    {
        // Four boxes 20 apart on wide paper; the first two have no top line left (digits written over it): the tops'
        // row of pieces is shorter than a line, the bottoms' row long enough.
        var boxes = BoxesApart(4, 20, 2).Where(b => b is not ((20 or 100), 10, 62, 2));
        var digits = Enumerable.Range(0, 4).Select(i => 46 + i * 80).ToList();
        var lattice = NumberSegmenter.Segment(Paper(480, [.. boxes, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void Boxes_printed_apart_whose_tops_the_digits_hide_in_most_boxes_are_still_boxes()
    {
        // Eight boxes 20 apart; only three still show their top line (digits written over the others'): most of the
        // tops' few pieces lie over bottoms, though most bottoms have no top over them.
        var boxes = BoxesApart(8, 20, 2).Where(b => b is not (_, 10, 62, 2) || b.Item1 is 20 or 260 or 580);
        var digits = Enumerable.Range(0, 8).Select(i => 46 + i * 80).ToList();
        var lattice = NumberSegmenter.Segment(Paper(680, [.. boxes, .. digits.Select(One)]));

        Assert.Equal(digits, Lefts(lattice));
        Assert.Equal(8, lattice.DigitsInBoxes);
    }

    [Fact]
    public void The_ticks_of_a_comb_proper_are_taken_out_and_count_the_digits_between_them()
    {
        // A bottom line with ticks 30 tall every 70 pixels, digits between them; the last box is empty.
        var comb = new List<(int, int, int, int)> { (20, 88, 352, 2) };
        comb.AddRange(Enumerable.Range(0, 6).Select(i => (20 + 70 * i, 58, 2, 31)));
        var lattice = NumberSegmenter.Segment(Paper(400, [.. comb, One(50), One(120), One(190), .. Zero(235)]));

        Assert.Equal([50, 120, 190, 235], Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    /// <summary>A comb proper's rule from x = 20 to 372 at y = 88, with ticks 30 tall at the given places of its six (70 apart).</summary>
    private static List<(int, int, int, int)> Ticks(params int[] places) =>
        [(20, 88, 352, 2), .. places.Select(i => (20 + 70 * i, 58, 2, 31))];

    [Fact]
    public void A_shadows_edge_beside_a_comb_proper_is_no_part_of_it()
    {
        // A long thin dark edge along the top of the picture, mostly beyond the rule's end: no comb's top line.
        var lattice = NumberSegmenter.Segment(Paper(600, [.. Ticks(0, 1, 2, 3, 4, 5), (330, 2, 260, 2), One(50), One(120), One(190), .. Zero(235)]));

        Assert.Equal([50, 120, 190, 235], Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void A_rule_printed_double_is_one_line_of_a_comb_proper()
    {
        // The rule again a pixel under itself: two lines tracked, one line of the field, not the top and bottom of boxes.
        var lattice = NumberSegmenter.Segment(Paper(400, [.. Ticks(0, 1, 2, 3, 4, 5), (20, 91, 352, 2), One(50), One(120), One(190), .. Zero(235)]));

        Assert.Equal([50, 120, 190, 235], Lefts(lattice));
        Assert.Equal(4, lattice.DigitsInBoxes);
    }

    [Fact]
    public void A_tick_under_a_digits_stroke_a_few_pixels_above_it_is_still_a_tick()
    {
        // The last box holds a 4 whose right stem ends just over the comb's end tick: the tick's line runs on up the
        // stem, taller than any tick, but its own ink stands no taller than the other ticks.
        var four = new[] { (320, 20, 6, 35), (320, 50, 52, 5), (366, 20, 6, 35) };
        var lattice = NumberSegmenter.Segment(Paper(400, [.. Ticks(0, 1, 2, 3, 4, 5), One(50), One(120), One(190), One(260), .. four]));

        Assert.Equal(5, lattice.DigitsInBoxes);
        Assert.Equal([50, 120, 190, 260, 320], Lefts(lattice));
    }

    [Theory]
    [InlineData(new[] { 0, 3, 5 }, 5)]
    [InlineData(new[] { 0, 1, 4 }, 4)]
    public void A_comb_proper_whose_digits_hide_most_ticks_still_counts_its_boxes(int[] ticks, int boxes)
    {
        // Only the ticks at the given places are printed (the rest hidden, as under strokes that touch them); a 1 in every box.
        var lattice = NumberSegmenter.Segment(Paper(400, [(20, 88, 70 * boxes + 2, 2), .. ticks.Select(i => (20 + 70 * i, 58, 2, 31)), .. Enumerable.Range(0, boxes).Select(i => One(50 + 70 * i))]));

        Assert.Equal(boxes, lattice.DigitsInBoxes);
    }

    [Fact]
    public void Ones_standing_evenly_on_a_rule_are_digits_not_ticks()
    {
        // Four thin 1s, 70 apart, each standing on the rule below them: as thin and as evenly spaced as ticks, but the tallest ink.
        var lattice = NumberSegmenter.Segment(Paper(330, [(20, 80, 282, 2), (50, 20, 4, 61), (120, 20, 4, 61), (190, 20, 4, 61), (260, 20, 4, 61)]));

        Assert.Equal([50, 120, 190, 260], Lefts(lattice));
    }

    [Fact]
    public void Bars_of_printed_digits_in_line_are_no_printed_line()
    {
        // Four 7s whose bars, thin and straight, lie on one row with gaps between them as boxes printed apart would.
        var sevens = Enumerable.Range(0, 4).SelectMany(i => new[] { (30 + 70 * i, 20, 50, 3), (72 + 70 * i, 20, 8, 60) }).ToArray();
        var lattice = NumberSegmenter.Segment(Paper(330, sevens));

        Assert.Equal(4, lattice.Stretches.Count);
        Assert.All(lattice.Stretches, s => Assert.Contains(lattice.Candidates, c => c.From == s.From && c.Box.Width >= 50));
    }

    [Fact]
    public void A_comb_tells_how_many_digits_it_holds_one_per_box_with_ink()
    {
        // Four boxes 70 wide: a 1 in each of the first three, the fourth empty but for a short stroke straying into it.
        var lines = new List<(int, int, int, int)> { (20, 10, 282, 2), (20, 88, 282, 2) };
        lines.AddRange(Enumerable.Range(0, 5).Select(i => (20 + 70 * i, 10, 2, 80)));
        var comb = NumberSegmenter.Segment(Paper(330, [.. lines, One(50), One(120), One(190), (235, 60, 8, 6)]));
        var row = NumberSegmenter.Segment(Paper(330, One(50), One(120), One(190)));

        Assert.Equal(3, comb.DigitsInBoxes);
        Assert.Null(row.DigitsInBoxes);
    }

    [Fact]
    public void A_thin_1_beside_bold_digits_is_counted_in_its_box()
    {
        // Four boxes 70 wide: a 1 three pixels thin in the first (an eighth of a 0's ink, but as tall), 0s in the others.
        var lines = new List<(int, int, int, int)> { (20, 10, 282, 2), (20, 88, 282, 2) };
        lines.AddRange(Enumerable.Range(0, 5).Select(i => (20 + 70 * i, 10, 2, 80)));
        var comb = NumberSegmenter.Segment(Paper(330, [.. lines, (54, 20, 3, 60), .. Zero(105), .. Zero(175), .. Zero(245)]));

        Assert.Equal(4, comb.DigitsInBoxes);
    }

    [Fact]
    public void A_digit_that_spreads_over_two_boxes_of_a_comb_is_also_a_candidate_whole()
    {
        // Boxes 60 wide; a 2 with a long foot, 100 pixels wide, runs from the second box well into the third.
        var lines = new List<(int, int, int, int)> { (20, 10, 302, 2), (20, 88, 302, 2) };
        lines.AddRange(Enumerable.Range(0, 6).Select(i => (20 + 60 * i, 10, 2, 80)));
        var lattice = NumberSegmenter.Segment(Paper(340, [.. lines, One(46), (86, 20, 100, 7), (160, 20, 7, 60), (86, 73, 100, 7), One(226), One(286)]));

        var stretch = lattice.Stretches[1];
        Assert.Contains(lattice.Candidates, c => c.From == stretch.From && c.To == stretch.To && c.Box.Width == 100);
    }

    [Fact]
    public void A_digit_wider_than_it_is_tall_is_also_a_candidate_whole()
    {
        // A 2 with a long foot, 100 pixels wide and 60 tall: a wide 2 or 5 is two thirds wider than tall in MNIST.
        var lattice = NumberSegmenter.Segment(Paper(300, (100, 20, 100, 7), (150, 20, 7, 60), (100, 73, 100, 7), One(240)));

        var stretch = lattice.Stretches[0];
        Assert.Contains(lattice.Candidates, c => c.From == stretch.From && c.To == stretch.To && c.Box.Width == 100);
    }

    [Fact]
    public void A_five_written_over_twice_as_wide_as_it_is_tall_is_also_a_candidate_whole()
    {
        // A 5 60 tall and 140 wide: cut in the middle, both halves are as tall as a digit.
        var five = new[] { (100, 20, 140, 7), (100, 20, 7, 33), (100, 50, 140, 7), (233, 50, 7, 30), (100, 73, 140, 7) };
        var lattice = NumberSegmenter.Segment(Paper(340, [.. five, One(290)]));

        var stretch = lattice.Stretches[0];
        Assert.Contains(lattice.Candidates, c => c.From == stretch.From && c.To == stretch.To && c.Box.Width == 140);
    }

    [Fact]
    public void Touching_digits_get_candidate_cuts_where_they_meet()
    {
        // Two 0s sharing a wall: one stretch, 73 pixels wide, which a cut near x = 93 splits in two.
        var lattice = NumberSegmenter.Segment(Paper(240, [.. Zero(60), .. Zero(93)]));

        var stretch = Assert.Single(lattice.Stretches);
        Assert.True(stretch.To - stretch.From >= 2);
        Assert.Contains(lattice.Candidates, c => c.From == stretch.From && c.To < stretch.To && Math.Abs(c.Box.X + c.Box.Width - 96) <= 8);
    }

    [Theory]
    [InlineData(0.5, 0.2, true)]
    [InlineData(0.9, 0.9, false)]
    [InlineData(0.995, 0.2, false)]
    public void A_stretch_about_one_digit_wide_is_cut_only_when_the_recognizer_reads_it_poorly_whole(double digit, double oneDigit, bool cut)
    {
        // A 1 against a 0 only 30 wide: one stretch 38 pixels wide, less than a digit's height (60), as some single digits are
        // (a bold 1 with serifs, which the recognizer reads surely though it doubts it is one digit).
        var scored = new List<DigitCandidate>();
        var calls = 0;
        IReadOnlyList<CandidateScore> Score(IReadOnlyList<DigitCandidate> candidates)
        {
            calls++;
            scored.AddRange(candidates);
            return candidates.Select(_ => new CandidateScore(digit, oneDigit)).ToList();
        }

        var lattice = NumberSegmenter.Segment(Paper(200, [One(60), (68, 20, 30, 7), (68, 73, 30, 7), (91, 20, 7, 60)]), score: Score);

        var stretch = Assert.Single(lattice.Stretches);
        Assert.Equal(lattice.Candidates, scored);
        Assert.Equal(cut ? 2 : 1, calls);
        Assert.Contains(lattice.Candidates, c => c.From == stretch.From && c.To == stretch.To);
        Assert.Equal(cut, lattice.Candidates.Any(c => c.From == stretch.From && c.To < stretch.To && Math.Abs(c.Box.X + c.Box.Width - 68) <= 4));
    }

    /// <summary>A stroke 60 pixels tall leaning right as handwriting does: its foot at <paramref name="foot"/>, its top 18 pixels further right.</summary>
    private static IEnumerable<(int, int, int, int)> Leaning(int foot, int width) =>
        Enumerable.Range(20, 60).Select(y => (foot + (int)Math.Round((79 - y) * 0.3), y, width, 1));

    [Fact]
    public void A_leaning_digit_that_overlaps_its_neighbour_is_cut_off_along_its_lean()
    {
        // A leaning 0 (x 40..95) and a leaning 1 (x 84..110) joined at their feet: no upright cut parts them, as the
        // 1's foot lies under the 0's top bar (an upright cut takes the 1's top only), but a cut leaning with them passes
        // through the gap between and leaves the 1 whole.
        var lattice = NumberSegmenter.Segment(Paper(300,
            [.. Leaning(40, 7), .. Leaning(70, 7), (58, 20, 38, 7), (40, 73, 38, 7), .. Leaning(84, 8), (77, 75, 8, 4)]));

        var stretch = Assert.Single(lattice.Stretches);
        var zero = lattice.Candidates.Where(c => c.From == stretch.From && c.Box.X + c.Box.Width is >= 94 and <= 98);
        Assert.Contains(zero, z => lattice.Candidates.Any(one => one.From == z.To && one.To == stretch.To && one.Box.X >= 76 && one.Box.Height >= 56));
    }

    [Fact]
    public void A_blank_photo_has_nothing_to_read()
    {
        var rejected = Assert.Throws<ImageRejectedException>(() => NumberSegmenter.Segment(Paper(300)));
        Assert.Equal(ImageProblem.Invalid, rejected.Problem);
    }
}
