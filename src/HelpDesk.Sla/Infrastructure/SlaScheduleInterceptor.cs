using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpDesk.Sla.Infrastructure;

internal sealed class SlaScheduleInterceptor(SlaScanSignal signal) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is SlaDbContext { ScheduleChanged: true } db)
        {
            db.ScheduleChanged = false;
            signal.Notify();
        }
    }
}
