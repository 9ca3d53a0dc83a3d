using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Scoring;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Scoring;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Scoring;

/// <summary>The administrator's risk model commands: refusals come back as texts to show, and every outcome is audited.</summary>
public sealed class RiskModelAdministrationTests : IDisposable
{
    private readonly TeleDermAppFactory app = new();

    public void Dispose() => app.Dispose();

    private RiskModelAdministration Administration => app.Services.GetRequiredService<RiskModelAdministration>();

    [Fact]
    public async Task A_model_not_in_the_folder_is_refused_with_its_reason_and_the_failure_is_audited()
    {
        var admin = await TestAccounts.AdministratorAsync(app.Services, "models.admin@test.example");

        var refusal = await Administration.ActivateAsync(admin, "no-such-model.onnx");

        Assert.NotNull(refusal);
        Assert.Equal("RiskModelError.NotActivated", refusal.Key);
        Assert.Contains("No model 'no-such-model.onnx'", (string)refusal.Arguments[0], StringComparison.Ordinal);
        var audited = await app.AssertAuditedAsync(AuditActions.RiskModelActivated, AuditOutcome.Failure, "models.admin@test.example");
        Assert.StartsWith("no-such-model.onnx: ", audited.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_that_does_not_match_its_model_installs_nothing_and_is_audited()
    {
        var admin = await TestAccounts.AdministratorAsync(app.Services, "models.admin@test.example");
        var folder = TeleDerm.RiskScoring.ModelRegistry.FindModelsFolder()!;
        var model = await File.ReadAllBytesAsync(Path.Combine(folder, "teleDerm-dermoscopy-features-v1.onnx"));
        var card = await File.ReadAllTextAsync(Path.Combine(folder, "teleDerm-dermoscopy-features-v1.card.json"));
        var image = System.Text.Json.Nodes.JsonNode.Parse(card)!["image"]!["input"]!.GetValue<string>();
        var wrong = card.Replace($"\"{image}\"", "\"pixels_nchw\"", StringComparison.Ordinal);

        var refusal = await Administration.AddAsync(admin, "mismatch.onnx", model, System.Text.Encoding.UTF8.GetBytes(wrong));

        Assert.Equal("RiskModelError.NotAdded", refusal?.Key);
        Assert.Contains("pixels_nchw", (string)refusal!.Arguments[0], StringComparison.Ordinal);
        Assert.DoesNotContain(app.Services.GetRequiredService<ActiveRiskModel>().Registry().Models, m => m.FileName == "mismatch.onnx");
        await app.AssertAuditedAsync(AuditActions.RiskModelAdded, AuditOutcome.Failure, "models.admin@test.example");
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_changes_nothing()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var asAdmin = new Actor(gp.Id, gp.Email, Roles.Admin, null, null, null); // a forged or stale claim of the role

        var refused = await Assert.ThrowsAsync<AdministrationException>(() => Administration.RescoreAllAsync(asAdmin, "any"));

        Assert.Equal("AdminError.NotAdministrator", refused.Refusal.Key);
        await app.AssertAuditedAsync(AuditActions.AccessDenied, AuditOutcome.Denied, gp.Email);
    }

    [Fact]
    public async Task Scoring_everything_again_is_audited_with_the_count()
    {
        var admin = await TestAccounts.AdministratorAsync(app.Services, "models.admin@test.example");

        var count = await Administration.RescoreAllAsync(admin, "TeleDerm dermoscopy features 1");

        var audited = await app.AssertAuditedAsync(AuditActions.RescoringStarted, AuditOutcome.Success, "models.admin@test.example");
        Assert.Equal($"{count} images with TeleDerm dermoscopy features 1", audited.Details);
    }
}
