using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Testing;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.Admin;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Admin;

public sealed class OrganisationAdministrationTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<T> AsAdminAsync<T>(Func<OrganisationAdministration, Task<T>> operation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().User =
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "admin-1"), new Claim(ClaimTypes.Name, "admin@test.example")], "test"));
        return await operation(scope.ServiceProvider.GetRequiredService<OrganisationAdministration>());
    }

    [Fact]
    public async Task An_administrator_adds_and_renames_a_department_and_both_are_audited()
    {
        var id = await AsAdminAsync(a => a.CreateAsync(OrganisationKind.Department, "  Dermatology, North Hospital "));
        await AsAdminAsync(async a => { await a.RenameAsync(OrganisationKind.Department, id, "Dermatology, North University Hospital"); return true; });
        var rows = await AsAdminAsync(a => a.ListAsync());
        Assert.Contains(rows, r => r.Id == id && r.Name == "Dermatology, North University Hospital" && r.Kind == OrganisationKind.Department);
        await app.AssertAuditedAsync(AuditActions.OrganisationCreated, AuditOutcome.Success, "admin@test.example");
        var renamed = await app.AssertAuditedAsync(AuditActions.OrganisationRenamed, AuditOutcome.Success, "admin@test.example");
        Assert.Equal("Dermatology, North Hospital -> Dermatology, North University Hospital", renamed.Details);
    }

    [Fact]
    public async Task A_second_practice_with_the_same_name_is_refused()
    {
        await AsAdminAsync(a => a.CreateAsync(OrganisationKind.Practice, "Cabinet du Port"));
        var error = await Assert.ThrowsAsync<AdministrationException>(() => AsAdminAsync(a => a.CreateAsync(OrganisationKind.Practice, "Cabinet du Port")));
        Assert.Equal("A practice named 'Cabinet du Port' already exists.", error.Message);
    }

    [Fact]
    public async Task An_empty_name_is_refused()
    {
        var error = await Assert.ThrowsAsync<AdministrationException>(() => AsAdminAsync(a => a.CreateAsync(OrganisationKind.Department, "   ")));
        Assert.Equal("A name is required, 200 characters at most.", error.Message);
    }

    [Fact]
    public async Task Members_are_counted_per_organisation()
    {
        await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        var rows = await AsAdminAsync(a => a.ListAsync());
        Assert.Equal(2, rows.Single(r => r.Kind == OrganisationKind.Department).Members);
    }
}
