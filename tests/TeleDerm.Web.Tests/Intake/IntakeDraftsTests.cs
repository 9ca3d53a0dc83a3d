using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Tests.Infrastructure;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Tests.Intake;

public sealed class IntakeDraftsTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private IntakeDrafts Drafts => app.Services.GetRequiredService<IntakeDrafts>();

    private static IntakeDraftState State(params DraftPhoto[] photos) => new(
        new PatientInput("Roux", "Anne", new DateOnly(1980, 1, 2), Sex.Female), "Changing mole.", new Questionnaire { Itch = true }, Urgency.Soon, "Grew", true,
        Guid.Empty, [new LesionDraftState("77568009", Laterality.Left, "6 mm", ImageKind.Dermoscopic, photos)]);

    [Fact]
    public async Task A_draft_comes_back_to_its_author_with_its_photos_and_to_nobody_else()
    {
        _ = app.CreateClient();
        var photo = new DraftPhoto(Guid.NewGuid(), "a.jpg", ImageKind.Dermoscopic);
        var (id, _) = await Drafts.SaveAsync("gp-a", null, State(photo), new Dictionary<Guid, byte[]> { [photo.Id] = [1, 2, 3] });

        var loaded = await Drafts.LoadAsync("gp-a");
        Assert.NotNull(loaded);
        Assert.Equal(id, loaded.Id);
        Assert.True(loaded.State.Questionnaire.Itch);
        Assert.Equal([1, 2, 3], loaded.Photos[photo.Id]);
        Assert.Null(await Drafts.LoadAsync("gp-b"));

        await Drafts.DiscardAsync("gp-b", id);
        Assert.NotNull(await Drafts.LoadAsync("gp-a"));

        // A photo removed from the form is removed from the disk at the next save.
        await Drafts.SaveAsync("gp-a", id, State(), new Dictionary<Guid, byte[]>());
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "drafts", id.ToString("N"))));

        await Drafts.DiscardAsync("gp-a", id);
        Assert.Null(await Drafts.LoadAsync("gp-a"));
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "drafts", id.ToString("N"))));
    }

    [Fact]
    public async Task A_draft_that_no_longer_reads_is_dropped_instead_of_breaking_the_page()
    {
        _ = app.CreateClient();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            db.Add(new IntakeDraft { Id = Guid.NewGuid(), GpUserId = "gp-a", UpdatedAtUtc = DateTime.UtcNow, StateJson = "{\"patient\": 42" });
            await db.SaveChangesAsync();
        }

        Assert.Null(await Drafts.LoadAsync("gp-a"));

        await using var check = app.Services.CreateAsyncScope();
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<IntakeDraft>().CountAsync());
    }
}
