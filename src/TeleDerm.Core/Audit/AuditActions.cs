namespace TeleDerm.Core.Audit;

/// <summary>Names of audited events. Stable strings: they are stored and exported.</summary>
public static class AuditActions
{
    public const string SignIn = "account.sign-in";
    public const string SignInTwoFactor = "account.sign-in.two-factor";
    public const string SignInRecoveryCode = "account.sign-in.recovery-code";
    public const string SignOut = "account.sign-out";
    public const string SignOutIdle = "account.sign-out.idle";
    public const string TwoFactorEnabled = "account.two-factor.enabled";
    public const string TwoFactorReset = "account.two-factor.reset";
    public const string RecoveryCodesGenerated = "account.two-factor.recovery-codes";
    public const string PasswordSet = "account.password.set";
    public const string PreferencesChanged = "account.preferences.changed";
    public const string UserInvited = "admin.user.invited";
    public const string UserDisabled = "admin.user.disabled";
    public const string UserEnabled = "admin.user.enabled";
    public const string RoleChanged = "admin.user.role-changed";
    public const string OrganisationCreated = "admin.organisation.created";
    public const string OrganisationRenamed = "admin.organisation.renamed";
    public const string PracticeDisabled = "admin.practice.disabled";
    public const string PracticeEnabled = "admin.practice.enabled";
    public const string DepartmentRiskScorePolicy = "admin.department.risk-score-policy";
    public const string DepartmentLetterhead = "admin.department.letterhead";
    public const string AccessDenied = "security.access-denied";
    /// <summary>The password or code asked again before signing a report was refused (or the account could not sign).</summary>
    public const string SignConfirmation = "report.sign-confirmation";
    public const string AntiforgeryRejected = "security.antiforgery-rejected";
    public const string RiskModelAdded = "admin.risk-model.added";
    public const string RiskModelActivated = "admin.risk-model.activated";
    public const string RescoringStarted = "admin.risk-model.rescoring-started";
    public const string AuditViewed = "audit.viewed";
    public const string AuditVerified = "audit.verified";
    public const string AuditExported = "audit.exported";
    public const string CaseCreated = "case.created";
    public const string CaseViewed = "case.viewed";
    public const string ViewerOpened = "case.viewer-opened";
    public const string ImageViewed = "image.viewed";
    public const string AnnotationAdded = "case.annotation.added";
    public const string AnnotationDeleted = "case.annotation.deleted";
    /// <summary>Practice software read a case's status through the intake API.</summary>
    public const string CaseStatusReadByApi = "case.status-read";
    /// <summary>Practice software listed a case's signed reports through the API.</summary>
    public const string ReportsListedByApi = "case.reports-listed";
    /// <summary>A FHIR resource (patient, request, question) read by practice software; signed reports are "report.downloaded".</summary>
    public const string FhirRead = "fhir.read";
    /// <summary>A histology result was recorded on a lesion of an answered request (or refused).</summary>
    public const string HistologyRecorded = "case.histology-recorded";
    /// <summary>The dermatologist holding a case asked a colleague of the department for an opinion.</summary>
    public const string OpinionAsked = "case.opinion-asked";
    /// <summary>A colleague gave the opinion asked of them.</summary>
    public const string OpinionGiven = "case.opinion-given";
    /// <summary>The dermatologist holding a case handed it over to a colleague, who holds it from then on.</summary>
    public const string CaseHandedOver = "case.handed-over";
    /// <summary>The GP recorded that the excision or consultation an answer asked for is booked.</summary>
    public const string GpTaskBooked = "gp-task.booked";
    /// <summary>The GP recorded that the excision or consultation an answer asked for took place.</summary>
    public const string GpTaskDone = "gp-task.done";
    /// <summary>The GP opened the referral letter of an excision or consultation (it shows the patient).</summary>
    public const string ReferralLetterOpened = "gp-task.referral-letter";
    public const string IntakeDraftCreated = "intake-draft.created";
    public const string IntakeDraftExpired = "intake-draft.expired";
    public const string ReportSigned = "report.signed";
    public const string AddendumSigned = "report.addendum-signed";
    public const string ReportDownloaded = "report.downloaded";
    public const string ReportVerified = "report.verified";
    public const string SigningCertificateImported = "signing-certificate.imported";
    public const string DashboardDrillDown = "dashboard.drill-down";
    public const string DashboardExported = "dashboard.exported";
    public const string BillingExported = "billing.exported";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string WebhookSet = "webhook.set";
    public const string WebhookRemoved = "webhook.removed";
    public const string DemoSeeded = "demo.seeded";

    /// <summary>A command on a case ("case.claim", "case.ask-gp", "case.convert-to-appointment"…): one name per <c>CaseAction</c>.</summary>
    public static string ForCaseAction(Cases.CaseAction action) =>
        "case." + string.Concat(action.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
