namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// The index directory this process owns. Replicas that share one data directory (a local run with <c>--replicas</c>,
/// or pods on one shared volume) must not open the same Lucene index: each claims the first free slot —
/// <c>kb-index</c>, then <c>kb-index-2</c>, <c>kb-index-3</c>, … — by holding an exclusive lock on the
/// <c>replica.lock</c> file in it for as long as it runs (never deleted: a deleted lock file could be held twice).
/// The operating system drops the lock when the process ends, even on SIGKILL, so a restarted replica takes a free
/// slot again (usually its own, index and checkpoint intact).
/// </summary>
public sealed class LuceneIndexSlot : IDisposable
{
    /// <summary>More replicas than this on one data directory is a mistake in the set-up, not a scale-out.</summary>
    private const int MaxSlots = 64;

    private readonly FileStream _lock;

    private LuceneIndexSlot(string directory, int number, FileStream held)
    {
        Directory = directory;
        Number = number;
        _lock = held;
    }

    /// <summary>The index root this process uses.</summary>
    public string Directory { get; }

    /// <summary>1 for the configured directory itself, 2.. for the siblings taken while it was held.</summary>
    public int Number { get; }

    /// <summary>Claims the first free slot of <paramref name="configured"/>; throws when all are held.</summary>
    public static LuceneIndexSlot Claim(string configured)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured));
        for (var number = 1; number <= MaxSlots; number++)
        {
            var directory = number == 1 ? root : $"{root}-{number}";
            System.IO.Directory.CreateDirectory(directory);
            if (TryLock(Path.Combine(directory, "replica.lock")) is { } held)
            {
                return new LuceneIndexSlot(directory, number, held);
            }
        }
        throw new InvalidOperationException($"Every one of the {MaxSlots} index slots of {root} is held by another process.");
    }

    public void Dispose() => _lock.Dispose();

    private static FileStream? TryLock(string path)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows: a second
            // holder, in this process or another, is refused until the first closes the file or ends.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
