using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;

/// <summary>
/// This replica's synonyms, per language, applied at query time by both backends: a change is live as soon as the
/// catalog reloads (on start, after an edit here, and on <c>KbSynonymsChanged</c> from any replica), with no reindex.
/// </summary>
public sealed class SynonymCatalog(KbAnalysis analysis, IServiceScopeFactory? scopes = null)
{
    private volatile IReadOnlyDictionary<string, SynonymSet> _sets = new Dictionary<string, SynonymSet>();

    public SynonymSet For(string language) => _sets.GetValueOrDefault(language) ?? SynonymSet.Empty;

    /// <summary>Replaces every language's set with <paramref name="groups"/> (language, members as typed).</summary>
    public void Replace(IEnumerable<(string Language, IReadOnlyList<string> Terms)> groups)
    {
        _sets = groups
            .GroupBy(g => g.Language, StringComparer.Ordinal)
            .Where(g => KbLanguages.Supported.Contains(g.Key))
            .ToDictionary(g => g.Key, g => SynonymSet.Build(g.Select(group => Analyze(g.Key, group.Terms))));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (scopes is null)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        var groups = await db.SynonymGroups.AsNoTracking().ToListAsync(cancellationToken);
        Replace(groups.Select(g => (g.Language, (IReadOnlyList<string>)g.Terms)));
    }

    /// <summary>A member as the query side sees it: "Ordinateur portable" → [ordinateur, portabl].</summary>
    public IReadOnlyList<string> AnalyzeMember(string language, string member) =>
        [.. member.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => analysis.QueryTerm(language, w)).OfType<string>()];

    private List<IReadOnlyList<string>> Analyze(string language, IReadOnlyList<string> members) =>
        [.. members.Select(m => AnalyzeMember(language, m))];
}
