namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// A model activated on this desk, kept in routing's database so that every replica uses it and a restart (or a new
/// pod with an empty data volume) does not fall back to the shipped model. The latest activation is the active model.
/// </summary>
public sealed class StoredClassifierModel
{
    public Guid Id { get; set; }

    public DateTimeOffset ActivatedAt { get; set; }

    public required string Source { get; set; }

    public double? ValidationAccuracy { get; set; }

    /// <summary>The model file (<see cref="RoutingModel.Save"/>).</summary>
    public required byte[] Content { get; set; }

    /// <summary>Activations newest first: the first is the model in use (ties, e.g. two replicas in one tick, by id).</summary>
    public static IQueryable<StoredClassifierModel> NewestFirst(IQueryable<StoredClassifierModel> models) =>
        models.OrderByDescending(m => m.ActivatedAt).ThenByDescending(m => m.Id);
}
