using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// Derives a loan change's webhook events by comparing the state before and after (like its history, so no
/// command can forget one) and queues them in the loan's outbox, one entry per event (with its recipients), written
/// with the change itself. Recipients: the borrower gets every event of the loan; a lender with an account linked
/// to a participation (only verified accounts are linked) gets the events about that participation and the loan's
/// end (funded, cancelled, expired) unless they declined.
/// </summary>
internal static class WebhookEvents
{
    /// <summary>Queues the events of the change from <paramref name="before"/> to <paramref name="after"/> (none when the version did not move).</summary>
    public static void Enqueue(LoanState before, LoanState after)
    {
        foreach (var (type, participant) in Derive(before, after))
        {
            // One entry per event: the borrower is its target, linked lenders ride along (a loan's end may concern 100).
            var lenders = Recipients(after, type, participant).Where(id => id != after.BorrowerId).ToList();
            after.Outbox.Add(new PendingIndexUpdate
            {
                Seq = after.NextOutboxSeq++,
                Kind = IndexTarget.Webhook,
                Target = after.BorrowerId.ToString("N"),
                LoanId = after.LoanId,
                ParticipantId = participant?.ParticipantId ?? Guid.Empty,
                Status = participant?.Status ?? ParticipantStatus.Pending,
                ContributionAmount = participant?.ContributionAmount ?? 0m,
                At = after.CreatedAt,
                LoanVersion = after.Version,
                LoanStatus = after.Status,
                EventType = type,
                LoanAmount = after.Amount,
                TotalFunded = LoanViews.Figures(after).TotalFunded,
                OccurredAt = after.UpdatedAt,
                Recipients = lenders.Count > 0 ? lenders : null,
            });
        }
    }

    /// <summary>The events of one change, each with the participation it is about (null for loan-level events).</summary>
    public static List<(string Type, ParticipantState? Participant)> Derive(LoanState before, LoanState after)
    {
        var events = new List<(string, ParticipantState?)>();
        if (!after.Exists || after.Version == before.Version)
        {
            return events;
        }

        var old = before.Exists ? before.Participants.ToDictionary(p => p.ParticipantId) : [];
        if (!before.Exists)
        {
            events.Add((WebhookEventTypes.LoanCreated, null));
        }

        foreach (var p in after.Participants)
        {
            if (!old.TryGetValue(p.ParticipantId, out var was))
            {
                events.Add((WebhookEventTypes.LenderInvited, p));
            }
            else if (was.Status != p.Status && p.Status != ParticipantStatus.Pending)
            {
                events.Add((p.Status == ParticipantStatus.Accepted ? WebhookEventTypes.ParticipantAccepted : WebhookEventTypes.ParticipantDeclined, p));
            }
        }

        if (before.Exists && before.Status != after.Status)
        {
            var ended = after.Status switch
            {
                LoanStatus.Funded => WebhookEventTypes.LoanFunded,
                LoanStatus.Cancelled => WebhookEventTypes.LoanCancelled,
                LoanStatus.Expired => WebhookEventTypes.LoanExpired,
                _ => null,
            };
            if (ended is not null)
            {
                events.Add((ended, null));
            }
        }

        return events;
    }

    /// <summary>The borrower, plus the linked lender of the participation or, for the loan's end, every linked lender still in.</summary>
    public static IEnumerable<Guid> Recipients(LoanState loan, string type, ParticipantState? participant)
    {
        var recipients = new List<Guid> { loan.BorrowerId };
        if (participant is { LenderId: { } lender })
        {
            recipients.Add(lender);
        }
        else if (participant is null && type != WebhookEventTypes.LoanCreated)
        {
            recipients.AddRange(loan.Participants
                .Where(p => p.Status != ParticipantStatus.Declined && p.LenderId is not null)
                .Select(p => p.LenderId!.Value));
        }

        return recipients.Distinct();
    }
}

/// <summary>Delivers a loan's queued webhook updates: each recipient's owner grain gets the events meant for it.</summary>
internal static class WebhookOutbox
{
    public static Task SendAsync(IGrainFactory grains, string target, List<PendingIndexUpdate> updates)
    {
        var byRecipient = updates
            .SelectMany(u => (u.Recipients ?? []).Prepend(Guid.ParseExact(target, "N")).Select(r => (Recipient: r, Update: u)))
            .GroupBy(x => x.Recipient, x => x.Update);
        return Task.WhenAll(byRecipient.Select(g =>
            grains.GetGrain<IWebhookOwnerGrain>(g.Key).PublishAsync([.. g.Select(WebhookPayloads.ToEvent)])));
    }
}
