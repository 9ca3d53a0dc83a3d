using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Components.Forms;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Components.Tests.Intake;

/// <summary>Parts of the New request form with logic: the photo list, dates in the app's language, errors by their field.</summary>
public sealed class IntakeFormTests : ComponentTestContext
{
    public IntakeFormTests()
    {
        Context.Services.AddSingleton(Options.Create(new IntakeOptions()));
    }

    [Fact]
    public void The_photo_list_shows_each_files_progress_and_its_own_error_and_removes_a_photo()
    {
        UseLanguage("fr");
        var read = PhotoDraft.Named("dos.jpg", ImageKind.Dermoscopic);
        read.Percent = 100;
        var refused = PhotoDraft.Named("scan.pdf", ImageKind.Dermoscopic);
        refused.Error = "scan.pdf : ce fichier n'est pas une image.";
        var photos = new List<PhotoDraft> { read, refused };

        var picker = Context.Render<PhotoPicker>(p => p.Add(x => x.InputId, "photos-1").Add(x => x.Photos, photos));

        var items = picker.FindAll("[data-testid=photo]");
        Assert.Equal(2, items.Count);
        Assert.Equal("100", items[0].QuerySelector("progress")!.GetAttribute("value"));
        Assert.Null(items[0].QuerySelector("[role=alert]"));
        Assert.Equal("scan.pdf : ce fichier n'est pas une image.", items[1].QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Retirer cette photo", items[1].QuerySelector("button")!.GetAttribute("aria-label"));

        items[1].QuerySelector("button")!.Click();

        Assert.Equal([read], photos);
    }

    [Fact]
    public void Each_photo_says_what_to_retake_and_why_in_the_GPs_language_and_its_kind_decides_the_framing_checks()
    {
        UseLanguage("fr");
        var photo = PhotoDraft.Named("dos.jpg", ImageKind.Dermoscopic);
        photo.Input = photo.Input with { Bytes = [1] };
        // Measured as a blurred, dark 400×300 photo whose lesion is small in the frame.
        photo.Measures = new TeleDerm.Imaging.Quality.PhotoMeasures(400, 300, Blur: 0.7, LaplacianVariance: 1, ClippedFraction: 0, BlackFraction: 0.1,
            WhiteFraction: 0, BrightLuma: 50, new TeleDerm.Imaging.Quality.LesionFraming(0.005, 0.05));
        var photos = new List<PhotoDraft> { photo };

        var picker = Context.Render<PhotoPicker>(p => p.Add(x => x.InputId, "photos-1").Add(x => x.Photos, photos));

        string[] Shown() => [.. picker.FindAll("[data-testid^=photo-finding-]").Select(e => e.GetAttribute("data-testid")!["photo-finding-".Length..])];
        Assert.Equal(["OutOfFocus", "UnderExposed", "TooSmall", "LesionSmallInFrame"], Shown());
        Assert.StartsWith("Floue : le dermatologue", picker.Find("[data-testid=photo-finding-OutOfFocus]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("400 × 300 pixels", picker.Find("[data-testid=photo-finding-TooSmall]").TextContent, StringComparison.Ordinal);
        Assert.All(picker.FindAll("[data-testid^=photo-finding-]"), e => Assert.Equal("status", e.GetAttribute("role")));

        picker.Find("[data-testid=photo-kind]").Change(nameof(ImageKind.Clinical));

        Assert.Equal(ImageKind.Clinical, photo.Input.Kind);
        Assert.Equal(["OutOfFocus", "UnderExposed", "TooSmall"], Shown());
    }

    [Fact]
    public void A_lesion_without_an_overview_is_told_to_add_one_in_the_GPs_language()
    {
        UseLanguage("en");
        var photo = PhotoDraft.Named("close.jpg", ImageKind.Dermoscopic);
        photo.Input = photo.Input with { Bytes = [1] };

        var hint = Context.Render<MissingViewsHint>(p => p.Add(x => x.Photos, [photo]).Add(x => x.Number, 1));

        Assert.Equal("Add an overview photo (clinical, from further away) showing where the lesion is.", hint.Find("[data-testid=missing-views-1]").TextContent.Trim());
        Assert.Empty(Context.Render<MissingViewsHint>(p => p.Add(x => x.Photos, []).Add(x => x.Number, 1)).Markup.Trim());
    }

    [Theory]
    [InlineData("fr", "17/03/1949", "JJ/MM/AAAA")]
    [InlineData("en", "03/17/1949", "MM/DD/YYYY")]
    public void A_date_is_shown_and_typed_in_the_apps_language_whatever_the_browser(string language, string shown, string hint)
    {
        UseLanguage(language);
        DateOnly? value = new DateOnly(1949, 3, 17);
        var field = Context.Render<DateField>(p => p.Add(f => f.Id, "birth").Add(f => f.Label, "Born").Add(f => f.Value, value).Add(f => f.ValueChanged, (DateOnly? v) => value = v));

        Assert.Equal(shown, field.Find("input").GetAttribute("value"));
        Assert.Equal(hint, field.Find("small").TextContent);

        field.Find("input").Change("1950-01-02");
        Assert.Equal(new DateOnly(1950, 1, 2), value);

        field.Find("input").Change("31/31/1950");
        Assert.Null(value);
        Assert.Equal("true", field.Find("input").GetAttribute("aria-invalid"));
        Assert.Contains(hint, field.Find(".field-error").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR", "17/03/1949")]
    [InlineData("en-US", "3/17/1949")]
    public void Typed_dates_follow_the_cultures_order_and_ISO_is_always_accepted(string culture, string typed)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        Assert.True(DateInput.TryParse(typed, info, out var date));
        Assert.Equal(new DateOnly(1949, 3, 17), date);
        Assert.True(DateInput.TryParse("1949-03-17", info, out _));
        Assert.False(DateInput.TryParse("17.03.49", info, out _));
    }

    [Fact]
    public void An_error_is_written_next_to_its_own_field_only_in_the_readers_language()
    {
        UseLanguage("fr");
        IReadOnlyList<IntakeError> errors =
        [
            new("patient.familyName", "Enter the patient's family name.", "FamilyName"),
            new("reason", "Say why you ask for an opinion.", "Reason"),
        ];

        var family = Context.Render<FieldError>(p => p.Add(f => f.Errors, errors).Add(f => f.Field, "patient.familyName"));
        var given = Context.Render<FieldError>(p => p.Add(f => f.Errors, errors).Add(f => f.Field, "patient.givenName"));

        Assert.Equal("Saisissez le nom de famille du patient.", family.Find(".field-error").TextContent);
        Assert.Empty(given.FindAll(".field-error"));
    }

    [Fact]
    public async Task A_required_field_left_empty_is_named_under_it_by_MudForm_before_anything_is_sent()
    {
        UseLanguage("fr");
        var rendered = Context.Render<MudBlazor.MudForm>(p => p
            .AddChildContent<IntakeTextField>(f => f.Add(x => x.Label, "Nom").Add(x => x.InputId, "family").Add(x => x.Field, "patient.familyName")
                .Add(x => x.Required, true).Add(x => x.RequiredError, "Saisissez le nom de famille du patient.")));
        var form = rendered.Instance;

        await rendered.InvokeAsync(form.ValidateAsync);

        Assert.False(form.IsValid);
        Assert.Contains("Saisissez le nom de famille du patient.", rendered.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_services_error_about_a_field_is_written_under_it_and_marks_it_for_the_first_error_jump()
    {
        UseLanguage("fr");
        IReadOnlyList<IntakeError> errors = [new("patient.nationalHealthId", "English", "NationalHealthId"), new("reason", "English", "Reason")];

        var field = Context.Render<IntakeTextField>(p => p.Add(x => x.Label, "INS").Add(x => x.InputId, "nhi").Add(x => x.Field, "patient.nationalHealthId")
            .Add(x => x.Errors, errors));

        Assert.Contains("L'identifiant national de santé compte de 5 à 32 caractères.", field.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Say why", field.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(field.FindAll("[data-field-error='patient.nationalHealthId']"));
        Assert.Equal("nhi", field.Find("input").Id);
    }
}
