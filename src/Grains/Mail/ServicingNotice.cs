namespace PrivateLending.Grains.Mail;

/// <summary>What a borrower's servicing mail says: which installment, when it was or is due, and how much.</summary>
/// <param name="LoanId">The loan.</param>
/// <param name="Notice">"reminder" before the due date, "late" once overdue.</param>
/// <param name="To">The borrower's address.</param>
/// <param name="Installment">The installment's number.</param>
/// <param name="DueDate">Its due date.</param>
/// <param name="Amount">A reminder: what is left on the installment; a late notice: everything overdue.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.ServicingNotice")]
public sealed record ServicingNotice(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] string Notice,
    [property: Id(2)] string To,
    [property: Id(3)] int Installment,
    [property: Id(4)] DateOnly DueDate,
    [property: Id(5)] decimal Amount);
