using System.Text;
using Microsoft.AspNetCore.Http.Features;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Core.Intake;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>Reads the multipart body of a submission: bounded, the "request" JSON part, and the photo parts it names.</summary>
internal static class IntakeApiForm
{
    internal sealed record FormRead(IFormCollection? Form, IResult? Problem);

    /// <summary>
    /// Reads the multipart body within what the API advertises (every photo at its size limit, plus the JSON): a
    /// larger body is refused with 413 before it is read, whether it declares its length or streams past the limit.
    /// </summary>
    internal static async Task<FormRead> ReadFormAsync(HttpContext http, IntakeOptions limits, ApiProblems problems)
    {
        var bodyLimit = limits.MaxRequestBodyBytes;
        var tooLarge = problems.Problem(StatusCodes.Status413PayloadTooLarge, "TooLarge",
            limits.MaxPhotos, limits.MaxPhotoBytes / (1024 * 1024), bodyLimit / (1024 * 1024));
        if (http.Request.ContentLength > bodyLimit)
        {
            return new(null, tooLarge);
        }
        // Kestrel's own default (30 MB) is below one request at the advertised limits: this endpoint sets its own.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
        {
            maxBody.MaxRequestBodySize = bodyLimit;
        }
        try
        {
            var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit, ValueLengthLimit = 1024 * 1024, ValueCountLimit = limits.MaxPhotos + 10 }, http.RequestAborted);
            return new(form, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, tooLarge);
        }
        catch (InvalidDataException ex) when (ex.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal))
        {
            return new(null, tooLarge);
        }
        catch (InvalidDataException ex)
        {
            return new(null, problems.ProblemWithDetail(StatusCodes.Status400BadRequest, "MultipartUnreadable", ex.Message));
        }
        catch (IOException ex)
        {
            return new(null, problems.ProblemWithDetail(StatusCodes.Status400BadRequest, "MultipartUnreadable", ex.Message));
        }
    }

    internal static async Task<(byte[] Json, IResult? Problem)> ReadRequestJsonAsync(IFormCollection form, ApiProblems problems)
    {
        if (form.Files.GetFile(IntakeApiEndpoints.RequestPart) is { } part)
        {
            using var buffer = new MemoryStream();
            await using var stream = part.OpenReadStream();
            await stream.CopyToAsync(buffer);
            return (buffer.ToArray(), null);
        }
        if (form.TryGetValue(IntakeApiEndpoints.RequestPart, out var value) && value.Count == 1)
        {
            return (Encoding.UTF8.GetBytes(value.ToString()), null);
        }
        return ([], problems.Problem(StatusCodes.Status400BadRequest, "RequestPartMissing", IntakeApiEndpoints.RequestPart));
    }

    /// <summary>Every photo names a part that exists; every part other than the request is used by exactly one photo.</summary>
    internal static Dictionary<string, IFormFile> MatchFiles(ApiCaseRequest request, IFormCollection form, List<ApiFieldError> errors, ApiProblems problems)
    {
        var parts = form.Files.Where(f => f.Name != IntakeApiEndpoints.RequestPart).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var duplicate in parts.Where(p => p.Value.Count > 1))
        {
            errors.Add(problems.Field($"files.{duplicate.Key}", "PartDuplicate", duplicate.Value.Count, duplicate.Key));
        }
        var used = new HashSet<string>();
        var lesions = request.Lesions ?? [];
        for (var i = 0; i < lesions.Count; i++)
        {
            var photos = lesions[i].Photos ?? [];
            for (var j = 0; j < photos.Count; j++)
            {
                var file = photos[j].File;
                if (!parts.ContainsKey(file))
                {
                    errors.Add(problems.Field($"lesions[{i}].photos[{j}].file", "PartMissing", file));
                }
                else if (!used.Add(file))
                {
                    errors.Add(problems.Field($"lesions[{i}].photos[{j}].file", "PartReused", file));
                }
            }
        }
        foreach (var unused in parts.Keys.Where(k => !used.Contains(k)).Order())
        {
            errors.Add(problems.Field($"files.{unused}", "PartUnused", unused));
        }
        return parts.Where(p => p.Value.Count == 1).ToDictionary(p => p.Key, p => p.Value[0]);
    }

    internal static byte[] ReadAll(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
