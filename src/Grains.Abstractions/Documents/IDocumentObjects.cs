namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>
/// The bucket that holds document bytes (S3 in production, a local S3 server in development and tests). Keys are
/// the store's, never a file name a user chose.
/// </summary>
public interface IDocumentObjects
{
    /// <summary>Stores <paramref name="content"/> (seekable, read to its end) under <paramref name="key"/>, replacing any object there.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The object's bytes, or null when there is none.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the object; no error when it does not exist.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
