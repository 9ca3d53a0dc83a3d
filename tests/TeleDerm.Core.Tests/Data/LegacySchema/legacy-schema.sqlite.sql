-- The whole schema TeleDerm's hand-written migrations built on SQLite, as IMigrator.GenerateScript() wrote it
-- from them at commit b4bb27f (the last before the generated migrations): what LegacyUpgradeTests upgrades.
-- Edited once: the three statements the migrations ran with migrationBuilder.Sql() got their closing semicolon,
-- which the script generator does not add (Migrate() ran them one by one and needed none).
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Departments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Departments" PRIMARY KEY,
    "Name" TEXT NOT NULL
);

CREATE TABLE "Practices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Practices" PRIMARY KEY,
    "Name" TEXT NOT NULL
);

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "PreferredCulture" TEXT NOT NULL,
    "PreferredTheme" TEXT NOT NULL,
    "DepartmentId" TEXT NULL,
    "PracticeId" TEXT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "LastTotpTimeStep" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "Departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AspNetUsers_Practices_PracticeId" FOREIGN KEY ("PracticeId") REFERENCES "Practices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AuditEntries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "AtUtc" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "Action" TEXT NOT NULL,
    "Outcome" INTEGER NOT NULL,
    "RecordType" TEXT NULL,
    "RecordId" TEXT NULL,
    "PatientId" TEXT NULL,
    "IpAddress" TEXT NULL,
    "Details" TEXT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_Departments_Name" ON "Departments" ("Name");

CREATE UNIQUE INDEX "IX_Practices_Name" ON "Practices" ("Name");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AspNetUsers_DepartmentId" ON "AspNetUsers" ("DepartmentId");

CREATE INDEX "IX_AspNetUsers_PracticeId" ON "AspNetUsers" ("PracticeId");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "IX_AuditEntries_AtUtc" ON "AuditEntries" ("AtUtc");

CREATE INDEX "IX_AuditEntries_UserId" ON "AuditEntries" ("UserId");

CREATE INDEX "IX_AuditEntries_RecordId" ON "AuditEntries" ("RecordId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DicomInstances" (
    "SopInstanceUid" TEXT NOT NULL CONSTRAINT "PK_DicomInstances" PRIMARY KEY,
    "StudyInstanceUid" TEXT NOT NULL,
    "SeriesInstanceUid" TEXT NOT NULL,
    "SopClassUid" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "TrackingUid" TEXT NULL,
    "AcquisitionDateTime" TEXT NULL,
    "RelativePath" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredAtUtc" TEXT NOT NULL
);

CREATE TABLE "DicomOutbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DicomOutbox" PRIMARY KEY,
    "SopInstanceUid" TEXT NOT NULL,
    "RelativePath" TEXT NOT NULL,
    "EnqueuedAtUtc" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAtUtc" TEXT NOT NULL,
    "LastError" TEXT NULL,
    "IsRejected" INTEGER NOT NULL
);

CREATE INDEX "IX_DicomInstances_PatientId" ON "DicomInstances" ("PatientId");

CREATE INDEX "IX_DicomInstances_StudyInstanceUid" ON "DicomInstances" ("StudyInstanceUid");

CREATE INDEX "IX_DicomInstances_TrackingUid" ON "DicomInstances" ("TrackingUid");

CREATE INDEX "IX_DicomOutbox_NextAttemptAtUtc" ON "DicomOutbox" ("NextAttemptAtUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122010000_DicomStore', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Patients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Patients" PRIMARY KEY,
    "FamilyName" TEXT NOT NULL,
    "GivenName" TEXT NOT NULL,
    "BirthDate" TEXT NOT NULL,
    "Sex" INTEGER NOT NULL,
    "NationalHealthId" TEXT NULL,
    "Phone" TEXT NULL,
    "Email" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL
);

CREATE TABLE "Cases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Cases" PRIMARY KEY,
    "Reference" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "SubmittedByUserId" TEXT NOT NULL,
    "PracticeId" TEXT NOT NULL,
    "DepartmentId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Questionnaire_DurationMonths" INTEGER NULL,
    "Questionnaire_Evolution" INTEGER NOT NULL,
    "Questionnaire_EvolutionDetails" TEXT NULL,
    "Questionnaire_Itch" INTEGER NOT NULL,
    "Questionnaire_Bleeding" INTEGER NOT NULL,
    "Questionnaire_Pain" INTEGER NOT NULL,
    "Questionnaire_Ulceration" INTEGER NOT NULL,
    "Questionnaire_TreatmentsTried" TEXT NULL,
    "Questionnaire_PersonalHistoryOfSkinCancer" INTEGER NULL,
    "Questionnaire_FamilyHistoryOfMelanoma" INTEGER NULL,
    "Questionnaire_FitzpatrickPhototype" INTEGER NULL,
    "Questionnaire_Immunosuppressed" INTEGER NULL,
    "Urgency" INTEGER NOT NULL,
    "UrgencyReason" TEXT NULL,
    "PatientConsent" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "AssignedDermatologistId" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "SubmittedAtUtc" TEXT NULL,
    "ClaimedAtUtc" TEXT NULL,
    "FirstResponseAtUtc" TEXT NULL,
    "AnsweredAtUtc" TEXT NULL,
    "ClosedAtUtc" TEXT NULL,
    "MaxRisk" REAL NULL,
    "ServiceDueAtUtc" TEXT NULL,
    "PriorityDueAtUtc" TEXT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_Cases_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Lesions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Lesions" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "BodySiteCode" TEXT NOT NULL,
    "Laterality" INTEGER NOT NULL,
    "Description" TEXT NULL,
    "TrackingUid" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Lesions_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CaseLesions" (
    "CaseId" TEXT NOT NULL,
    "LesionId" TEXT NOT NULL,
    "GpNote" TEXT NULL,
    CONSTRAINT "PK_CaseLesions" PRIMARY KEY ("CaseId", "LesionId"),
    CONSTRAINT "FK_CaseLesions_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CaseLesions_Lesions_LesionId" FOREIGN KEY ("LesionId") REFERENCES "Lesions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CaseMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseMessages" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "AuthorUserId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Body" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_CaseMessages_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CaseTransitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseTransitions" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "From" INTEGER NOT NULL,
    "To" INTEGER NOT NULL,
    "ByUserId" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "FK_CaseTransitions_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LesionImages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LesionImages" PRIMARY KEY,
    "LesionId" TEXT NOT NULL,
    "CaseId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "StudyInstanceUid" TEXT NOT NULL,
    "SeriesInstanceUid" TEXT NOT NULL,
    "SopInstanceUid" TEXT NOT NULL,
    "AcquiredAtUtc" TEXT NOT NULL,
    "OriginalFileName" TEXT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "ScoreState" INTEGER NOT NULL,
    "ScoreAttempts" INTEGER NOT NULL,
    "NextScoreAttemptAtUtc" TEXT NULL,
    "Risk" REAL NULL,
    "RiskBand" TEXT NULL,
    "ModelName" TEXT NULL,
    "ModelVersion" TEXT NULL,
    "FeaturesJson" TEXT NULL,
    "ScoreError" TEXT NULL,
    "ScoredAtUtc" TEXT NULL,
    CONSTRAINT "FK_LesionImages_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LesionImages_Lesions_LesionId" FOREIGN KEY ("LesionId") REFERENCES "Lesions" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Patients_NationalHealthId" ON "Patients" ("NationalHealthId");

CREATE INDEX "IX_Patients_FamilyName_BirthDate" ON "Patients" ("FamilyName", "BirthDate");

CREATE INDEX "IX_Cases_PatientId" ON "Cases" ("PatientId");

CREATE UNIQUE INDEX "IX_Cases_Reference" ON "Cases" ("Reference");

CREATE INDEX "IX_Cases_DepartmentId_Status_PriorityDueAtUtc" ON "Cases" ("DepartmentId", "Status", "PriorityDueAtUtc");

CREATE INDEX "IX_Cases_SubmittedByUserId_Status" ON "Cases" ("SubmittedByUserId", "Status");

CREATE INDEX "IX_Lesions_PatientId" ON "Lesions" ("PatientId");

CREATE UNIQUE INDEX "IX_Lesions_TrackingUid" ON "Lesions" ("TrackingUid");

CREATE INDEX "IX_CaseLesions_LesionId" ON "CaseLesions" ("LesionId");

CREATE INDEX "IX_CaseMessages_CaseId" ON "CaseMessages" ("CaseId");

CREATE INDEX "IX_CaseTransitions_CaseId" ON "CaseTransitions" ("CaseId");

CREATE UNIQUE INDEX "IX_LesionImages_SopInstanceUid" ON "LesionImages" ("SopInstanceUid");

CREATE INDEX "IX_LesionImages_LesionId" ON "LesionImages" ("LesionId");

CREATE INDEX "IX_LesionImages_CaseId" ON "LesionImages" ("CaseId");

CREATE INDEX "IX_LesionImages_ScoreState_NextScoreAttemptAtUtc" ON "LesionImages" ("ScoreState", "NextScoreAttemptAtUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122020000_Cases', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Cases" ADD "LastActivityAtUtc" TEXT NOT NULL DEFAULT '2026-01-01 00:00:00';

CREATE TABLE "CaseReadMarkers" (
    "CaseId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "LastViewedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_CaseReadMarkers" PRIMARY KEY ("CaseId", "UserId"),
    CONSTRAINT "FK_CaseReadMarkers_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122030000_CaseReadMarkers', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "SystemSettings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_SystemSettings" PRIMARY KEY,
    "Value" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    "UpdatedByUserId" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122040000_SystemSettings', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "CaseAnswers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseAnswers" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "DermatologistUserId" TEXT NOT NULL,
    "DiagnosisCode" TEXT NOT NULL,
    "DiagnosisText" TEXT NOT NULL,
    "Confidence" INTEGER NOT NULL,
    "Management" INTEGER NOT NULL,
    "FollowUpMonths" INTEGER NULL,
    "MessageToGp" TEXT NOT NULL,
    "PatientAdvice" TEXT NULL,
    "AnsweredAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_CaseAnswers_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_CaseAnswers_CaseId" ON "CaseAnswers" ("CaseId");

CREATE TABLE "PrescriptionLines" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PrescriptionLines" PRIMARY KEY,
    "AnswerId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Medicine" TEXT NOT NULL,
    "Strength" TEXT NOT NULL,
    "Dose" TEXT NOT NULL,
    "Duration" TEXT NOT NULL,
    "Instructions" TEXT NULL,
    CONSTRAINT "FK_PrescriptionLines_CaseAnswers_AnswerId" FOREIGN KEY ("AnswerId") REFERENCES "CaseAnswers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_PrescriptionLines_AnswerId_LineNumber" ON "PrescriptionLines" ("AnswerId", "LineNumber");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122050000_CaseAnswers', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ImageAnnotations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImageAnnotations" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "LesionImageId" TEXT NOT NULL,
    "SopInstanceUid" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "PointsJson" TEXT NOT NULL,
    "Label" TEXT NULL,
    "KnownLengthMm" REAL NULL,
    "PixelSpacingRowMm" REAL NULL,
    "PixelSpacingColumnMm" REAL NULL,
    "CreatedByUserId" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ImageAnnotations_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ImageAnnotations_LesionImages_LesionImageId" FOREIGN KEY ("LesionImageId") REFERENCES "LesionImages" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ImageAnnotations_CaseId" ON "ImageAnnotations" ("CaseId");

CREATE INDEX "IX_ImageAnnotations_LesionImageId" ON "ImageAnnotations" ("LesionImageId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122060000_ImageAnnotations', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "SignedReports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SignedReports" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "ReportNumber" TEXT NOT NULL,
    "SignedByUserId" TEXT NOT NULL,
    "SignedAtUtc" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Pdf" BLOB NOT NULL,
    "Language" TEXT NOT NULL,
    "CertificateThumbprint" TEXT NOT NULL,
    "AddendumOfReportId" TEXT NULL,
    "DicomSopInstanceUid" TEXT NULL,
    CONSTRAINT "FK_SignedReports_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SignedReports_SignedReports_AddendumOfReportId" FOREIGN KEY ("AddendumOfReportId") REFERENCES "SignedReports" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_SignedReports_CaseId" ON "SignedReports" ("CaseId");

CREATE UNIQUE INDEX "IX_SignedReports_ReportNumber" ON "SignedReports" ("ReportNumber");

CREATE INDEX "IX_SignedReports_AddendumOfReportId" ON "SignedReports" ("AddendumOfReportId");

CREATE TABLE "SigningCredentials" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SigningCredentials" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Source" INTEGER NOT NULL,
    "Certificate" BLOB NOT NULL,
    "ProtectedPkcs12" BLOB NOT NULL,
    "Thumbprint" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Issuer" TEXT NOT NULL,
    "NotAfterUtc" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL
);

CREATE INDEX "IX_SigningCredentials_UserId" ON "SigningCredentials" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122070000_SignedReports', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Cases_DepartmentId_SubmittedAtUtc" ON "Cases" ("DepartmentId", "SubmittedAtUtc");

CREATE INDEX "IX_Cases_DepartmentId_FirstResponseAtUtc" ON "Cases" ("DepartmentId", "FirstResponseAtUtc");

CREATE INDEX "IX_Cases_DepartmentId_AnsweredAtUtc" ON "Cases" ("DepartmentId", "AnsweredAtUtc");

CREATE INDEX "IX_CaseTransitions_To_AtUtc" ON "CaseTransitions" ("To", "AtUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122080000_DashboardIndexes', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "PracticeApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PracticeApiKeys" PRIMARY KEY,
    "PracticeId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "SecretHash" BLOB NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedByUserId" TEXT NOT NULL,
    "RevokedAtUtc" TEXT NULL,
    "LastUsedAtUtc" TEXT NULL,
    CONSTRAINT "FK_PracticeApiKeys_Practices_PracticeId" FOREIGN KEY ("PracticeId") REFERENCES "Practices" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_PracticeApiKeys_Prefix" ON "PracticeApiKeys" ("Prefix");

CREATE INDEX "IX_PracticeApiKeys_PracticeId" ON "PracticeApiKeys" ("PracticeId");

CREATE TABLE "IdempotentSubmissions" (
    "PracticeId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "CaseId" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_IdempotentSubmissions" PRIMARY KEY ("PracticeId", "Key")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122090000_IntakeApi', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "IntakeDrafts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IntakeDrafts" PRIMARY KEY,
    "GpUserId" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    "StateJson" TEXT NOT NULL
);

CREATE INDEX "IX_IntakeDrafts_GpUserId" ON "IntakeDrafts" ("GpUserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122090100_IntakeDrafts', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Cases" ADD "EndedAtUtc" TEXT NULL;

ALTER TABLE "Cases" ADD "Outcome" INTEGER NULL;

ALTER TABLE "Cases" ADD "FirstQuestionAtUtc" TEXT NULL;

DROP INDEX "IX_CaseTransitions_To_AtUtc";

DROP INDEX "IX_Cases_DepartmentId_AnsweredAtUtc";

DROP INDEX "IX_Cases_DepartmentId_SubmittedAtUtc";

DROP INDEX "IX_Cases_DepartmentId_FirstResponseAtUtc";

UPDATE "Cases" SET
    "EndedAtUtc" = CASE
        WHEN "AnsweredAtUtc" IS NOT NULL THEN "AnsweredAtUtc"
        WHEN "Status" = 7 THEN "ClosedAtUtc"
        WHEN "Status" = 8 THEN (SELECT MAX(t."AtUtc") FROM "CaseTransitions" AS t
            WHERE t."CaseId" = "Cases"."Id" AND t."To" = 8)
        END,
    "Outcome" = CASE
        WHEN "Status" = 8 THEN 1
        WHEN "AnsweredAtUtc" IS NOT NULL THEN (SELECT CASE a."Management" WHEN 0 THEN 0 WHEN 1 THEN 0 WHEN 2 THEN 0 WHEN 3 THEN 0 WHEN 4 THEN 1 WHEN 5 THEN 2 WHEN 6 THEN 3 END FROM "CaseAnswers" AS a WHERE a."CaseId" = "Cases"."Id")
        END,
    "FirstQuestionAtUtc" = (SELECT MIN(m."AtUtc") FROM "CaseMessages" AS m WHERE m."CaseId" = "Cases"."Id" AND m."Kind" = 0)
WHERE "AnsweredAtUtc" IS NOT NULL
    OR "Status" IN (7, 8)
    OR EXISTS (SELECT MIN(m."AtUtc") FROM "CaseMessages" AS m WHERE m."CaseId" = "Cases"."Id" AND m."Kind" = 0);

CREATE INDEX "IX_Cases_DepartmentId_SubmittedAtUtc" ON "Cases" ("DepartmentId", "SubmittedAtUtc");

CREATE INDEX "IX_Cases_DepartmentId_FirstResponseAtUtc" ON "Cases" ("DepartmentId", "FirstResponseAtUtc");

CREATE INDEX "IX_Cases_DepartmentId_EndedAtUtc" ON "Cases" ("DepartmentId", "EndedAtUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122100000_CaseEndings', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Practices" ADD "DisabledAtUtc" TEXT NULL;

ALTER TABLE "Patients" ADD "PracticeId" TEXT NULL;

UPDATE "Patients" SET "PracticeId" = (
    SELECT c."PracticeId" FROM "Cases" c WHERE c."PatientId" = "Patients"."Id" ORDER BY c."CreatedAtUtc" LIMIT 1);

DROP INDEX "IX_Patients_NationalHealthId";

DROP INDEX "IX_Patients_FamilyName_BirthDate";

CREATE UNIQUE INDEX "IX_Patients_PracticeId_NationalHealthId" ON "Patients" ("PracticeId", "NationalHealthId");

CREATE INDEX "IX_Patients_PracticeId_FamilyName_BirthDate" ON "Patients" ("PracticeId", "FamilyName", "BirthDate");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205000000_PracticeBoundaries', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AuditEntries" ADD "KeyId" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205000100_AuditSealing', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "MustChangePassword" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205000200_MustChangePassword', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "RegistrationNumber" TEXT NULL;

ALTER TABLE "Departments" ADD "RiskScoresVisibleToGps" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Departments" ADD "RiskScoreInReports" INTEGER NOT NULL DEFAULT 0;

UPDATE "LesionImages" SET "ScoreState" = 0, "NextScoreAttemptAtUtc" = NULL WHERE "Kind" = 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205000300_WhatCliniciansRead', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Departments" ADD "LetterheadName" TEXT NULL;

ALTER TABLE "Departments" ADD "LetterheadAddress" TEXT NULL;

ALTER TABLE "Departments" ADD "LetterheadLogoJpeg" BLOB NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205000400_DepartmentLetterhead', '10.0.14');

COMMIT;

