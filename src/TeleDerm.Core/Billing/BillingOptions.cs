namespace TeleDerm.Core.Billing;

/// <summary>
/// TeleDerm:Billing: what an answered tele-expertise is billed. The defaults are the French national tariff of
/// tele-expertise since the 9th amendment to the doctors' agreement (2022), as the health insurance (ameli.fr,
/// "Téléexpertise") publishes it: 20 € to the doctor asked for an opinion (TE2), 10 € to the doctor asking (RQD), each
/// at most 4 times a year for one patient. docs/operations.md says where to check them and how to change them.
/// </summary>
public sealed class BillingOptions
{
    public const string Section = "TeleDerm:Billing";

    /// <summary>The dermatologist who answers (médecin requis).</summary>
    public ActTariff Requested { get; set; } = new() { Code = "TE2", Amount = 20.00m, YearlyLimitPerPatient = 4 };

    /// <summary>The GP who asked (médecin requérant), billed only where <see cref="PayRequester"/>.</summary>
    public ActTariff Requesting { get; set; } = new() { Code = "RQD", Amount = 10.00m, YearlyLimitPerPatient = 4 };

    /// <summary>Whether the payer also pays the requesting GP for the request (it does in France).</summary>
    public bool PayRequester { get; set; } = true;

    public string Currency { get; set; } = "EUR";

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        new[] { ("Requested", Requested), ("Requesting", Requesting) }
            .Where(t => string.IsNullOrWhiteSpace(t.Item2.Code) || t.Item2.Code.Length > 20 || t.Item2.Amount < 0 || t.Item2.Amount > 10_000 || t.Item2.YearlyLimitPerPatient < 0)
            .Select(t => $"{Section}:{t.Item1}: a code of 1 to 20 characters, an amount from 0 to 10000 and a yearly limit of 0 (none) or more.")
            .FirstOrDefault()
        ?? (Currency is { Length: 3 } && Currency.All(char.IsAsciiLetterUpper) ? null : $"{Section}:Currency must be an ISO 4217 code such as EUR.");
}

/// <summary>One act of the tariff: its code, its amount and how many a practitioner may bill for one patient in a calendar year (0: no limit).</summary>
public sealed class ActTariff
{
    public string Code { get; set; } = "";
    public decimal Amount { get; set; }
    public int YearlyLimitPerPatient { get; set; }
}
