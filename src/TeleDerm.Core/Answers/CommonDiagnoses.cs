namespace TeleDerm.Core.Answers;

/// <summary>
/// The coded list of the answer form: common diagnoses of tele-dermatology requests with their ICD-10
/// codes. Labels are texts ("Icd.{code}" in Localization/Texts.resx); the dermatologist may reword the
/// diagnosis, the code stays. R69 ("other, described in words") covers what the list lacks.
/// </summary>
public static class CommonDiagnoses
{
    public static readonly IReadOnlyList<string> Codes =
    [
        "D22.9", // melanocytic naevus
        "D22.5", // melanocytic naevus of trunk
        "C43.9", // malignant melanoma of skin
        "D03.9", // melanoma in situ
        "C44.9", // other malignant neoplasm of skin: basal or squamous cell carcinoma (WHO ICD-10 codes C44 by site)
        "L57.0", // actinic keratosis
        "L82", // seborrhoeic keratosis
        "D23.9", // other benign neoplasm of skin (dermatofibroma)
        "D18.0", // haemangioma
        "L20.9", // atopic dermatitis
        "L40.0", // psoriasis vulgaris
        "L30.9", // dermatitis, unspecified
        "B35.4", // tinea corporis
        "L70.0", // acne vulgaris
        "L71.9", // rosacea
        "L98.0", // pyogenic granuloma
        "L72.0", // epidermal cyst
        "B07", // viral warts
        "R69", // other: described in words
    ];

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);

    /// <summary>The text key of a code's label.</summary>
    public static string LabelKey(string code) => "Icd." + code;
}
