namespace TeleDerm.Core.Accounts;

/// <summary>A hospital dermatology department: dermatologists and department heads belong to one.</summary>
public class Department
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>A general practice: GPs belong to one.</summary>
public class Practice
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Set when the practice leaves TeleDerm: its GPs can no longer act and its API keys stop working.</summary>
    public DateTime? DisabledAtUtc { get; set; }
}
