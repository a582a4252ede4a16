namespace PrivateLending.Grains.Loans;

/// <summary>
/// A loan's one write pipeline (group commit). Hot commands are submitted as items: while the pipeline is held they
/// wait, and the first of them to get its turn takes every item waiting by then as one batch, which
/// <c>writeBatch</c> checks in order and writes once. Every other change of the loan runs alone
/// (<see cref="ExclusiveAsync{T}(Func{Task{T}})"/>): it waits its turn in the same first-come line and holds the
/// pipeline until it is done, so it never sees or writes over a batch in flight.
/// </summary>
/// <remarks>
/// Used only from one activation's turns (one thread at a time), so there are no locks. Work run by this queue must
/// never wait for the queue again (that would wait for itself). Each batch is run by the call that opened it, in that
/// call's own flow; the other items of the batch only wait for its outcome.
/// </remarks>
internal sealed class LoanCommitQueue<TItem>(Func<IReadOnlyList<TItem>, Task> writeBatch, int maxBatch = LoanCommitQueue<TItem>.DefaultMaxBatch)
{
    /// <summary>Bounds what one write carries (and what one failed write fails).</summary>
    public const int DefaultMaxBatch = 100;

    private readonly Queue<TaskCompletionSource> _line = new();
    private Batch? _open;
    private bool _held;

    /// <summary>Batches written so far (for tests and metrics).</summary>
    public int BatchesWritten { get; private set; }

    /// <summary>
    /// Adds <paramref name="item"/> to the batch waiting for its turn (or opens one) and returns once that batch has
    /// been written; throws what failed the batch, for every item in it.
    /// </summary>
    public async Task SubmitAsync(TItem item)
    {
        if (_open is { } open && open.Items.Count < maxBatch)
        {
            open.Items.Add(item);
            await open.Done.Task;
            return;
        }

        var batch = new Batch();
        batch.Items.Add(item);
        _open = batch;
        await EnterAsync();
        if (ReferenceEquals(_open, batch))
        {
            _open = null; // items from now on wait for the next batch
        }

        try
        {
            await writeBatch(batch.Items);
            BatchesWritten++;
            batch.Done.SetResult();
        }
        catch (Exception ex)
        {
            batch.Done.SetException(ex);
        }
        finally
        {
            Leave();
        }

        await batch.Done.Task;
    }

    /// <summary>Runs <paramref name="work"/> alone: after everything queued before it, and before anything queued after.</summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await EnterAsync();
        try
        {
            return await work();
        }
        finally
        {
            Leave();
        }
    }

    /// <inheritdoc cref="ExclusiveAsync{T}(Func{Task{T}})"/>
    public Task ExclusiveAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ExclusiveAsync(async () =>
        {
            await work();
            return true;
        });
    }

    private Task EnterAsync()
    {
        if (!_held)
        {
            _held = true;
            return Task.CompletedTask;
        }

        // Asynchronous continuations: the next holder starts in a turn of its own, not inside the one leaving.
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _line.Enqueue(turn);
        return turn.Task;
    }

    private void Leave()
    {
        if (_line.TryDequeue(out var next))
        {
            next.SetResult(); // handed over: the pipeline stays held
        }
        else
        {
            _held = false;
        }
    }

    private sealed class Batch
    {
        public List<TItem> Items { get; } = [];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
