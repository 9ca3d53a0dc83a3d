using Hl7.Fhir.Model;
using TeleDerm.Core.Cases;
using TeleDerm.Fhir;
using TeleDerm.Fhir.Intake;
using TeleDerm.Fhir.Search;
using TeleDerm.Fhir.Resources;

namespace TeleDerm.Web.Tests.Fhir;

/// <summary>The FHIR translation on its own: codes both ways, search parameters (good and malformed), and the validator itself.</summary>
public sealed class FhirTranslationTests
{
    [Theory]
    [InlineData("77568009", "77568009", Laterality.NotApplicable)]
    [InlineData("40983000:272741003=7771000", "40983000", Laterality.Left)]
    [InlineData("40983000 : 272741003 = 24028007", "40983000", Laterality.Right)]
    [InlineData("77568009:272741003=260528009", "77568009", Laterality.Midline)]
    public void A_body_site_with_its_laterality_reads_back_as_it_was_written(string code, string site, Laterality laterality)
    {
        Assert.Equal((site, laterality), FhirCodes.ParseBodySite(code));
        Assert.Equal((site, laterality), FhirCodes.ParseBodySite(FhirCodes.BodySiteExpression(site, laterality)));
    }

    [Theory]
    [InlineData("40983000:272741003")]
    [InlineData("40983000:272741003=51440002")] // bilateral: a lesion is on one side
    [InlineData("40983000:363698007=7771000")] // another attribute than laterality
    public void A_refinement_TeleDerm_does_not_store_is_refused_not_dropped(string code) => Assert.Null(FhirCodes.ParseBodySite(code));

    [Fact]
    public void Urgency_and_status_map_onto_FHIRs_codes_in_order()
    {
        Assert.Equal([RequestPriority.Routine, RequestPriority.Urgent, RequestPriority.Asap], Enum.GetValues<Urgency>().Select(FhirCodes.ToFhir).ToArray());
        Assert.All(Enum.GetValues<Urgency>(), u => Assert.Equal(u, FhirCodes.ToUrgency(FhirCodes.ToFhir(u))));
        Assert.Equal(Urgency.Urgent, FhirCodes.ToUrgency(RequestPriority.Stat));
        Assert.Equal(Urgency.Routine, FhirCodes.ToUrgency(null));
        Assert.Equal(RequestStatus.OnHold, FhirCodes.ToFhir(CaseStatus.WaitingForGp));
        Assert.Equal(RequestStatus.Revoked, FhirCodes.ToFhir(CaseStatus.ConvertedToAppointment));
    }

    [Fact]
    public void A_search_reads_its_parameters_and_refuses_unknown_repeated_or_malformed_ones()
    {
        var patient = Guid.NewGuid();
        var (search, issues) = FhirSearch.ServiceRequests([new("patient", $"Patient/{patient}"), new("_lastUpdated", "ge2026-03-01"), new("_count", "10")]);
        Assert.Empty(issues);
        Assert.Equal((patient, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), (DateTime?)null, 10), (search!.PatientId, search.After, search.Before, search.Count));

        var (day, _) = FhirSearch.ServiceRequests([new("_lastUpdated", "2026-03-01")]);
        Assert.Equal((new DateTime(2026, 3, 1), new DateTime(2026, 3, 2)), (day!.After, day.Before));
        var (instant, _) = FhirSearch.ServiceRequests([new("_lastUpdated", "lt2026-03-01T08:00:00+01:00")]);
        Assert.Equal(new DateTime(2026, 3, 1, 7, 0, 0, DateTimeKind.Utc), instant!.Before);

        foreach (var (name, value) in new[] { ("_lastUpdated", "ge2026-13-01"), ("_lastUpdated", "ge2026-03-01T08:00:00"), ("_lastUpdated", "xx2026-03-01"),
                     ("_lastUpdated", ""), ("_count", "0"), ("_count", "101"), ("_count", "-1"), ("_count", "1e3"), ("patient", "Patient/123"),
                     ("patient", "Practitioner/7b0e4c1a-0000-4000-8000-000000000000"), ("subject", "Patient/x"), ("_sort", "-_lastUpdated") })
        {
            var (refused, problems) = FhirSearch.ServiceRequests([new(name, value)]);
            Assert.True(refused is null && problems.Count == 1 && problems[0].Expression == name, $"{name}={value} was accepted");
        }
        Assert.Single(FhirSearch.ServiceRequests([new("_count", "5"), new("_count", "6")]).Issues);
        Assert.Equal("SearchBasedOnMissing", FhirSearch.BasedOn("DiagnosticReport", []).Issues.Single().Code);
        Assert.Equal("SearchParameterUnknown", FhirSearch.BasedOn("Communication", [new("based-on", "ServiceRequest/x"), new("status", "completed")]).Issues[0].Code);
    }

    [Fact]
    public void The_validator_finds_what_the_R4_base_profiles_forbid()
    {
        // A check that cannot fail proves nothing: a ServiceRequest without its required status, intent and subject must be refused.
        var errors = FhirValidation.Errors(new ServiceRequest { Id = "x" });
        Assert.Contains(errors, e => e.Contains("status", StringComparison.OrdinalIgnoreCase) || e.Contains("intent", StringComparison.OrdinalIgnoreCase));

        var lesion = new Lesion { Id = Guid.NewGuid(), BodySiteCode = "40983000", Laterality = Laterality.Left, Description = "left upper arm" };
        var @case = new TeleExpertiseCase
        {
            Id = Guid.NewGuid(), Reference = "TD-ABC234", PatientId = Guid.NewGuid(), Reason = "Changing naevus", Urgency = Urgency.Urgent, UrgencyReason = "Bleeds",
            Status = CaseStatus.Submitted, SubmittedAtUtc = DateTime.UtcNow, LastActivityAtUtc = DateTime.UtcNow,
            Lesions = [new CaseLesion { LesionId = lesion.Id, Lesion = lesion }],
        };
        FhirValidation.AssertValid(FhirResources.ServiceRequest(@case, "urn:oid:1.2.3|R-1", null, "Dermatology"));
        FhirValidation.AssertValid(FhirResources.Patient(new Core.Cases.Patient { Id = Guid.NewGuid(), FamilyName = "Ng", GivenName = "Anh Thu", BirthDate = new DateOnly(1990, 1, 2) },
            "urn:oid:1.2.250.1.213.1.4.8"));
        FhirValidation.AssertValid(FhirCapabilities.Statement("https://teleDerm.example/fhir", "1.0", DateTimeOffset.UtcNow));
    }
}
