using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Health;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Lenders;
using PrivateLending.Api.Loans;
using PrivateLending.Api.Users;

namespace PrivateLending.Api.Infrastructure.Json;

/// <summary>
/// Source-generated serialisation metadata for every response shape and for problem details, first in the HTTP
/// JSON options' resolver chain (<see cref="JsonSetup.Apply"/>), so responses are not serialised through
/// reflection-built metadata. Meant for those options only: they bring the enum converter and ASP.NET Core's
/// relaxed encoder, which generation options cannot express. Metadata mode only, because System.Text.Json would
/// not take a generated fast path anyway (never with a converter in the options, never when streaming bodies
/// over 8 KB); the largest response, my-loans, is written by <see cref="Loans.LoanJsonWriter"/> instead.
/// Tests compare this output with reflection-based serialisation of the same values.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PageResponse<LoanResponse>))]
[JsonSerializable(typeof(PageResponse<InvitationResponse>))]
[JsonSerializable(typeof(LoanResponse))]
[JsonSerializable(typeof(PortfolioResponse))]
[JsonSerializable(typeof(LenderAdditionResponse))]
[JsonSerializable(typeof(ParticipationResultResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
// Values problem extensions carry (typed as object, so looked up by their runtime type).
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
