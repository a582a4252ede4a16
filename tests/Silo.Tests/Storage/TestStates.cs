namespace PrivateLending.Silo.Tests.Storage;

/// <summary>A record with a constructor, public properties, money and a nested list, like the domain's state.</summary>
public sealed record AccountState(string Owner, decimal Balance, IReadOnlyList<LedgerLine> Lines)
{
    public AccountState() : this(string.Empty, 0m, []) { }

    public bool SameAs(AccountState other) =>
        Owner == other.Owner && Balance == other.Balance && Balance.Scale == other.Balance.Scale && Lines.SequenceEqual(other.Lines);
}

public sealed record LedgerLine(string Memo, decimal Amount, DateTimeOffset At, LineKind Kind);

public enum LineKind
{
    Credit,
    Debit,
}

/// <summary>A positional record with no parameterless constructor: Orleans creates its empty instance without one.</summary>
public sealed record PositionalState(string Name, decimal Amount);

/// <summary>A class whose data JSON cannot set back (private setter): the provider must refuse to write it.</summary>
public sealed class PrivateSetterState
{
    public decimal Balance { get; private set; }

    public void Deposit(decimal amount) => Balance += amount;
}

/// <summary>A plain mutable class with a public field, as Orleans samples often use.</summary>
public sealed class CounterState
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051", Justification = "The provider must store public fields too.")]
    public int Count;

    public string? Text { get; set; }
}

/// <summary>A state with two lists kept in runs: one keyed (changed in place), one of values that never change.</summary>
public sealed class RunsState
{
    public string Owner { get; set; } = "";

    [PrivateLending.Grains.Abstractions.Storage.StoredInRuns(3, Key = nameof(RunEntry.Id))]
    public List<RunEntry> Entries { get; set; } = [];

    [PrivateLending.Grains.Abstractions.Storage.StoredInRuns(2)]
    public List<string> Notes { get; set; } = [];

    [PrivateLending.Grains.Abstractions.Storage.StoredApart]
    public RunEntry? Receipt { get; set; }

    public bool SameAs(RunsState other) =>
        Owner == other.Owner && Entries.SequenceEqual(other.Entries) && Notes.SequenceEqual(other.Notes) && Receipt == other.Receipt;
}

public sealed record RunEntry(int Id, string Text, decimal Amount);
