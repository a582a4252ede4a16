using System.Collections.Concurrent;
using Orleans.Storage;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>
/// Failure injection in the test silo: recording a document on a listed loan fails as a refused storage write would,
/// after the API has stored the bytes, so a test can see that nothing is left behind.
/// </summary>
public sealed class DocumentWriteFaults : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<Guid, byte> Failing = new();

    public static void FailFor(Guid loanId) => Failing[loanId] = 0;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name == "AddDocumentAsync"
            && context.TargetId.TryGetGuidKey(out var loanId, out _) && Failing.ContainsKey(loanId))
        {
            throw new InconsistentStateException("Injected: the loan's write was refused.");
        }

        return context.Invoke();
    }
}
