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
}
