using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PrivateLending.Api.Documents;

/// <summary>
/// Reads a <c>multipart/form-data</c> upload section by section as it arrives: the small fields <c>title</c> and
/// <c>kind</c>, and exactly one <c>file</c>, spooled by <see cref="UploadedFile"/>. Anything malformed is a 400.
/// </summary>
internal sealed class UploadForm : IAsyncDisposable
{
    private const int MaxFieldBytes = 1024;

    public string? Title { get; private set; }

    public string? Kind { get; private set; }

    public UploadedFile? File { get; private set; }

    public static async Task<UploadForm> ReadAsync(HttpRequest request, long maxFileBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw DocumentProblems.Unsupported("Send the document as multipart/form-data with a part named 'file'.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            throw DocumentProblems.Malformed("The multipart body has no valid boundary.");
        }

        var form = new UploadForm();
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 8 * 1024 };
            while (await NextAsync(reader, cancellationToken) is { } section)
            {
                await form.ReadSectionAsync(section, maxFileBytes, cancellationToken);
            }

            if (form.File is null)
            {
                throw DocumentProblems.Malformed("The multipart body has no part named 'file'.");
            }

            return form;
        }
        catch
        {
            await form.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File is not null)
        {
            await File.DisposeAsync();
        }
    }

    private static async Task<MultipartSection?> NextAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw DocumentProblems.Malformed("The multipart body is malformed.");
        }
    }

    private async Task ReadSectionAsync(MultipartSection section, long maxFileBytes, CancellationToken cancellationToken)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw DocumentProblems.Malformed("Every part needs a Content-Disposition of form-data with a name.");
        }

        var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
        switch (name)
        {
            case "file" when File is null:
                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                try
                {
                    File = await UploadedFile.SpoolAsync(section.Body, maxFileBytes, section.ContentType, fileName, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException)
                {
                    throw DocumentProblems.Malformed("The multipart body is malformed.");
                }

                break;
            case "file":
                throw DocumentProblems.Malformed("Send one file per upload.");
            case "title" when Title is null:
                Title = await FieldAsync(section, cancellationToken);
                break;
            case "kind" when Kind is null:
                Kind = await FieldAsync(section, cancellationToken);
                break;
            default:
                throw DocumentProblems.Malformed($"Unexpected or repeated part '{name}'; send file, and optionally title and kind.");
        }
    }

    private static async Task<string> FieldAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = 0;
        try
        {
            int read;
            while ((read = await section.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > MaxFieldBytes)
                {
                    throw DocumentProblems.Malformed("A form field is too long.");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw DocumentProblems.Malformed("The multipart body is malformed.");
        }

        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(buffer, 0, length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw DocumentProblems.Malformed("A form field is not valid UTF-8.");
        }
    }
}
