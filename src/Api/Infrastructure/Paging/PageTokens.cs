using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Infrastructure.Paging;

/// <summary>
/// Seals the grains' plain cursors into opaque <c>next_token</c>s: Data Protection (purpose <c>paging.v1</c>,
/// sub-purposes user id and endpoint) authenticates and encrypts them, so a token that was altered, minted for
/// another user or another listing fails to open and answers 400 INVALID_PAGINATION_TOKEN.
/// </summary>
internal sealed class PageTokens(IDataProtectionProvider provider)
{
    private const string Purpose = "paging.v1";

    /// <summary>Validates <c>limit</c> and opens <c>next_token</c> into the grain's page request.</summary>
    public PageRequest Request(int? limit, string? nextToken, Guid userId, string endpoint)
    {
        var size = limit ?? PagingLimits.DefaultLimit;
        if (!PagingLimits.Limit.Allows(size))
        {
            throw ApiProblemException.Invalid("limit", PagingLimits.Limit.Message);
        }

        return new PageRequest(size, Open(nextToken, userId, endpoint));
    }

    /// <summary>The page as clients see it, with the next cursor sealed.</summary>
    public PageResponse<TOut> Response<TIn, TOut>(Page<TIn> page, Func<TIn, TOut> map, Guid userId, string endpoint)
    {
        var items = page.Items.IsDefaultOrEmpty ? [] : new TOut[page.Items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = map(page.Items[i]);
        }

        var next = NextToken(page, userId, endpoint);
        return new PageResponse<TOut>(items, items.Length, next is not null, next);
    }

    /// <summary>The sealed token for the page after this one; null on the last page (then has_more is false).</summary>
    public string? NextToken<T>(Page<T> page, Guid userId, string endpoint) =>
        page.HasMore ? Seal(page.NextCursor, userId, endpoint) : null;

    internal string? Seal(string? cursor, Guid userId, string endpoint) =>
        string.IsNullOrEmpty(cursor)
            ? null
            : WebEncoders.Base64UrlEncode(Protector(userId, endpoint).Protect(Encoding.UTF8.GetBytes(cursor)));

    internal string? Open(string? token, Guid userId, string endpoint)
    {
        // An empty token is the same as none: clients often send `next_token=` for the first page.
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var sealedBytes = WebEncoders.Base64UrlDecode(token);
            return Encoding.UTF8.GetString(Protector(userId, endpoint).Unprotect(sealedBytes));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new ApiProblemException(400, ProblemCodes.InvalidPaginationToken,
                "next_token is not valid here: pass back the next_token of the previous page unchanged.",
                new Dictionary<string, string[]> { ["next_token"] = ["Not a token this listing issued for you."] });
        }
    }

    private IDataProtector Protector(Guid userId, string endpoint) =>
        provider.CreateProtector(Purpose, userId.ToString("N"), endpoint);
}
