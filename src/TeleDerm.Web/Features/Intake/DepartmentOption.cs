namespace TeleDerm.Web.Features.Intake;

/// <summary>A department a GP can send a request to.</summary>
public sealed record DepartmentOption(Guid Id, string Name);
