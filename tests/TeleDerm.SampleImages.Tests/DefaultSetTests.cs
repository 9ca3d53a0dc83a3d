using System.Diagnostics;
using TeleDerm.Imaging;
using Xunit.Abstractions;

namespace TeleDerm.SampleImages.Tests;

/// <summary>The default set (seed 2026) as the demo data gets it: its plan, its pixels, and the committed copy.</summary>
[Collection(DefaultSampleSetCollection.Name)]
public sealed class DefaultSetTests(DefaultSampleSet fixture, ITestOutputHelper output)
{
    private SampleManifest Manifest => fixture.Set.Manifest;

    private RgbImage Decode(string file) => ImageDecoder.Decode(fixture.Content(file)).Image;

    [Fact]
    public void The_set_has_thirty_lesions_of_both_appearances_with_two_or_three_visits_and_some_clinical_photos()
    {
        Assert.Equal(30, Manifest.Lesions.Count);
        Assert.Equal("TeleDerm.SampleImages 1", Manifest.Generator);
        Assert.Equal(2026, Manifest.Seed);
        Assert.All(Manifest.Lesions, l => Assert.InRange(l.Visits.Count, 2, 3));
        Assert.True(Manifest.Lesions.Count(l => l.Visits.Count == 3) >= 10, "at least 10 lesions with three visits");
        Assert.True(Manifest.Lesions.Count(l => l.Appearance == "suspicious") >= 8, "enough suspicious lesions");
        Assert.True(Manifest.Lesions.Count(l => l.Appearance == "benign") >= 8, "enough benign lesions");
        Assert.True(Manifest.Lesions.Select(l => l.Fitzpatrick).Distinct().Count() >= 5, "most skin types appear");
        Assert.All(Manifest.Lesions, l =>
        {
            Assert.Equal(Enumerable.Range(1, l.Visits.Count), l.Visits.Select(v => v.Visit));
            Assert.Equal(0, l.Visits[^1].MonthsBeforeLatest);
            Assert.True(l.Visits.Zip(l.Visits.Skip(1)).All(p => p.First.MonthsBeforeLatest > p.Second.MonthsBeforeLatest), $"{l.Id}: visits in time order");
            Assert.All(l.Visits, v => Assert.Single(v.Images, i => i.Kind == "dermoscopic"));
            Assert.All(l.Visits.Skip(1), v => Assert.DoesNotContain(v.Images, i => i.Kind == "clinical"));
        });
        int clinical = Manifest.Images.Count(i => i.Kind == "clinical");
        Assert.InRange(clinical, 5, 25);
    }

    [Fact]
    public void Every_file_is_in_the_manifest_once_and_decodes_to_the_size_it_states()
    {
        Assert.Equal(fixture.Set.Files.Select(f => f.Name).Order(StringComparer.Ordinal),
            Manifest.Images.Select(i => i.File).Order(StringComparer.Ordinal));
        foreach (SampleImage image in Manifest.Images)
        {
            RgbImage decoded = Decode(image.File);
            Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
        }
    }

    [Fact]
    public void Every_image_is_a_jpeg_djpeg_decodes_without_warnings()
    {
        string folder = Directory.CreateTempSubdirectory("teleDerm-samples-djpeg-").FullName;
        try
        {
            foreach (SampleFile file in fixture.Set.Files)
            {
                string path = Path.Combine(folder, file.Name);
                File.WriteAllBytes(path, file.Content);
                var start = new ProcessStartInfo("djpeg", ["-outfile", path + ".ppm", path]) { RedirectStandardError = true };
                using Process djpeg = Process.Start(start) ?? throw new InvalidOperationException("djpeg (libjpeg-turbo-progs) did not start");
                string errors = djpeg.StandardError.ReadToEnd();
                djpeg.WaitForExit();
                Assert.True(djpeg.ExitCode == 0 && errors.Length == 0, $"{file.Name}: djpeg exit {djpeg.ExitCode}: {errors}");
                using var ppm = new StreamReader(path + ".ppm");
                Assert.Equal("P6", ppm.ReadLine());
                Assert.Equal("1024 768", ppm.ReadLine());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_ruler_ticks_read_from_the_pixels_are_one_millimetre_at_the_stated_pixel_spacing()
    {
        foreach (SampleImage image in Manifest.Images)
        {
            var (spacing, ticks) = PixelAnalysis.RulerTickSpacing(Decode(image.File));
            double expected = 1 / image.PixelSpacingMm;
            output.WriteLine($"{image.File}: {ticks} ticks, {spacing:0.00} px apart, manifest says {expected:0.00} px per mm");
            Assert.True(ticks >= 6, $"{image.File}: only {ticks} ruler ticks found");
            Assert.Equal(expected, spacing, expected * 0.01);
        }
    }

    [Fact]
    public void The_lesion_measured_by_thresholding_has_the_stated_largest_diameter()
    {
        var errors = new List<double>();
        foreach (SampleImage image in Manifest.Images)
        {
            RgbImage decoded = Decode(image.File);
            bool[] mask = PixelAnalysis.LesionMask(decoded, image.Kind == "dermoscopic");
            double measured = PixelAnalysis.FeretDiameter(mask, decoded.Width, decoded.Height) * image.PixelSpacingMm;
            double error = (measured - image.LesionDiameterMm) / image.LesionDiameterMm;
            errors.Add(error);
            output.WriteLine($"{image.File}: measured {measured:0.00} mm, manifest {image.LesionDiameterMm} mm ({error:+0.0%;-0.0%})");
            Assert.True(Math.Abs(error) < 0.15, $"{image.File}: measured {measured:0.00} mm, manifest says {image.LesionDiameterMm} mm");
        }
        output.WriteLine($"mean |error| {errors.Average(Math.Abs):0.0%}, worst {errors.Max(Math.Abs):0.0%}");
        Assert.True(errors.Average(Math.Abs) < 0.06, "on average the drawn size is what the manifest says");
    }

    [Fact]
    public void Suspicious_lesions_show_more_colours_and_more_irregular_borders_than_benign_ones()
    {
        var colours = new Dictionary<string, List<double>> { ["benign"] = [], ["suspicious"] = [] };
        var report = new List<string>();
        var irregularity = new Dictionary<string, List<double>> { ["benign"] = [], ["suspicious"] = [] };
        foreach (SampleLesion lesion in Manifest.Lesions)
        {
            SampleImage latest = lesion.Visits[^1].Images.Single(i => i.Kind == "dermoscopic");
            // Hairs crossing a naevus would read as black and notch its outline: remove them first, as analysis software does.
            RgbImage decoded = PixelAnalysis.WithoutHair(Decode(latest.File));
            bool[] mask = PixelAnalysis.LesionMask(decoded, dermoscopic: true);
            PixelAnalysis.Skin skin = PixelAnalysis.SkinAround(decoded, mask, 0.45 * decoded.Width);
            int count = PixelAnalysis.ColourCount(decoded, mask, skin);
            double outline = PixelAnalysis.Irregularity(mask, decoded.Width, decoded.Height);
            colours[lesion.Appearance].Add(count);
            irregularity[lesion.Appearance].Add(outline);
            string shares = string.Join(" ", PixelAnalysis.ColourShares(decoded, mask, skin).Select(s => $"{s:0.000}"));
            report.Add($"{lesion.Id} {lesion.Appearance} type {lesion.Fitzpatrick}: {count} colours ({shares}), irregularity {outline:0.00}");
            output.WriteLine(report[^1]);
        }
        output.WriteLine($"colours: benign {colours["benign"].Average():0.00}, suspicious {colours["suspicious"].Average():0.00}; " +
                         $"irregularity: benign {irregularity["benign"].Average():0.00}, suspicious {irregularity["suspicious"].Average():0.00}");
        Assert.True(colours["suspicious"].Average() >= colours["benign"].Average() + 1, "suspicious lesions have at least one colour more on average");
        // Not every one: a melanoma may show little blue-grey or black at a given visit (L03 of seed 2026 shows 2 colours by this count).
        Assert.True(colours["suspicious"].Count(c => c >= 3) >= 0.8 * colours["suspicious"].Count,
            "most suspicious lesions show three colours or more:\n" + string.Join("\n", report));
        Assert.True(colours["benign"].Max() <= 2, "no benign lesion shows more than two colours:\n" + string.Join("\n", report));
        Assert.True(irregularity["suspicious"].Average() > irregularity["benign"].Average() * 1.2, "suspicious outlines are more irregular");
    }

    [Fact]
    public void Suspicious_lesions_grow_between_visits_and_benign_ones_keep_their_size()
    {
        foreach (SampleLesion lesion in Manifest.Lesions)
        {
            double[] sizes = [.. lesion.Visits.Select(v => v.Images[0].LesionDiameterMm)];
            if (lesion.Appearance == "suspicious")
                Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.Second > p.First), $"{lesion.Id} grows: {string.Join(", ", sizes)}");
            else
                Assert.True(sizes.Max() - sizes.Min() < 0.05, $"{lesion.Id} is stable: {string.Join(", ", sizes)}");
        }
    }

    [Fact]
    public void The_committed_samples_folder_is_exactly_what_the_tool_draws_for_seed_2026()
    {
        string folder = RepoPaths.Samples;
        string[] committed = [.. Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != "README.md").Order(StringComparer.Ordinal)!];
        string[] drawn = [.. fixture.Set.Files.Select(f => f.Name).Append(SampleManifest.FileName).Order(StringComparer.Ordinal)];

        Assert.Equal(drawn, committed);
        Assert.Equal(fixture.Set.Manifest.ToJson(), File.ReadAllText(Path.Combine(folder, SampleManifest.FileName)));
        foreach (SampleFile file in fixture.Set.Files)
            Assert.True(File.ReadAllBytes(Path.Combine(folder, file.Name)).AsSpan().SequenceEqual(file.Content),
                $"samples/{file.Name} differs from what the tool draws: regenerate with 'teleDerm samples generate --out samples'");
        long total = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
        Assert.True(total < 8 * 1024 * 1024, $"samples/ holds {total / 1024} KiB; keep it under 8 MiB");
    }
}
