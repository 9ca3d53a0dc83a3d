using Microsoft.AspNetCore.Authorization;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;

namespace TeleDerm.Web.Accounts;

/// <summary>
/// Authorization policies. Every policy except <see cref="SignedIn"/> also requires that this session
/// passed two-factor (or that the user's role is exempt by configuration); the fallback policy applies the
/// same rule to every endpoint that declares nothing, so a new page is protected by default.
/// </summary>
public static class Policies
{
    /// <summary>Signed in with a password only: enough to reach the two-factor enrolment page, nothing else.</summary>
    public const string SignedIn = "signed-in";
    public const string GP = "role:" + Roles.GP;
    public const string Dermatologist = "role:" + Roles.Dermatologist;
    public const string DepartmentHead = "role:" + Roles.DepartmentHead;
    public const string Admin = "role:" + Roles.Admin;
    /// <summary>Dermatologists and department heads: the clinical staff of a department.</summary>
    public const string DepartmentStaff = "department-staff";
    /// <summary>Department heads (their own department) and administrators (any, without patient data): the dashboard.</summary>
    public const string DashboardViewers = "dashboard-viewers";
    /// <summary>Anyone with a TeleDerm role who passed two-factor: home, preferences, report verification.</summary>
    public const string Member = "member";
    /// <summary>The people of a case: GPs (their own requests) and department staff (their department's). Record
    /// access then decides which case; administrators manage accounts and never open a case.</summary>
    public const string CaseParticipants = "case-participants";
    /// <summary>Practice software calling the intake API with a practice's API key (no browser session, no two-factor).</summary>
    public const string PracticeApi = "practice-api";

    public static void Configure(AuthorizationOptions options)
    {
        var fullySignedIn = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new TwoFactorSatisfiedRequirement(), new PasswordChosenRequirement())
            .Build();
        options.DefaultPolicy = fullySignedIn;
        options.FallbackPolicy = fullySignedIn;
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(GP, p => p.Combine(fullySignedIn).RequireRole(Roles.GP));
        options.AddPolicy(Dermatologist, p => p.Combine(fullySignedIn).RequireRole(Roles.Dermatologist));
        options.AddPolicy(DepartmentHead, p => p.Combine(fullySignedIn).RequireRole(Roles.DepartmentHead));
        options.AddPolicy(Admin, p => p.Combine(fullySignedIn).RequireRole(Roles.Admin));
        options.AddPolicy(DepartmentStaff, p => p.Combine(fullySignedIn).RequireRole(Roles.Dermatologist, Roles.DepartmentHead));
        options.AddPolicy(Member, p => p.Combine(fullySignedIn).RequireRole(Roles.All));
        options.AddPolicy(CaseParticipants, p => p.Combine(fullySignedIn).RequireRole(Roles.GP, Roles.Dermatologist, Roles.DepartmentHead));
        options.AddPolicy(DashboardViewers, p => p.Combine(fullySignedIn).RequireRole(Roles.DepartmentHead, Roles.Admin));
        options.AddPolicy(PracticeApi, p => p.AddAuthenticationSchemes(Features.IntakeApi.PracticeApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(TeleDermClaims.PracticeId));
    }
}
