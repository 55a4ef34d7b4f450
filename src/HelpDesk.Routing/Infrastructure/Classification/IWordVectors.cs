namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>Pretrained static word vectors (unit length) for the words a model is trained on.</summary>
public interface IWordVectors
{
    int Dimensions { get; }

    /// <summary>A vector for every word asked for, computing the missing ones; <paramref name="progress"/> gets (done, total).</summary>
    IReadOnlyDictionary<string, float[]> Get(IReadOnlyCollection<string> words, Action<int, int>? progress, CancellationToken cancellationToken);
}
