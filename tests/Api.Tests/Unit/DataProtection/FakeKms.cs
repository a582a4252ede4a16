using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;

namespace PrivateLending.Api.Tests.Unit.DataProtection;

/// <summary>
/// Stands in for AWS KMS (no AWS account here): AES-GCM under a key only this object holds, with the encryption
/// context as associated data, so a ciphertext opens only with the same key id and context, as in KMS.
/// </summary>
internal sealed class FakeKms() : AmazonKeyManagementServiceClient(new AnonymousAWSCredentials(), RegionEndpoint.USEast1)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public List<EncryptRequest> Encrypts { get; } = [];

    public List<DecryptRequest> Decrypts { get; } = [];

    public override Task<EncryptResponse> EncryptAsync(EncryptRequest request, CancellationToken cancellationToken = default)
    {
        Encrypts.Add(request);
        var plaintext = request.Plaintext.ToArray();
        var nonce = RandomNumberGenerator.GetBytes(12);
        var (ciphertext, tag) = (new byte[plaintext.Length], new byte[16]);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(request.KeyId, request.EncryptionContext));
        var blob = new MemoryStream([.. Encoding.UTF8.GetBytes(request.KeyId), 0, .. nonce, .. tag, .. ciphertext]);
        return Task.FromResult(new EncryptResponse { KeyId = request.KeyId, CiphertextBlob = blob });
    }

    public override Task<DecryptResponse> DecryptAsync(DecryptRequest request, CancellationToken cancellationToken = default)
    {
        Decrypts.Add(request);
        var blob = request.CiphertextBlob.ToArray();
        var split = Array.IndexOf(blob, (byte)0);
        var keyId = Encoding.UTF8.GetString(blob, 0, split);
        var (nonce, tag, ciphertext) = (blob[(split + 1)..(split + 13)], blob[(split + 13)..(split + 29)], blob[(split + 29)..]);
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(_key, 16);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(keyId, request.EncryptionContext));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new InvalidCiphertextException("The ciphertext or encryption context is not valid.", ex);
        }

        return Task.FromResult(new DecryptResponse { KeyId = keyId, Plaintext = new MemoryStream(plaintext) });
    }

    private static byte[] AssociatedData(string keyId, Dictionary<string, string>? context) => Encoding.UTF8.GetBytes(
        keyId + "|" + string.Join("|", (context ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
}
