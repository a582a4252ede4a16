using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

/// <summary>
/// Compile-time serialisation of the my-loans page, the API's hottest and largest response: the generator writes
/// each member straight to the writer (no reflection, no metadata walk). Its options restate the app's HTTP JSON
/// options (<see cref="Infrastructure.Json.JsonSetup"/>); a unit test holds the two to the same bytes.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UpperSnakeCaseEnumConverter<LoanStatus>), typeof(UpperSnakeCaseEnumConverter<ParticipantStatus>)])]
[JsonSerializable(typeof(PageResponse<LoanResponse>))]
internal sealed partial class LoanJsonContext : JsonSerializerContext;

/// <summary>Enum names as the API writes them everywhere (<c>PARTIALLY_PAID</c>), in a form the generator can name.</summary>
internal sealed class UpperSnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false)
    where TEnum : struct, Enum;
