namespace PrivateLending.Grains.Users;

/// <summary>The account registered for one email (one grain per normalised email guards uniqueness).</summary>
[GenerateSerializer, Alias("PrivateLending.EmailState")]
public sealed class EmailState
{
    [Id(0)] public bool Registered { get; set; }
    [Id(1)] public Guid UserId { get; set; }

    /// <summary>Trimmed, as registered (for display); the grain key is the normalised form.</summary>
    [Id(2)] public string Email { get; set; } = "";

    [Id(3)] public string Name { get; set; } = "";
    [Id(4)] public string PasswordHash { get; set; } = "";
    [Id(5)] public List<string> Roles { get; set; } = [];
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public string? IdempotencyKey { get; set; }
    [Id(8)] public string? RequestHash { get; set; }

    /// <summary>The lender index has not yet acknowledged the account (re-sent on activation until it has).</summary>
    [Id(9)] public bool LinkPending { get; set; }
}
