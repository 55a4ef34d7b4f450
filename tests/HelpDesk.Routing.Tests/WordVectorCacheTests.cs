using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

/// <summary>The word-vector cache on disk, which replicas sharing one data directory append to.</summary>
public sealed class WordVectorCacheTests
{
    private static readonly string[] Words = ["printer", "monitor", "keyboard"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void A_cache_another_process_is_writing_is_left_alone_and_stays_readable()
    {
        using var data = new TempDirectory("helpdesk-word-vectors");
        var path = Path.Combine(data.Path, "routing", "word-vectors.bin");
        using (var first = new MiniLmWordVectors(path))
        {
            first.Get(["printer", "monitor"], null, Cancel);
        }
        var written = new FileInfo(path).Length;
        Assert.True(written > 0);

        // Another replica is appending: it holds the file exclusively. This one neither waits nor writes into it.
        using (var busy = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None))
        using (var second = new MiniLmWordVectors(path))
        {
            var vectors = second.Get(["keyboard"], null, Cancel);
            Assert.Equal(384, vectors["keyboard"].Length);
        }
        Assert.Equal(written, new FileInfo(path).Length);

        using (var third = new MiniLmWordVectors(path))
        {
            third.Get(["keyboard"], null, Cancel);
        }
        // Three whole records and nothing else: a length-prefixed word and 384 floats each.
        Assert.Equal(Words.Sum(w => 1 + w.Length + 384 * 4), new FileInfo(path).Length);

        // Every record is whole: a fresh reader finds the three words with the vectors the encoder gives.
        using var fresh = new MiniLmWordVectors(null);
        var expected = fresh.Get(Words, null, Cancel);
        using var cached = new MiniLmWordVectors(path);
        var read = cached.Get(Words, null, Cancel);
        foreach (var word in expected.Keys)
        {
            Assert.Equal(expected[word], read[word]);
        }
    }
}
