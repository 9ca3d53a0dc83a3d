using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TeleDerm.Dicom.Stores.DicomWeb;

/// <summary>
/// Any PACS that speaks DICOMweb (PS3.18): STOW-RS to store, QIDO-RS to find, WADO-RS to retrieve.
/// Retrieval asks for transfer-syntax=* so the server returns the instance as stored, not transcoded.
/// </summary>
/// <param name="root">The service root, e.g. http://127.0.0.1:8042/dicom-web/ (a trailing slash is added).</param>
public sealed class DicomWebStore(HttpClient http, Uri root) : IDicomStore
{
    private const string DicomJson = "application/dicom+json";
    private readonly Uri root = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");

    // Attributes QIDO-RS must return for a DicomInstanceInfo (PS3.18 10.6.1.2.1 includefield).
    private static readonly string[] IncludedFields = ["00080016", "00080018", "0020000D", "0020000E", "00100020", "0008002A", "00620021"];

    public async Task<DicomInstanceInfo> StoreAsync(ReadOnlyMemory<byte> instance, CancellationToken cancellationToken = default)
    {
        var info = DicomInstanceInfo.FromInstance(instance);
        var boundary = "teleDerm-" + Guid.NewGuid().ToString("N");
        using var content = new ByteArrayContent(MultipartRelated.Write([instance], "application/dicom", boundary));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/related; type=\"application/dicom\"; boundary={boundary}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(this.root, "studies")) { Content = content };
        request.Headers.Accept.ParseAdd(DicomJson);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 400 and < 500)
            throw new DicomStoreRejectedException($"STOW-RS refused SOP Instance {info.Key.SopInstanceUid}: HTTP {(int)response.StatusCode} {Shorten(body)}");
        EnsureSuccess(response, body, "STOW-RS");
        // PS3.18 10.5.3: a 200 response may still list the instance under Failed SOP Sequence (0008,1198).
        if (body.Length > 0)
        {
            using var answer = JsonDocument.Parse(body);
            if (answer.RootElement.TryGetProperty("00081198", out var failed) && failed.TryGetProperty("Value", out _))
                throw new DicomStoreRejectedException($"STOW-RS listed SOP Instance {info.Key.SopInstanceUid} as failed: {Shorten(body)}");
        }
        return info;
    }

    public async Task<IReadOnlyList<DicomInstanceInfo>> FindAsync(DicomInstanceQuery query, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty)
            throw new ArgumentException("give a patient ID, a Study Instance UID or a Tracking UID", nameof(query));
        var terms = new List<string>();
        if (query.PatientId is not null)
            terms.Add("PatientID=" + Uri.EscapeDataString(query.PatientId));
        if (query.StudyInstanceUid is not null)
            terms.Add("StudyInstanceUID=" + Uri.EscapeDataString(query.StudyInstanceUid));
        if (query.TrackingUid is not null)
            terms.Add("00620021=" + Uri.EscapeDataString(query.TrackingUid));
        terms.AddRange(IncludedFields.Select(f => "includefield=" + f));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, "instances?" + string.Join('&', terms)));
        request.Headers.Accept.ParseAdd(DicomJson);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, body, "QIDO-RS");
        if (response.StatusCode == HttpStatusCode.NoContent || body.Length == 0)
            return [];
        using var json = JsonDocument.Parse(body);
        var results = new List<DicomInstanceInfo>();
        foreach (var match in json.RootElement.EnumerateArray())
        {
            var key = new DicomInstanceKey(Value(match, "0020000D") ?? "", Value(match, "0020000E") ?? "", Value(match, "00080018") ?? "");
            results.Add(new DicomInstanceInfo(key, Value(match, "00080016") ?? "", Value(match, "00100020") ?? "", Value(match, "00620021"),
                DicomInstanceInfo.ParseDateTime(Value(match, "0008002A")), Size: null));
        }

        return results;
    }

    public Task<byte[]?> RetrieveAsync(DicomInstanceKey key, CancellationToken cancellationToken = default) =>
        RetrieveSinglePartAsync(InstancePath(key), "multipart/related; type=\"application/dicom\"; transfer-syntax=*", cancellationToken);

    public Task<byte[]?> RetrieveFrameAsync(DicomInstanceKey key, int frameNumber, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameNumber, 1);
        return RetrieveSinglePartAsync($"{InstancePath(key)}/frames/{frameNumber}", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*", cancellationToken);
    }

    /// <summary>DICOMweb (PS3.18) defines no delete: what a PACS has received stays, for its administrators to remove.</summary>
    public Task<bool> DeleteAsync(string sopInstanceUid, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public async Task<string?> RetrieveMetadataAsync(DicomInstanceKey key, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, $"{InstancePath(key)}/metadata"));
        request.Headers.Accept.ParseAdd(DicomJson);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, body, "WADO-RS metadata");
        // PS3.18 10.4.3: an array with one object per instance; ours is a single instance.
        using var json = JsonDocument.Parse(body);
        return json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.GetArrayLength() == 1
            ? json.RootElement[0].GetRawText()
            : throw new FormatException($"WADO-RS metadata: expected an array of one instance, got {Shorten(body)}");
    }

    private async Task<byte[]?> RetrieveSinglePartAsync(string path, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, path));
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            EnsureSuccess(response, System.Text.Encoding.UTF8.GetString(body), "WADO-RS");
        var contentType = response.Content.Headers.TryGetValues("Content-Type", out var values) ? string.Join(", ", values) : "";
        var parts = MultipartRelated.Parse(body, contentType);
        return parts.Count == 1
            ? parts[0].Body.ToArray()
            : throw new FormatException($"WADO-RS {path}: expected one part, got {parts.Count}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DicomStoreUnavailableException($"{request.Method} {request.RequestUri}: {e.Message}", e);
        }
        // HttpClient wraps most transport failures, but not all: a connection reset while it reads the peer's
        // address surfaces as a bare SocketException. For the caller it is the same thing, the store is away.
        catch (System.Net.Sockets.SocketException e)
        {
            throw new DicomStoreUnavailableException($"{request.Method} {request.RequestUri}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DicomStoreUnavailableException($"{request.Method} {request.RequestUri}: timed out", e);
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response, string body, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new DicomStoreUnavailableException($"{what}: HTTP {(int)response.StatusCode} {Shorten(body)}");
    }

    private static string InstancePath(DicomInstanceKey key) =>
        $"studies/{Uri.EscapeDataString(key.StudyInstanceUid)}/series/{Uri.EscapeDataString(key.SeriesInstanceUid)}/instances/{Uri.EscapeDataString(key.SopInstanceUid)}";

    private static string? Value(JsonElement dataset, string tag) =>
        dataset.TryGetProperty(tag, out var attribute) && attribute.TryGetProperty("Value", out var values) && values.GetArrayLength() > 0
            && values[0].ValueKind == JsonValueKind.String
            ? values[0].GetString()
            : null;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
