using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Imaging;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Viewer;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Viewer;

/// <summary>The DICOMweb image endpoints in the real app: who gets an image, what comes back, caching and audit.</summary>
public sealed class DicomWebEndpointsTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<(TestAccount Gp, TeleExpertiseCase Case, LesionImage Image, byte[] Jpeg)> CaseWithImageAsync(int width = 1200, int height = 900)
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var jpeg = TestImages.DrawJpeg(width, height);
        var (_, image) = await TestImages.AddAsync(app.Services, @case, jpeg, DateTime.UtcNow.AddHours(-2));
        return (gp, @case, image, jpeg);
    }

    private async Task<FormSession> SignedInAsync(TestAccount account)
    {
        var session = app.CreateSession();
        await session.SignInAsync(account);
        return session;
    }

    [Fact]
    public async Task Full_resolution_of_a_JPEG_instance_is_the_uploaded_photo_byte_for_byte_with_cache_validators()
    {
        var (gp, _, image, jpeg) = await CaseWithImageAsync();
        var session = await SignedInAsync(gp);
        var response = await session.Client.GetAsync(ViewerUrls.FullResolution(image));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(jpeg, await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.NotNull(response.Headers.ETag);

        var again = new HttpRequestMessage(HttpMethod.Get, ViewerUrls.FullResolution(image));
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var revalidated = await session.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Rendered_and_thumbnail_fit_the_viewport_keep_the_aspect_and_differ_in_ETag()
    {
        var (gp, _, image, _) = await CaseWithImageAsync(1200, 900);
        var session = await SignedInAsync(gp);
        var rendered = await session.Client.GetAsync(ViewerUrls.Rendered(image, 400, 400, quality: 70));
        var decoded = ImageDecoder.Decode(await rendered.Content.ReadAsByteArrayAsync()).Image;
        Assert.Equal((400, 300), (decoded.Width, decoded.Height));

        var thumbnail = await session.Client.GetAsync(ViewerUrls.Thumbnail(image, 128));
        var small = ImageDecoder.Decode(await thumbnail.Content.ReadAsByteArrayAsync()).Image;
        Assert.Equal((128, 96), (small.Width, small.Height));
        Assert.NotEqual(rendered.Headers.ETag, thumbnail.Headers.ETag);
        // The lesion is brown in the middle of the thumbnail as in the photo: the right image, not a blank.
        var centre = (48 * 128 + 64) * 3;
        Assert.InRange(small.Pixels[centre], 80, 140);

        var larger = await session.Client.GetAsync(ViewerUrls.Rendered(image, 5000, 5000));
        var notEnlarged = ImageDecoder.Decode(await larger.Content.ReadAsByteArrayAsync()).Image;
        Assert.Equal((1200, 900), (notEnlarged.Width, notEnlarged.Height));
    }

    [Fact]
    public async Task Metadata_is_DICOM_JSON_of_the_instance()
    {
        var (gp, _, image, _) = await CaseWithImageAsync();
        var session = await SignedInAsync(gp);
        var response = await session.Client.GetAsync(ViewerUrls.Metadata(image));
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var instance = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(image.SopInstanceUid, instance.GetProperty("00080018").GetProperty("Value")[0].GetString());
        Assert.Equal(900, instance.GetProperty("00280010").GetProperty("Value")[0].GetInt32());
    }

    [Theory]
    [InlineData("rendered?viewport=0,100", "viewport must be two whole numbers")]
    [InlineData("rendered?viewport=abc", "viewport must be two whole numbers")]
    [InlineData("rendered?viewport=100,100,0,0,10,10", "source regions (vw,vh,sx,sy,sw,sh) are not supported")]
    [InlineData("rendered?viewport=99999,100", "viewport must be two whole numbers of pixels from 1 to 8192")]
    [InlineData("rendered?quality=0", "quality must be a whole number from 1 to 100")]
    [InlineData("rendered?quality=high", "quality must be a whole number from 1 to 100")]
    [InlineData("thumbnail?viewport=2000,2000", "A thumbnail is at most 512 pixels")]
    public async Task Bad_parameters_are_refused_with_what_is_accepted(string suffix, string message)
    {
        var (gp, _, image, _) = await CaseWithImageAsync();
        var session = await SignedInAsync(gp);
        var response = await session.Client.GetAsync(ViewerUrls.Instance(image) + "/" + suffix);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_UIDs_mismatched_studies_and_other_GPs_images_all_answer_the_same_404()
    {
        var (gp, _, image, _) = await CaseWithImageAsync();
        var otherGp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var mine = await SignedInAsync(gp);
        var theirs = await SignedInAsync(otherGp);

        var foreign = await theirs.Client.GetAsync(ViewerUrls.Thumbnail(image));
        var unknown = await mine.Client.GetAsync($"/dicomweb/studies/{image.StudyInstanceUid}/series/{image.SeriesInstanceUid}/instances/1.2.3.4/thumbnail");
        var wrongStudy = await mine.Client.GetAsync($"/dicomweb/studies/1.2.3/series/{image.SeriesInstanceUid}/instances/{image.SopInstanceUid}/rendered");
        var notAUid = await mine.Client.GetAsync($"/dicomweb/studies/1.2.3/series/1.2/instances/abc/rendered");
        foreach (var response in new[] { foreign, unknown, wrongStudy })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("No image with these UIDs that you may view.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.BadRequest, notAUid.StatusCode);
        Assert.Contains("The instance UID is not a DICOM UID", await notAUid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateSession().Client.GetAsync(ViewerUrls.Thumbnail(image))).StatusCode);
    }

    [Fact]
    public async Task The_dermatologists_of_the_department_see_the_image_and_each_person_is_audited_once_per_image()
    {
        var (_, @case, image, _) = await CaseWithImageAsync();
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var session = await SignedInAsync(dermatologist);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(ViewerUrls.Thumbnail(image))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(ViewerUrls.Rendered(image, 512, 512))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(ViewerUrls.FullResolution(image))).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var views = await db.AuditEntries.Where(e => e.Action == ImageViewAudit.Action).ToListAsync();
        var view = Assert.Single(views);
        Assert.Equal((dermatologist.Id, @case.Id.ToString(), image.SopInstanceUid), (view.UserId, view.RecordId, view.Details));
    }

    [Fact]
    public async Task A_prior_from_an_earlier_case_is_visible_through_the_later_case_of_the_same_lesion()
    {
        var earlierGp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var laterGp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var earlier = await TestCases.CreateSubmittedAsync(app.Services, earlierGp.Id, publish: false);
        var later = await TestCases.CreateSubmittedAsync(app.Services, laterGp.Id, publish: false);
        var (lesion, prior) = await TestImages.AddAsync(app.Services, earlier, TestImages.DrawJpeg(variant: 0), DateTime.UtcNow.AddDays(-120));
        var session = await SignedInAsync(laterGp);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync(ViewerUrls.Thumbnail(prior))).StatusCode);
        await TestImages.AddAsync(app.Services, later, TestImages.DrawJpeg(variant: 1), DateTime.UtcNow, lesion);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(ViewerUrls.Thumbnail(prior))).StatusCode);
    }

    [Fact]
    public async Task Pixel_Spacing_of_a_calibrated_dermatoscope_gives_rulers_in_millimetres_without_a_calibration()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var (_, image) = await TestImages.AddAsync(app.Services, @case, TestImages.DrawJpeg(1200, 900), DateTime.UtcNow, pixelSpacingMm: 0.025);
        var geometry = await app.Services.GetRequiredService<ImageRenderer>().GeometryAsync(image, CancellationToken.None);
        Assert.Equal(new TeleDerm.Core.Viewer.ImageGeometry(1200, 900, 0.025, 0.025), geometry);

        var user = new Actor(gp.Id, gp.Email, Roles.GP, null, null, null);
        await app.Services.GetRequiredService<TeleDerm.Core.Viewer.AnnotationCommands>().AddAsync(user, @case.Id,
            new TeleDerm.Core.Viewer.AnnotationDraft(image.Id, TeleDerm.Core.Viewer.AnnotationKind.Ruler, "[[150,300],[950,300]]"), geometry!);
        var ruler = Assert.Single(await app.Services.GetRequiredService<TeleDerm.Core.Viewer.AnnotationQueries>().ForCaseAsync(@case.Id));
        Assert.Equal((20.0, "mm", true), (Math.Round(ruler.Value!.Value, 9), ruler.Unit, ruler.Calibrated));
        Assert.Equal(TeleDerm.Core.Viewer.ScaleSource.DicomPixelSpacing, ruler.ScaleSource);
    }
}
