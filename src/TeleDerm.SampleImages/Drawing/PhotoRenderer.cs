using static TeleDerm.SampleImages.Drawing.StableMath;

namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// Paints one photo: for every pixel, the body point it sees (undoing the camera's shift and rotation), the
/// skin there with the lesion's pigment multiplied on, then hair, the ruler, the light (a dermoscope's
/// circular field, or a lamp's gradient for a clinical photo), rounded to bytes. Rows are independent, so
/// they are painted in parallel without changing a byte.
/// </summary>
internal static class PhotoRenderer
{
    private static readonly Colour ReferenceSkin = DermoscopyColours.Skin(2);

    public static Imaging.RgbImage Render(LesionAtVisit lesion, SkinSurface skin, PhotoSetup setup)
    {
        int width = setup.Width, height = setup.Height;
        var image = Imaging.RgbImage.CreateBlank(width, height);
        byte[] pixels = image.Pixels;
        bool dermoscopic = setup.Kind == ImageKind.Dermoscopic;
        var hair = new HairLayer(width, height, setup.HairCount, setup.HairWidthMm / setup.PixelMm, new SeededRandom(setup.HairSeed));
        Ruler ruler = PlaceRuler(setup);
        double cos = Cos(setup.RotationRad), sin = Sin(setup.RotationRad);
        double lightCos = Cos(setup.LightAngleRad), lightSin = Sin(setup.LightAngleRad);
        double fieldRadius = 0.56 * width;
        double networkVisibility = dermoscopic ? 1 : 0.12;

        // Image → body: undo the camera's shift and rotation.
        (double X, double Y) Body(double x, double y)
        {
            double cx = (x + 0.5 - width / 2.0) * setup.PixelMm - setup.OffsetXMm;
            double cy = (y + 0.5 - height / 2.0) * setup.PixelMm - setup.OffsetYMm;
            return (cx * cos + cy * sin, -cx * sin + cy * cos);
        }

        // The skin's slow variations are sampled every ~0.08 mm and interpolated: most of the drawing time otherwise.
        int step = Math.Clamp((int)(0.08 / setup.PixelMm), 1, 8);
        int gridWidth = width / step + 2, gridHeight = height / step + 2;
        var grid = new SkinField[gridWidth * gridHeight];
        Parallel.For(0, gridHeight, gy =>
        {
            for (int gx = 0; gx < gridWidth; gx++)
            {
                var (bx, by) = Body(gx * step, gy * step);
                grid[gy * gridWidth + gx] = skin.Field(bx, by);
            }
        });

        Parallel.For(0, height, y =>
        {
            int gy = y / step;
            double ty = (double)(y - gy * step) / step;
            for (int x = 0; x < width; x++)
            {
                var (bx, by) = Body(x, y);
                int gx = x / step, g = gy * gridWidth + gx;
                SkinField field = SkinField.Bilinear(grid[g], grid[g + 1], grid[g + gridWidth], grid[g + gridWidth + 1],
                    (double)(x - gx * step) / step, ty);
                Colour c = skin.At(bx, by, field);
                double pigment = lesion.Sample(bx, by, setup.PixelMm, networkVisibility, out Colour tint);
                if (pigment > 0)
                {
                    c = new Colour(
                        c.R * (1 - pigment + pigment * tint.R / ReferenceSkin.R),
                        c.G * (1 - pigment + pigment * tint.G / ReferenceSkin.G),
                        c.B * (1 - pigment + pigment * tint.B / ReferenceSkin.B));
                }
                double hairCover = hair.At(x, y);
                if (hairCover > 0) c = Colour.Mix(c, setup.HairColour, hairCover);
                ruler.Cover(x, y, out double plastic, out double ink);
                if (plastic > 0) c = Colour.Mix(c, DermoscopyColours.RulerPlastic, plastic);
                if (ink > 0) c = Colour.Mix(c, DermoscopyColours.RulerInk, ink);

                double px = x + 0.5 - width / 2.0, py = y + 0.5 - height / 2.0;
                double light;
                double outside = 0;
                if (dermoscopic)
                {
                    // The dermoscope's round window: bright centre, falling off towards its rim, black beyond.
                    double r = Math.Sqrt(px * px + py * py) / fieldRadius;
                    double r2 = r * r;
                    light = setup.Exposure * (1 - 0.28 * r2 * r2);
                    outside = SmoothStep(0.985, 1.01, r);
                }
                else
                {
                    // A lamp to one side: brighter on that side, a soft falloff to the corners.
                    double along = (px * lightCos + py * lightSin) / width;
                    light = setup.Exposure * (0.93 + 0.32 * along) * (1 - 0.12 * (px * px + py * py) / (width * width / 4.0));
                }
                c = new Colour(c.R * light * setup.LightTint.R, c.G * light * setup.LightTint.G, c.B * light * setup.LightTint.B);
                if (outside > 0) c = Colour.Mix(c, DermoscopyColours.OutsideField, outside);

                int i = (y * width + x) * 3;
                pixels[i] = Colour.ToByte(c.R);
                pixels[i + 1] = Colour.ToByte(c.G);
                pixels[i + 2] = Colour.ToByte(c.B);
            }
        });
        return image;
    }

    /// <summary>
    /// Dermoscopy: a short ruler near the bottom of the round field. Clinical photo: a 5 cm ruler laid on
    /// the skin along the bottom edge.
    /// </summary>
    public static Ruler PlaceRuler(PhotoSetup setup)
    {
        double pixelsPerMm = 1 / setup.PixelMm;
        if (setup.Kind == ImageKind.Dermoscopic)
        {
            int millimetres = Math.Min(20, (int)(0.4 * setup.Width / pixelsPerMm));
            double length = millimetres * pixelsPerMm;
            return new Ruler(Math.Round(setup.Width / 2.0 - length / 2), Math.Round(setup.Height * 0.865), millimetres, pixelsPerMm, 40);
        }
        return new Ruler(Math.Round(setup.Width * 0.06), setup.Height - 78, 50, pixelsPerMm, 56);
    }
}
