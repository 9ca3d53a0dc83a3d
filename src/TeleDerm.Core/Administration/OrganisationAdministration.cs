using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Administration;

public enum OrganisationKind
{
    Department,
    Practice,
}

public sealed record DepartmentLetterheadView(Guid DepartmentId, string DepartmentName, string Name, string Address, byte[]? LogoJpeg);

/// <summary>What happens to the logo: kept (neither set), replaced by an uploaded file, or removed.</summary>
public sealed record LogoChange(byte[]? Upload = null, bool Remove = false)
{
    public static LogoChange Keep { get; } = new();
}

public sealed record OrganisationRow(Guid Id, OrganisationKind Kind, string Name, int Members, bool IsDisabled = false,
    bool RiskScoresVisibleToGps = false, bool RiskScoreInReports = false);

/// <summary>Departments (dermatologists, department heads) and practices (GPs): created, renamed and (practices)
/// disabled by administrators, audited. Each command first checks that <c>admin</c> is still an administrator.</summary>
public sealed class OrganisationAdministration(IDbContextFactory<TeleDermDbContext> dbFactory, Administrators administrators,
    ILetterheadLogos logos, IAuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<OrganisationRow>> ListAsync(Actor admin)
    {
        await administrators.RequireAsync(admin, "list organisations");
        await using var db = await dbFactory.CreateDbContextAsync();
        var departments = await db.Departments.Select(d => new OrganisationRow(d.Id, OrganisationKind.Department, d.Name, db.Users.Count(u => u.DepartmentId == d.Id), false,
            d.RiskScoresVisibleToGps, d.RiskScoreInReports)).ToListAsync();
        var practices = await db.Practices.Select(p => new OrganisationRow(p.Id, OrganisationKind.Practice, p.Name, db.Users.Count(u => u.PracticeId == p.Id), p.DisabledAtUtc != null)).ToListAsync();
        return [.. departments.Concat(practices).OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.CurrentCulture)];
    }

    public async Task<Guid> CreateAsync(Actor admin, OrganisationKind kind, string name)
    {
        await administrators.RequireAsync(admin, "create an organisation");
        name = Validate(name);
        await using var db = await dbFactory.CreateDbContextAsync();
        await EnsureUniqueAsync(db, kind, name, except: null);
        var id = Guid.NewGuid();
        if (kind == OrganisationKind.Department)
        {
            db.Departments.Add(new Department { Id = id, Name = name });
        }
        else
        {
            db.Practices.Add(new Practice { Id = id, Name = name });
        }
        await db.SaveChangesAsync();
        await audit.RecordAsync(admin, AuditActions.OrganisationCreated, recordType: kind.ToString().ToLowerInvariant(), recordId: id.ToString(), details: name);
        return id;
    }

    public async Task RenameAsync(Actor admin, OrganisationKind kind, Guid id, string name)
    {
        await administrators.RequireAsync(admin, "rename an organisation");
        name = Validate(name);
        await using var db = await dbFactory.CreateDbContextAsync();
        await EnsureUniqueAsync(db, kind, name, except: id);
        string previous;
        if (kind == OrganisationKind.Department)
        {
            var department = await db.Departments.FindAsync(id) ?? throw new AdministrationException("DepartmentGone", "This department no longer exists.");
            (previous, department.Name) = (department.Name, name);
        }
        else
        {
            var practice = await db.Practices.FindAsync(id) ?? throw new AdministrationException("PracticeGone", "This practice no longer exists.");
            (previous, practice.Name) = (practice.Name, name);
        }
        await db.SaveChangesAsync();
        await audit.RecordAsync(admin, AuditActions.OrganisationRenamed, recordType: kind.ToString().ToLowerInvariant(), recordId: id.ToString(), details: $"{previous} -> {name}");
    }

    /// <summary>
    /// A practice that leaves TeleDerm: its GPs' open sessions end (their security stamps change, every command
    /// re-reads the practice) and its API keys stop working. Enabling it again restores both.
    /// </summary>
    public async Task SetPracticeDisabledAsync(Actor admin, Guid practiceId, bool disabled)
    {
        await administrators.RequireAsync(admin, disabled ? "disable a practice" : "enable a practice");
        await using var db = await dbFactory.CreateDbContextAsync();
        var practice = await db.Practices.FindAsync(practiceId) ?? throw new AdministrationException("PracticeGone", "This practice no longer exists.");
        practice.DisabledAtUtc = disabled ? clock.GetUtcNow().UtcDateTime : null;
        foreach (var gp in await db.Users.Where(u => u.PracticeId == practiceId).ToListAsync())
        {
            gp.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        }
        await db.SaveChangesAsync();
        await audit.RecordAsync(admin, disabled ? AuditActions.PracticeDisabled : AuditActions.PracticeEnabled, recordType: "practice",
            recordId: practiceId.ToString(), details: practice.Name);
    }

    /// <summary>The department's choices about the model's score: shown to GPs on their requests, printed on reports.</summary>
    public async Task SetRiskScorePolicyAsync(Actor admin, Guid departmentId, bool visibleToGps, bool inReports)
    {
        await administrators.RequireAsync(admin, "set the risk score policy");
        await using var db = await dbFactory.CreateDbContextAsync();
        var department = await db.Departments.FindAsync(departmentId) ?? throw new AdministrationException("DepartmentGone", "This department no longer exists.");
        department.RiskScoresVisibleToGps = visibleToGps;
        department.RiskScoreInReports = inReports;
        await db.SaveChangesAsync();
        await audit.RecordAsync(admin, AuditActions.DepartmentRiskScorePolicy, recordType: "department", recordId: departmentId.ToString(),
            details: $"{department.Name}: visible to GPs {(visibleToGps ? "yes" : "no")}, in reports {(inReports ? "yes" : "no")}");
    }

    public async Task<DepartmentLetterheadView> LetterheadAsync(Actor admin, Guid departmentId)
    {
        await administrators.RequireAsync(admin, "read a letterhead");
        await using var db = await dbFactory.CreateDbContextAsync();
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId)
            ?? throw new AdministrationException("DepartmentGone", "This department no longer exists.");
        return new DepartmentLetterheadView(department.Id, department.Name, department.LetterheadName ?? "", department.LetterheadAddress ?? "",
            department.LetterheadLogoJpeg);
    }

    /// <summary>
    /// Sets what the department's reports print at the top. An uploaded logo is bounded before it is decoded
    /// (file size here, then the pixel count its header declares: <see cref="ILetterheadLogos"/>) and kept as a
    /// small JPEG we made, so no file an administrator's machine produced ever reaches the PDF writer.
    /// </summary>
    public async Task SetLetterheadAsync(Actor admin, Guid departmentId, string name, string address, LogoChange logo)
    {
        await administrators.RequireAsync(admin, "set a letterhead");
        name = name.Trim();
        var lines = LetterheadRules.AddressLines(address.ReplaceLineEndings("\n"));
        address = string.Join('\n', lines);
        if (name.Length > LetterheadRules.MaxNameLength)
        {
            throw new AdministrationException("LetterheadNameLength", $"The name has at most {LetterheadRules.MaxNameLength} characters.", LetterheadRules.MaxNameLength);
        }
        if (address.Length > LetterheadRules.MaxAddressLength || lines.Count > LetterheadRules.MaxAddressLines)
        {
            throw new AdministrationException("LetterheadAddressLength",
                $"The address has at most {LetterheadRules.MaxAddressLines} lines and {LetterheadRules.MaxAddressLength} characters.",
                LetterheadRules.MaxAddressLines, LetterheadRules.MaxAddressLength);
        }
        if (name.Any(char.IsControl) || address.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw new AdministrationException("LetterheadControlCharacters", "The name and address cannot hold control characters.");
        }
        var logoJpeg = logo.Upload is { } upload ? LogoJpeg(upload) : null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var department = await db.Departments.FindAsync(departmentId) ?? throw new AdministrationException("DepartmentGone", "This department no longer exists.");
        department.LetterheadName = name.Length == 0 ? null : name;
        department.LetterheadAddress = address.Length == 0 ? null : address;
        if (logo.Remove)
            department.LetterheadLogoJpeg = null;
        else if (logoJpeg is not null)
            department.LetterheadLogoJpeg = logoJpeg;
        await db.SaveChangesAsync();
        var logoNote = logo.Remove ? "logo removed" : logoJpeg is not null ? $"new logo ({logoJpeg.Length} bytes)" : "logo unchanged";
        await audit.RecordAsync(admin, AuditActions.DepartmentLetterhead, recordType: "department", recordId: departmentId.ToString(),
            details: $"{department.Name}: \"{name}\", {lines.Count} address line(s), {logoNote}");
    }

    private byte[] LogoJpeg(byte[] upload)
    {
        if (upload.Length > LetterheadRules.MaxLogoUploadBytes)
        {
            throw new AdministrationException("LogoTooLarge", $"The logo file is larger than {LetterheadRules.MaxLogoUploadBytes / (1024 * 1024)} MB.",
                LetterheadRules.MaxLogoUploadBytes / (1024 * 1024));
        }
        return logos.ToLogoJpeg(upload);
    }

    private static string Validate(string name)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new AdministrationException("NameLength", "A name is required, 200 characters at most.", 200);
        }
        return name;
    }

    private static async Task EnsureUniqueAsync(TeleDermDbContext db, OrganisationKind kind, string name, Guid? except)
    {
        var taken = kind == OrganisationKind.Department
            ? await db.Departments.AnyAsync(d => d.Name == name && d.Id != except)
            : await db.Practices.AnyAsync(p => p.Name == name && p.Id != except);
        if (taken)
        {
            throw new AdministrationException($"NameTaken.{kind}", $"A {kind.ToString().ToLowerInvariant()} named '{name}' already exists.", name);
        }
    }
}
