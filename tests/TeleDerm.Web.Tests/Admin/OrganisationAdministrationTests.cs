using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Testing;
using TeleDerm.Core.Administration;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Admin;

public sealed class OrganisationAdministrationTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private Actor? admin;

    /// <summary>Runs an operation as the administrator admin@test.example (created on first use), as the organisations page does.</summary>
    private async Task<T> AsAdminAsync<T>(Func<OrganisationAdministration, Actor, Task<T>> operation)
    {
        admin ??= await TestAccounts.AdministratorAsync(app.Services, "admin@test.example");
        return await operation(app.Services.GetRequiredService<OrganisationAdministration>(), admin);
    }

    [Fact]
    public async Task An_administrator_adds_and_renames_a_department_and_both_are_audited()
    {
        var id = await AsAdminAsync((a, admin) => a.CreateAsync(admin, OrganisationKind.Department, "  Dermatology, North Hospital "));
        await AsAdminAsync(async (a, admin) => { await a.RenameAsync(admin, OrganisationKind.Department, id, "Dermatology, North University Hospital"); return true; });
        var rows = await AsAdminAsync((a, admin) => a.ListAsync(admin));
        Assert.Contains(rows, r => r.Id == id && r.Name == "Dermatology, North University Hospital" && r.Kind == OrganisationKind.Department);
        await app.AssertAuditedAsync(AuditActions.OrganisationCreated, AuditOutcome.Success, "admin@test.example");
        var renamed = await app.AssertAuditedAsync(AuditActions.OrganisationRenamed, AuditOutcome.Success, "admin@test.example");
        Assert.Equal("Dermatology, North Hospital -> Dermatology, North University Hospital", renamed.Details);
    }

    [Fact]
    public async Task A_second_practice_with_the_same_name_is_refused()
    {
        await AsAdminAsync((a, admin) => a.CreateAsync(admin, OrganisationKind.Practice, "Cabinet du Port"));
        var error = await Assert.ThrowsAsync<AdministrationException>(() => AsAdminAsync((a, admin) => a.CreateAsync(admin, OrganisationKind.Practice, "Cabinet du Port")));
        Assert.Equal("A practice named 'Cabinet du Port' already exists.", error.Message);
    }

    [Fact]
    public async Task An_empty_name_is_refused()
    {
        var error = await Assert.ThrowsAsync<AdministrationException>(() => AsAdminAsync((a, admin) => a.CreateAsync(admin, OrganisationKind.Department, "   ")));
        Assert.Equal("A name is required, 200 characters at most.", error.Message);
    }

    private static byte[] Dermoscopy() => RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg");

    private Task<Guid> DepartmentAsync() => AsAdminAsync((a, admin) => a.CreateAsync(admin, OrganisationKind.Department, $"Dermatology {Guid.NewGuid():N}"));

    private Task SetLetterheadAsync(Guid department, string name, string address, LogoChange logo) =>
        AsAdminAsync(async (a, admin) => { await a.SetLetterheadAsync(admin, department, name, address, logo); return true; });

    [Fact]
    public async Task A_letterhead_keeps_a_small_jpeg_made_from_the_logo_and_is_audited()
    {
        var department = await DepartmentAsync();
        await SetLetterheadAsync(department, "  CHU de Nantes ", "1 place Alexis-Ricordeau\n\n  44093 Nantes  \n", new LogoChange(Dermoscopy()));

        var stored = await AsAdminAsync((a, admin) => a.LetterheadAsync(admin, department));
        Assert.Equal("CHU de Nantes", stored.Name);
        Assert.Equal("1 place Alexis-Ricordeau\n44093 Nantes", stored.Address);
        var logo = TeleDerm.Imaging.ImageDecoder.Decode(stored.LogoJpeg!);
        Assert.Equal(TeleDerm.Imaging.ImageFormat.Jpeg, logo.Format);
        Assert.True(logo.Image.Width <= LetterheadRules.LogoBoxWidth && logo.Image.Height <= LetterheadRules.LogoBoxHeight, $"{logo.Image.Width}×{logo.Image.Height}");
        var audited = await app.AssertAuditedAsync(AuditActions.DepartmentLetterhead, AuditOutcome.Success, "admin@test.example");
        Assert.Contains("CHU de Nantes", audited.Details, StringComparison.Ordinal);

        // Saving the name again keeps the logo; removing it takes it away.
        await SetLetterheadAsync(department, "CHU de Nantes", "", LogoChange.Keep);
        Assert.NotNull((await AsAdminAsync((a, admin) => a.LetterheadAsync(admin, department))).LogoJpeg);
        await SetLetterheadAsync(department, "", "", new LogoChange(Remove: true));
        var cleared = await AsAdminAsync((a, admin) => a.LetterheadAsync(admin, department));
        Assert.Null(cleared.LogoJpeg);
        Assert.Equal("", cleared.Name);
    }

    public static TheoryData<string, byte[]> RefusedLogos => new()
    {
        { "LogoNotImage", "%PDF-1.7 not a logo"u8.ToArray() },
        { "LogoNotImage", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() },
        { "LogoNotImage", Dermoscopy()[..2000] },
        // A PNG whose header declares 30000 × 30000 pixels: refused from the header (our own read of IHDR, before libspng).
        { "LogoTooManyPixels", PngHeader(30_000, 30_000) },
        { "LogoTooLarge", new byte[LetterheadRules.MaxLogoUploadBytes + 1] },
    };

    [Theory]
    [MemberData(nameof(RefusedLogos))]
    public async Task A_logo_that_is_not_a_bounded_png_or_jpeg_is_refused_and_the_stored_one_kept(string code, byte[] upload)
    {
        var department = await DepartmentAsync();
        await SetLetterheadAsync(department, "CHU", "", new LogoChange(Dermoscopy()));
        var before = (await AsAdminAsync((a, admin) => a.LetterheadAsync(admin, department))).LogoJpeg;

        var refused = await Assert.ThrowsAsync<AdministrationException>(() => SetLetterheadAsync(department, "Other name", "", new LogoChange(upload)));

        Assert.Equal($"AdminError.{code}", refused.Refusal.Key);
        var after = await AsAdminAsync((a, admin) => a.LetterheadAsync(admin, department));
        Assert.Equal(before, after.LogoJpeg);
        Assert.Equal("CHU", after.Name);
    }

    [Theory]
    [InlineData("LetterheadAddressLength", "CHU", "1\n2\n3\n4\n5")]
    [InlineData("LetterheadNameLength", null, "")]
    [InlineData("LetterheadControlCharacters", "CHU\u0007", "")]
    [InlineData("LetterheadControlCharacters", "CHU", "rue\u001b[31m")]
    public async Task A_name_or_address_that_cannot_be_printed_is_refused(string code, string? name, string address)
    {
        var department = await DepartmentAsync();
        var refused = await Assert.ThrowsAsync<AdministrationException>(() =>
            SetLetterheadAsync(department, name ?? new string('x', LetterheadRules.MaxNameLength + 1), address, LogoChange.Keep));
        Assert.Equal($"AdminError.{code}", refused.Refusal.Key);
        Assert.Equal("", (await AsAdminAsync((a, admin) => a.LetterheadAsync(admin, department))).Name);
    }

    private static byte[] PngHeader(uint width, uint height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] ihdr = [0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0, 0, 0, 0, 0];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(8), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(12), height);
        png.Write(ihdr);
        png.Write(new byte[64]);
        return png.ToArray();
    }

    [Fact]
    public async Task Members_are_counted_per_organisation()
    {
        await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        var rows = await AsAdminAsync((a, admin) => a.ListAsync(admin));
        Assert.Equal(2, rows.Single(r => r.Kind == OrganisationKind.Department).Members);
    }
}
