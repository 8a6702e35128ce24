using System.Threading.Channels;

namespace Clauses.Api.Infrastructure;

/// <summary>
/// Wakes a background worker at once when this instance has just queued work for it; work queued by
/// other instances is found by the worker's periodic poll. Each worker has its own subclass, so each
/// is its own service.
/// </summary>
public abstract class WakeSignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _signal.Writer.TryWrite(true);

    /// <summary>Returns when woken, or after <paramref name="timeout"/> (the poll).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try { await _signal.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}
