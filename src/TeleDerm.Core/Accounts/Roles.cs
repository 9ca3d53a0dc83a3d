namespace TeleDerm.Core.Accounts;

/// <summary>The four roles of TeleDerm. Each user has exactly one.</summary>
public static class Roles
{
    public const string GP = "GP";
    public const string Dermatologist = "Dermatologist";
    public const string DepartmentHead = "DepartmentHead";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [GP, Dermatologist, DepartmentHead, Admin];

    /// <summary>GPs belong to a practice; dermatologists and department heads to a department.</summary>
    public static bool BelongsToPractice(string role) => role == GP;

    public static bool BelongsToDepartment(string role) => role is Dermatologist or DepartmentHead;
}
