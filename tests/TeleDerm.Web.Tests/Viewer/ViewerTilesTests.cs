using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Scoring;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Viewer;
using TeleDerm.Web.Features.Viewer.Tiles;
using TeleDerm.Web.Hosting;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Viewer;

/// <summary>The viewer's tiles in the real app: made when a photo is stored, served to who may see it, bounded on disk.</summary>
public sealed class ViewerTilesTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<(TestAccount Gp, LesionImage Image, byte[] Jpeg)> CaseWithImageAsync(int width = 1200, int height = 900, int variant = 0)
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var jpeg = TestImages.DrawJpeg(width, height, variant: variant, noise: 6);
        var (_, image) = await TestImages.AddAsync(app.Services, @case, jpeg, DateTime.UtcNow.AddHours(-2));
        return (gp, image, jpeg);
    }

    private static string Tile(LesionImage image, int level, int column, int row) => $"{ViewerUrls.Tiles(image)}/{level}/{column}/{row}";

    [Fact]
    public async Task A_stored_photo_has_its_tiles_made_in_the_background_after_its_score()
    {
        var (_, image, _) = await CaseWithImageAsync();
        var tiles = app.Services.GetRequiredService<ViewerTiles>();

        // The scoring worker takes every new image; its round asks for the tiles, which the background service makes.
        await app.Services.GetRequiredService<ScoringWorker>().ProcessDueAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!tiles.IsMade(image) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(tiles.IsMade(image), "the tiles were not made within 30 s of the score");
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "tiles"), $"{image.SopInstanceUid}.*.tiles"));
    }

    [Fact]
    public async Task Tiles_cover_the_photo_at_each_level_and_the_top_level_shows_its_own_pixels()
    {
        var (gp, image, jpeg) = await CaseWithImageAsync(1200, 900);
        var session = app.CreateSession();
        await session.SignInAsync(gp);
        var photo = ImageDecoder.Decode(jpeg).Image;

        // 1200 × 900: level 11 is the photo (3 × 2 tiles of 512), level 10 is 600 × 450, level 9 (300 × 225) fits one tile.
        var corner = await session.Client.GetAsync(Tile(image, 11, 2, 1));
        Assert.Equal(HttpStatusCode.OK, corner.StatusCode);
        Assert.Equal("image/jpeg", corner.Content.Headers.ContentType!.MediaType);
        var cornerPixels = ImageDecoder.Decode(await corner.Content.ReadAsByteArrayAsync()).Image;
        Assert.Equal((176, 388), (cornerPixels.Width, cornerPixels.Height));
        double error = 0;
        for (var y = 0; y < cornerPixels.Height; y++)
        {
            for (var x = 0; x < cornerPixels.Stride; x++)
            {
                error += Math.Abs(cornerPixels.Pixels[y * cornerPixels.Stride + x] - photo.Pixels[(512 + y) * photo.Stride + 1024 * 3 + x]);
            }
        }
        Assert.True(error / cornerPixels.Pixels.Length < 0.5, $"mean error {error / cornerPixels.Pixels.Length:F3} against the photo's own pixels");
        var smallest = ImageDecoder.Decode(await session.Client.GetByteArrayAsync(Tile(image, 9, 0, 0))).Image;
        Assert.Equal((300, 225), (smallest.Width, smallest.Height));

        Assert.True(corner.Headers.CacheControl!.Private);
        var again = new HttpRequestMessage(HttpMethod.Get, Tile(image, 11, 2, 1));
        again.Headers.IfNoneMatch.Add(corner.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await session.Client.SendAsync(again)).StatusCode);
        Assert.NotEqual(corner.Headers.ETag, (await session.Client.GetAsync(Tile(image, 11, 1, 1))).Headers.ETag);
    }

    [Theory]
    [InlineData(8, 0, 0)]   // under the smallest level made
    [InlineData(12, 0, 0)]  // above the photo's own size
    [InlineData(11, 3, 0)]  // past the last column
    [InlineData(11, 0, 2)]  // past the last row
    [InlineData(11, -1, 0)]
    public async Task A_tile_outside_the_pyramid_is_refused_with_the_levels_there_are(int level, int column, int row)
    {
        var (gp, image, _) = await CaseWithImageAsync(1200, 900);
        var session = app.CreateSession();
        await session.SignInAsync(gp);

        var response = await session.Client.GetAsync(Tile(image, level, column, row));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("its levels go from 9 to 11", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_practices_GP_an_unknown_image_and_a_stranger_get_nothing_of_a_tile()
    {
        var (gp, image, _) = await CaseWithImageAsync();
        var otherGp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var theirs = app.CreateSession();
        await theirs.SignInAsync(otherGp);
        var mine = app.CreateSession();
        await mine.SignInAsync(gp);

        var foreign = await theirs.Client.GetAsync(Tile(image, 11, 0, 0));
        var unknown = await mine.Client.GetAsync($"/dicomweb/studies/{image.StudyInstanceUid}/series/{image.SeriesInstanceUid}/instances/1.2.3.4/tiles/11/0/0");
        foreach (var response in new[] { foreign, unknown })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("No image with these UIDs that you may view.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateSession().Client.GetAsync(Tile(image, 11, 0, 0))).StatusCode);
    }

    [Fact]
    public async Task The_tile_folder_keeps_to_its_budget_evicting_the_least_recently_viewed_and_makes_missing_or_damaged_tiles_again()
    {
        var images = new List<LesionImage>();
        for (var i = 0; i < 3; i++)
        {
            images.Add((await CaseWithImageAsync(2000, 1500, variant: i)).Image);
        }
        var folder = Directory.CreateTempSubdirectory("teleDerm-tiles-").FullName;
        try
        {
            // A budget of one megabyte: each of these photos' tiles takes more, so only the last made stays.
            using var tiles = new ViewerTiles(app.Services.GetRequiredService<IDicomStore>(), Options.Create(new TeleDermOptions { DataDirectory = folder }),
                Options.Create(new ViewerTileOptions { CacheMegabytes = 1 }), NullLogger<ViewerTiles>.Instance);
            foreach (var image in images)
            {
                Assert.NotNull(await tiles.PackAsync(image, CancellationToken.None));
                Assert.True(tiles.IsMade(image));
            }

            Assert.False(tiles.IsMade(images[0]));
            Assert.True(tiles.IsMade(images[2]));

            // A pack damaged on disk (cut short) is not served: a fresh service finds it unreadable and makes it again.
            var pack = Directory.GetFiles(Path.Combine(folder, "tiles"), $"{images[2].SopInstanceUid}.*.tiles").Single();
            await File.WriteAllBytesAsync(pack, (await File.ReadAllBytesAsync(pack))[..100]);
            using (var fresh = new ViewerTiles(app.Services.GetRequiredService<IDicomStore>(), Options.Create(new TeleDermOptions { DataDirectory = folder }),
                Options.Create(new ViewerTileOptions { CacheMegabytes = 1 }), NullLogger<ViewerTiles>.Instance))
            {
                var remade = await fresh.PackAsync(images[2], CancellationToken.None);
                Assert.NotNull(remade);
                Assert.NotNull(await fresh.TileAsync(images[2], remade, new TeleDerm.Imaging.Pyramids.TileAddress(remade.Layout.MaxLevel, 0, 0), CancellationToken.None));
                Assert.True(new FileInfo(pack).Length > 100_000);
            }
            var again = await tiles.PackAsync(images[0], CancellationToken.None);
            Assert.NotNull(again);
            Assert.Equal((2000, 1500), (again.Layout.Width, again.Layout.Height));
            Assert.True(tiles.IsMade(images[0]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
