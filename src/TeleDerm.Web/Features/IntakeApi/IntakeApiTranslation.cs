using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>Turns the API's request into the intake use case's: the requesting GP and the department by name, the photos by part.</summary>
internal static class IntakeApiTranslation
{
    internal static async Task<TeleDermUser?> FindGpAsync(UserManager<TeleDermUser> users, string? name, Guid practiceId, List<ApiFieldError> errors,
        ApiProblems problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(problems.Field("requestingGp", "RequestingGpMissing"));
            return null;
        }
        var gp = await users.FindByNameAsync(name.Trim()) ?? await users.FindByEmailAsync(name.Trim());
        if (gp is null || gp.IsDisabled || gp.PracticeId != practiceId || !await users.IsInRoleAsync(gp, Roles.GP))
        {
            errors.Add(problems.Field("requestingGp", "RequestingGpUnknown", name.Trim()));
            return null;
        }
        return gp;
    }

    internal static async Task<Guid> FindDepartmentAsync(TeleDermDbContext db, string? name, List<ApiFieldError> errors, ApiProblems problems)
    {
        var departments = await db.Departments.AsNoTracking().ToListAsync();
        if (string.IsNullOrWhiteSpace(name))
        {
            if (departments.Count == 1)
            {
                return departments[0].Id;
            }
            errors.Add(problems.Field("department", "DepartmentMissing", string.Join(", ", departments.Select(d => d.Name).Order())));
            return Guid.Empty;
        }
        var match = departments.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(problems.Field("department", "DepartmentUnknown", name.Trim()));
            return Guid.Empty;
        }
        return match.Id;
    }

    internal static IntakeRequest ToIntakeRequest(ApiCaseRequest request, Dictionary<string, PhotoInput> files)
    {
        var q = request.Questionnaire ?? new ApiQuestionnaire();
        return new IntakeRequest(
            new PatientInput(request.Patient.FamilyName, request.Patient.GivenName, request.Patient.BirthDate, request.Patient.Sex,
                request.Patient.NationalHealthId, request.Patient.Phone, request.Patient.Email),
            request.Reason,
            new Questionnaire
            {
                DurationMonths = q.DurationMonths, Evolution = q.Evolution, EvolutionDetails = q.EvolutionDetails, Itch = q.Itch, Bleeding = q.Bleeding,
                Pain = q.Pain, Ulceration = q.Ulceration, TreatmentsTried = q.TreatmentsTried, PersonalHistoryOfSkinCancer = q.PersonalHistoryOfSkinCancer,
                FamilyHistoryOfMelanoma = q.FamilyHistoryOfMelanoma, FitzpatrickPhototype = q.FitzpatrickPhototype, Immunosuppressed = q.Immunosuppressed,
            },
            request.Urgency, request.UrgencyReason, request.PatientConsent,
            [.. request.Lesions.Select(l => new LesionInput(l.BodySiteCode ?? "", l.Laterality, l.Description,
                [.. l.Photos.Select(p => files[p.File] with { Kind = p.Kind })], l.ExistingLesionId))],
            SamePatientConfirmed: request.Patient.ConfirmSamePatient,
            ReidentifyDicomFiles: request.ReidentifyDicomFiles);
    }
}
