using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Tests.Loans;

/// <summary>
/// The loan's write pipeline without a cluster. Every test runs on one exclusive scheduler, as the queue runs in an
/// activation's turns; writes are stood in for by tasks the test completes.
/// </summary>
public sealed class LoanCommitQueueTests
{
    private readonly List<IReadOnlyList<int>> _batches = [];
    private readonly Queue<TaskCompletionSource> _writes = new();

    [Fact]
    public Task SubmitAsync_ItemsQueuedBehindAWriteInFlight_WrittenAsOneBatch() => OneAtATimeAsync(async () =>
    {
        var queue = new LoanCommitQueue<int>(SlowWriteAsync);

        var first = queue.SubmitAsync(1);
        await Task.Yield();
        var rest = new[] { queue.SubmitAsync(2), queue.SubmitAsync(3), queue.SubmitAsync(4) };
        await ReleaseWritesAsync(2);
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([[1], [2, 3, 4]], _batches);
        Assert.Equal(2, queue.BatchesWritten);
    });

    [Fact]
    public Task SubmitAsync_BatchWriteFails_EveryItemOfItFailsAndTheNextBatchIsWritten() => OneAtATimeAsync(async () =>
    {
        var queue = new LoanCommitQueue<int>(SlowWriteAsync);
        var first = queue.SubmitAsync(1);
        await Task.Yield();
        var batch = new[] { queue.SubmitAsync(2), queue.SubmitAsync(3) };

        await ReleaseWritesAsync(1);
        await first;
        await WaitForWriteAsync();
        _writes.Dequeue().SetException(new InvalidOperationException("write failed"));
        var failures = await Task.WhenAll(batch.Select(t => Assert.ThrowsAsync<InvalidOperationException>(() => t)));
        var after = queue.SubmitAsync(4);
        await ReleaseWritesAsync(1);
        await after;

        Assert.All(failures, f => Assert.Equal("write failed", f.Message));
        Assert.Equal([[1], [4]], _batches); // the failed batch was never written
    });

    [Fact]
    public Task ExclusiveAsync_WhileABatchIsInFlight_RunsAfterItAndBeforeLaterItems() => OneAtATimeAsync(async () =>
    {
        var queue = new LoanCommitQueue<int>(SlowWriteAsync);
        var order = new List<string>();
        var inFlight = queue.SubmitAsync(1);
        await Task.Yield();

        var alone = queue.ExclusiveAsync(() =>
        {
            // Nothing is being written while it runs.
            order.Add($"alone after {_batches.Count} batch(es), {_writes.Count} write(s) open");
            return Task.CompletedTask;
        });
        var later = queue.SubmitAsync(2);
        await ReleaseWritesAsync(2);
        await Task.WhenAll(inFlight, alone, later);

        Assert.Equal(["alone after 1 batch(es), 0 write(s) open"], order);
        Assert.Equal([[1], [2]], _batches);
    });

    [Fact]
    public Task SubmitAsync_MoreItemsThanABatchHolds_SplitIntoBatchesInOrder() => OneAtATimeAsync(async () =>
    {
        var queue = new LoanCommitQueue<int>(SlowWriteAsync, maxBatch: 2);
        var first = queue.SubmitAsync(0);
        await Task.Yield();
        var rest = Enumerable.Range(1, 5).Select(queue.SubmitAsync).ToArray();
        await ReleaseWritesAsync(4);
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([[0], [1, 2], [3, 4], [5]], _batches);
    });

    private async Task SlowWriteAsync(IReadOnlyList<int> items)
    {
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writes.Enqueue(write);
        await write.Task;
        _batches.Add([.. items]);
    }

    private async Task ReleaseWritesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await WaitForWriteAsync();
            _writes.Dequeue().SetResult();
        }
    }

    private async Task WaitForWriteAsync()
    {
        for (var spins = 0; _writes.Count == 0; spins++)
        {
            Assert.True(spins < 1000, "no write started");
            await Task.Yield();
        }
    }

    /// <summary>Runs <paramref name="test"/> one continuation at a time, like a grain activation.</summary>
    private static Task OneAtATimeAsync(Func<Task> test) =>
        Task.Factory.StartNew(test, CancellationToken.None, TaskCreationOptions.None,
            new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();
}
