namespace TeleDerm.Imaging.Quality;

/// <summary>What a photo check can find. Stored by name nowhere: the page and the API say it in words.</summary>
public enum PhotoProblem
{
    OutOfFocus,
    OverExposed,
    UnderExposed,
    TooSmall,
    /// <summary>Dermoscopic photos only: the lesion's centre is far from the frame's.</summary>
    LesionOffCentre,
    /// <summary>Dermoscopic photos only: the lesion fills little of the frame (or none stands out).</summary>
    LesionSmallInFrame,
    /// <summary>Almost every pixel black or white: a covered lens, a flash into the lens. Nothing to judge.</summary>
    Blank,
}

/// <summary>A warning lets the GP send the photo anyway; an unusable photo is refused (the dermatologist could not judge anything from it).</summary>
public enum PhotoProblemSeverity
{
    Warning,
    Unusable,
}

public sealed record PhotoFinding(PhotoProblem Problem, PhotoProblemSeverity Severity);
