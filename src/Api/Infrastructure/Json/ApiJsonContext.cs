using System.Text.Json.Serialization;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Lenders;
using PrivateLending.Api.Loans;

namespace PrivateLending.Api.Infrastructure.Json;

/// <summary>
/// Serialisation code generated at compile time for the responses on the hot paths (the my-loans page, a loan, a
/// lender's invitations, the answers to invite, accept and decline): no reflection and no warm-up for them. It is
/// first in the HTTP options' resolver chain, so these types are written with the app's own settings (names, enum
/// names, number handling, encoder) exactly as every other type is; types it does not list fall through to the
/// reflection resolver behind it.
/// </summary>
[JsonSerializable(typeof(PageResponse<LoanResponse>))]
[JsonSerializable(typeof(LoanResponse))]
[JsonSerializable(typeof(PageResponse<InvitationResponse>))]
[JsonSerializable(typeof(LenderAdditionResponse))]
[JsonSerializable(typeof(ParticipationResultResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
