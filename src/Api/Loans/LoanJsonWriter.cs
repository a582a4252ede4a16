using System.Collections.Immutable;
using System.Text.Json;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

/// <summary>
/// Writes loans straight from the grain's views in exactly the JSON that serialising
/// <see cref="LoanMapping.ToResponse(LoanView)"/> gives (same members, order, formats and escaping), without
/// building the response records first. Used for the my-loans page, the API's hottest and largest response;
/// unit tests compare its bytes with the serializer's. Member names come from the response records through
/// <c>nameof</c> and the snake_case policy, so a renamed member cannot drift.
/// </summary>
internal static class LoanJsonWriter
{
    private static readonly JsonEncodedText Data = Name(nameof(PageResponse<LoanResponse>.Data));
    private static readonly JsonEncodedText Count = Name(nameof(PageResponse<LoanResponse>.Count));
    private static readonly JsonEncodedText HasMore = Name(nameof(PageResponse<LoanResponse>.HasMore));
    private static readonly JsonEncodedText NextToken = Name(nameof(PageResponse<LoanResponse>.NextToken));

    private static readonly JsonEncodedText LoanId = Name(nameof(LoanResponse.LoanId));
    private static readonly JsonEncodedText BorrowerId = Name(nameof(LoanResponse.BorrowerId));
    private static readonly JsonEncodedText BorrowerName = Name(nameof(LoanResponse.BorrowerName));
    private static readonly JsonEncodedText Amount = Name(nameof(LoanResponse.Amount));
    private static readonly JsonEncodedText InterestRate = Name(nameof(LoanResponse.InterestRate));
    private static readonly JsonEncodedText TermMonths = Name(nameof(LoanResponse.TermMonths));
    private static readonly JsonEncodedText Purpose = Name(nameof(LoanResponse.Purpose));
    private static readonly JsonEncodedText Status = Name(nameof(LoanResponse.Status));
    private static readonly JsonEncodedText Version = Name(nameof(LoanResponse.Version));
    private static readonly JsonEncodedText Participants = Name(nameof(LoanResponse.Participants));
    private static readonly JsonEncodedText TotalInvited = Name(nameof(LoanResponse.TotalInvited));
    private static readonly JsonEncodedText TotalFunded = Name(nameof(LoanResponse.TotalFunded));
    private static readonly JsonEncodedText FundingPercentage = Name(nameof(LoanResponse.FundingPercentage));
    private static readonly JsonEncodedText ParticipantCount = Name(nameof(LoanResponse.ParticipantCount));
    private static readonly JsonEncodedText AcceptedParticipantCount = Name(nameof(LoanResponse.AcceptedParticipantCount));
    private static readonly JsonEncodedText PendingParticipantCount = Name(nameof(LoanResponse.PendingParticipantCount));
    private static readonly JsonEncodedText IsFullyFunded = Name(nameof(LoanResponse.IsFullyFunded));
    private static readonly JsonEncodedText AverageContribution = Name(nameof(LoanResponse.AverageContribution));
    private static readonly JsonEncodedText LargestContribution = Name(nameof(LoanResponse.LargestContribution));
    private static readonly JsonEncodedText SmallestContribution = Name(nameof(LoanResponse.SmallestContribution));
    private static readonly JsonEncodedText LastFundingUpdate = Name(nameof(LoanResponse.LastFundingUpdate));
    private static readonly JsonEncodedText CreatedAt = Name(nameof(LoanResponse.CreatedAt));
    private static readonly JsonEncodedText CreatedBy = Name(nameof(LoanResponse.CreatedBy));
    private static readonly JsonEncodedText UpdatedAt = Name(nameof(LoanResponse.UpdatedAt));
    private static readonly JsonEncodedText UpdatedBy = Name(nameof(LoanResponse.UpdatedBy));
    private static readonly JsonEncodedText DeletedAt = Name(nameof(LoanResponse.DeletedAt));
    private static readonly JsonEncodedText DeletedBy = Name(nameof(LoanResponse.DeletedBy));
    private static readonly JsonEncodedText DeletionReason = Name(nameof(LoanResponse.DeletionReason));
    private static readonly JsonEncodedText FundingDeadline = Name(nameof(LoanResponse.FundingDeadline));
    private static readonly JsonEncodedText DisbursedOn = Name(nameof(LoanResponse.DisbursedOn));
    private static readonly JsonEncodedText OutstandingPrincipal = Name(nameof(LoanResponse.OutstandingPrincipal));
    private static readonly JsonEncodedText RepaidPrincipal = Name(nameof(LoanResponse.RepaidPrincipal));
    private static readonly JsonEncodedText RepaidInterest = Name(nameof(LoanResponse.RepaidInterest));
    private static readonly JsonEncodedText NextDueDate = Name(nameof(LoanResponse.NextDueDate));
    private static readonly JsonEncodedText NextDueAmount = Name(nameof(LoanResponse.NextDueAmount));
    private static readonly JsonEncodedText DaysPastDue = Name(nameof(LoanResponse.DaysPastDue));
    private static readonly JsonEncodedText TermsVersion = Name(nameof(LoanResponse.TermsVersion));

    private static readonly JsonEncodedText ParticipantId = Name(nameof(ParticipantResponse.ParticipantId));
    private static readonly JsonEncodedText LenderEmail = Name(nameof(ParticipantResponse.LenderEmail));
    private static readonly JsonEncodedText LenderId = Name(nameof(ParticipantResponse.LenderId));
    private static readonly JsonEncodedText LenderName = Name(nameof(ParticipantResponse.LenderName));
    private static readonly JsonEncodedText ContributionAmount = Name(nameof(ParticipantResponse.ContributionAmount));
    private static readonly JsonEncodedText InvitedAt = Name(nameof(ParticipantResponse.InvitedAt));
    private static readonly JsonEncodedText RespondedAt = Name(nameof(ParticipantResponse.RespondedAt));
    private static readonly JsonEncodedText AcceptedVersion = Name(nameof(ParticipantResponse.AcceptedVersion));
    private static readonly JsonEncodedText Ach = Name(nameof(ParticipantResponse.Ach));
    private static readonly JsonEncodedText AccountHolder = Name(nameof(MaskedAchResponse.AccountHolder));
    private static readonly JsonEncodedText AccountType = Name(nameof(MaskedAchResponse.AccountType));
    private static readonly JsonEncodedText AccountLast4 = Name(nameof(MaskedAchResponse.AccountLast4));

    private static readonly Dictionary<LoanStatus, JsonEncodedText> LoanStatuses = EnumNames<LoanStatus>();
    private static readonly Dictionary<ParticipantStatus, JsonEncodedText> ParticipantStatuses = EnumNames<ParticipantStatus>();

    /// <summary>A <see cref="PageResponse{T}"/> of loans: <c>{data, count, has_more, next_token}</c>.</summary>
    public static void WritePage(Utf8JsonWriter writer, ImmutableArray<LoanView> loans, string? nextToken)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(Data);
        foreach (var loan in loans.IsDefault ? [] : loans)
        {
            WriteLoan(writer, loan);
        }

        writer.WriteEndArray();
        writer.WriteNumber(Count, loans.IsDefault ? 0 : loans.Length);
        writer.WriteBoolean(HasMore, nextToken is not null);
        WriteNullable(writer, NextToken, nextToken);
        writer.WriteEndObject();
    }

    public static void WriteLoan(Utf8JsonWriter writer, LoanView loan)
    {
        writer.WriteStartObject();
        writer.WriteString(LoanId, loan.LoanId);
        writer.WriteString(BorrowerId, loan.BorrowerId);
        writer.WriteString(BorrowerName, loan.BorrowerName);
        writer.WriteNumber(Amount, loan.Terms.Amount);
        writer.WriteNumber(InterestRate, loan.Terms.InterestRate);
        writer.WriteNumber(TermMonths, loan.Terms.TermMonths);
        writer.WriteString(Purpose, loan.Terms.Purpose);
        writer.WriteString(Status, LoanStatuses[loan.Status]);
        writer.WriteNumber(Version, loan.Version);

        writer.WriteStartArray(Participants);
        foreach (var participant in loan.Participants.IsDefault ? [] : loan.Participants)
        {
            WriteParticipant(writer, participant);
        }

        writer.WriteEndArray();

        var funding = loan.Funding;
        writer.WriteNumber(TotalInvited, funding.TotalInvited);
        writer.WriteNumber(TotalFunded, funding.TotalFunded);
        writer.WriteNumber(FundingPercentage, funding.FundingPercentage);
        writer.WriteNumber(ParticipantCount, funding.ParticipantCount);
        writer.WriteNumber(AcceptedParticipantCount, funding.AcceptedParticipantCount);
        writer.WriteNumber(PendingParticipantCount, funding.PendingParticipantCount);
        writer.WriteBoolean(IsFullyFunded, funding.IsFullyFunded);
        WriteNullable(writer, AverageContribution, funding.AverageContribution);
        WriteNullable(writer, LargestContribution, funding.LargestContribution);
        WriteNullable(writer, SmallestContribution, funding.SmallestContribution);
        WriteNullable(writer, LastFundingUpdate, funding.LastFundingUpdate);

        var audit = loan.Audit;
        writer.WriteString(CreatedAt, audit.CreatedAt);
        writer.WriteString(CreatedBy, audit.CreatedBy);
        writer.WriteString(UpdatedAt, audit.UpdatedAt);
        writer.WriteString(UpdatedBy, audit.UpdatedBy);
        WriteNullable(writer, DeletedAt, audit.DeletedAt);
        WriteNullable(writer, DeletedBy, audit.DeletedBy);
        WriteNullable(writer, DeletionReason, audit.DeletionReason);
        WriteNullable(writer, FundingDeadline, loan.FundingDeadline);

        var servicing = loan.Servicing;
        WriteNullable(writer, DisbursedOn, servicing?.DisbursedOn);
        writer.WriteNumber(OutstandingPrincipal, servicing?.OutstandingPrincipal ?? 0m);
        writer.WriteNumber(RepaidPrincipal, servicing?.RepaidPrincipal ?? 0m);
        writer.WriteNumber(RepaidInterest, servicing?.RepaidInterest ?? 0m);
        WriteNullable(writer, NextDueDate, servicing?.NextDueDate);
        WriteNullable(writer, NextDueAmount, servicing?.NextDueAmount);
        writer.WriteNumber(DaysPastDue, servicing?.DaysPastDue ?? 0);
        writer.WriteNumber(TermsVersion, loan.TermsVersion);
        writer.WriteEndObject();
    }

    private static void WriteParticipant(Utf8JsonWriter writer, ParticipantView participant)
    {
        writer.WriteStartObject();
        writer.WriteString(ParticipantId, participant.ParticipantId);
        writer.WriteString(LoanId, participant.LoanId);
        writer.WriteString(LenderEmail, participant.LenderEmail);
        WriteNullable(writer, LenderId, participant.LenderId);
        WriteNullable(writer, LenderName, participant.LenderName);
        writer.WriteNumber(ContributionAmount, participant.ContributionAmount);
        writer.WriteString(Status, ParticipantStatuses[participant.Status]);
        writer.WriteString(InvitedAt, participant.InvitedAt);
        WriteNullable(writer, RespondedAt, participant.RespondedAt);
        if (participant.Ach is { } ach)
        {
            writer.WriteStartObject(Ach);
            writer.WriteString(AccountHolder, ach.AccountHolder);
            writer.WriteString(AccountType, ach.AccountType);
            writer.WriteString(AccountLast4, ach.AccountLast4);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Ach);
        }

        if (participant.AcceptedVersion is { } accepted)
        {
            writer.WriteNumber(AcceptedVersion, accepted);
        }
        else
        {
            writer.WriteNull(AcceptedVersion);
        }

        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, decimal? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, DateOnly? value)
    {
        if (value is { } date)
        {
            writer.WriteString(name, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, Guid? value)
    {
        if (value is { } id)
        {
            writer.WriteString(name, id);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static JsonEncodedText Name(string member) => JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseLower.ConvertName(member));

    // The names the enum converter of JsonSetup.Apply writes.
    private static Dictionary<TEnum, JsonEncodedText> EnumNames<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(value => value, value => JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString())));
}
