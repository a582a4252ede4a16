using System.Security.Cryptography;

namespace PrivateLending.Api.Documents;

/// <summary>
/// An uploaded file spooled to a temporary file (deleted when disposed) as it arrives: hashed (SHA-256) on the way,
/// never whole in memory, and stopped as soon as it passes the limit. The spool lets the PDF check read the file
/// at random, and lets S3 get one plain body of known length.
/// </summary>
internal sealed class UploadedFile : IAsyncDisposable
{
    private readonly FileStream _spool;
    private readonly byte[] _head = new byte[FileTypes.SniffLength];
    private int _headLength;

    private UploadedFile(FileStream spool) => _spool = spool;

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = "";

    /// <summary>The part's declared type and file name (claims, checked against the bytes and cleaned).</summary>
    public string? DeclaredType { get; private set; }

    public string? DeclaredName { get; private set; }

    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    /// <summary>Copies <paramref name="body"/> to a spool; over <paramref name="maxBytes"/> throws a 413 problem at once.</summary>
    public static async Task<UploadedFile> SpoolAsync(Stream body, long maxBytes, string? declaredType, string? declaredName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "privatelending-upload-" + Guid.NewGuid().ToString("N"));
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var file = new UploadedFile(spool) { DeclaredType = declaredType, DeclaredName = declaredName };
        try
        {
            await file.CopyAsync(body, maxBytes, cancellationToken);
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The spooled bytes from the start (the stream stays owned by this object).</summary>
    public Stream OpenRead()
    {
        _spool.Position = 0;
        return _spool;
    }

    public ValueTask DisposeAsync() => _spool.DisposeAsync();

    private async Task CopyAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            Length += read;
            if (Length > maxBytes)
            {
                throw DocumentProblems.TooLarge(maxBytes);
            }

            if (_headLength < _head.Length)
            {
                var take = Math.Min(read, _head.Length - _headLength);
                buffer.AsSpan(0, take).CopyTo(_head.AsSpan(_headLength));
                _headLength += take;
            }

            hash.AppendData(buffer, 0, read);
            await _spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await _spool.FlushAsync(cancellationToken);
        Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
