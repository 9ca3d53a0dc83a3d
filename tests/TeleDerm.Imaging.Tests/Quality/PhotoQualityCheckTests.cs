using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Quality;

namespace TeleDerm.Imaging.Tests.Quality;

public sealed class PhotoQualityCheckTests
{
    private static byte[] Jpeg(RgbImage image) => JpegEncoder.Encode(image, 90);

    private static RgbImage Filled(int width, int height, byte value)
    {
        var image = RgbImage.CreateBlank(width, height);
        Array.Fill(image.Pixels, value);
        return image;
    }

    [Fact]
    public void A_black_or_white_frame_is_refused_as_blank_and_nothing_else_is_said()
    {
        foreach (var value in new byte[] { 0, 255 })
        {
            var findings = PhotoQualityCheck.Assess(Jpeg(Filled(1200, 900, value)), dermoscopic: true, DecodeLimits.Default);
            Assert.Equal([new PhotoFinding(PhotoProblem.Blank, PhotoProblemSeverity.Unusable)], findings);
        }
    }

    [Fact]
    public void A_good_dermoscopic_photo_gets_no_warning_but_its_size()
    {
        var findings = PhotoQualityCheck.Assess(RepoPaths.IsicPhotoBytes("ISIC_0000040.jpg"), dermoscopic: true, DecodeLimits.Default);
        Assert.Equal([new PhotoFinding(PhotoProblem.TooSmall, PhotoProblemSeverity.Warning)], findings);
    }

    [Fact]
    public void A_blurred_photo_is_out_of_focus_and_only_a_warning()
    {
        var photo = Degradations.Blur(ImageDecoder.DecodeFile(RepoPaths.IsicPhoto("ISIC_0000040.jpg")).Image, 3);
        var findings = PhotoQualityCheck.Assess(Jpeg(photo), dermoscopic: true, DecodeLimits.Default);
        Assert.Contains(new PhotoFinding(PhotoProblem.OutOfFocus, PhotoProblemSeverity.Warning), findings);
        Assert.DoesNotContain(findings, f => f.Severity == PhotoProblemSeverity.Unusable);
    }

    [Fact]
    public void Framing_is_judged_for_dermoscopic_photos_only()
    {
        var photo = Degradations.SmallInFrame(ImageDecoder.DecodeFile(RepoPaths.IsicPhoto("ISIC_0000040.jpg")).Image, 0.2, seed: 1);
        var measures = PhotoMeasures.Of(photo, 2000, 1500);
        Assert.Contains(PhotoQualityCheck.Assess(measures, dermoscopic: true), f => f.Problem == PhotoProblem.LesionSmallInFrame);
        Assert.DoesNotContain(PhotoQualityCheck.Assess(measures, dermoscopic: false), f => f.Problem is PhotoProblem.LesionSmallInFrame or PhotoProblem.LesionOffCentre);
    }

    [Fact]
    public void A_large_photo_is_measured_upright_at_its_full_size_from_a_scaled_decode()
    {
        var measures = PhotoMeasures.Of(Jpeg(Filled(3000, 2000, 128)), DecodeLimits.Default);
        Assert.Equal((3000, 2000), (measures.Width, measures.Height));
        Assert.DoesNotContain(PhotoQualityCheck.Assess(measures, dermoscopic: false), f => f.Problem == PhotoProblem.TooSmall);
    }

    [Fact]
    public void Bytes_that_are_not_an_image_are_refused_by_the_decoder_with_its_reason()
    {
        Assert.Throws<ImageDecodeException>(() => PhotoQualityCheck.Assess("not a photo"u8, dermoscopic: true, DecodeLimits.Default));
        var truncated = Jpeg(Filled(600, 600, 90))[..200];
        Assert.Throws<ImageDecodeException>(() => PhotoQualityCheck.Assess(truncated, dermoscopic: true, DecodeLimits.Default));
    }
}
