using TeleDerm.Core.Cases;

namespace TeleDerm.Web.Features.Demo;

/// <summary>Invented names for the demo department's patients (no real person), picked deterministically.</summary>
internal static class DemoPeople
{
    private static readonly string[] FamilyNames =
    [
        "Arnaud", "Benoit", "Carpentier", "Delmas", "Esnault", "Faure", "Girard", "Hamon", "Imbert", "Joly", "Klein", "Lacroix",
        "Marchand", "Noël", "Olivier", "Perrin", "Quéré", "Renaud", "Simon", "Tessier", "Vidal", "Weber", "Baptiste", "Colin",
        "Dumont", "Fleury", "Gauthier", "Huet", "Lemoine", "Meunier", "Navarro", "Poulain",
    ];

    private static readonly string[] Women = ["Alice", "Béatrice", "Camille", "Denise", "Élise", "Françoise", "Hélène", "Inès", "Juliette", "Louise", "Monique", "Nathalie", "Odile", "Sophie"];
    private static readonly string[] Men = ["André", "Bruno", "Christophe", "Daniel", "Étienne", "François", "Gérard", "Henri", "Jacques", "Luc", "Marcel", "Nicolas", "Pierre", "Thierry"];

    public static Patient Patient(int index, Random random, DateTime createdAtUtc)
    {
        var sex = random.Next(2) == 0 ? Sex.Female : Sex.Male;
        var given = sex == Sex.Female ? Women[random.Next(Women.Length)] : Men[random.Next(Men.Length)];
        return new Patient
        {
            Id = Guid.NewGuid(),
            FamilyName = FamilyNames[index % FamilyNames.Length],
            GivenName = given,
            BirthDate = new DateOnly(1940 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28)),
            Sex = sex,
            // A fictitious identifier: 9 + random digits is not a valid French NIR (those start with 1 or 2).
            NationalHealthId = "9" + random.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreatedAtUtc = createdAtUtc,
        };
    }
}
