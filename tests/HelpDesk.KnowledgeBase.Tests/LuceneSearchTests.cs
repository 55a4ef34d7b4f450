using HelpDesk.Contracts;
using static HelpDesk.KnowledgeBase.Tests.SampleArticles;

namespace HelpDesk.KnowledgeBase.Tests;

public sealed class LuceneSearchTests
{
    [Theory]
    [InlineData("reset passwords", "en")]
    [InlineData("mot de passe oublié", "fr")]
    [InlineData("mot de passe oublie", "fr")]
    [InlineData("reimpostare password", "it")]
    public async Task Finds_the_article_in_its_language(string query, string language)
    {
        using var index = await IndexAsync();
        var results = await index.SearchAsync(query, language);
        var expected = language switch { "en" => ResetPasswordEn, "fr" => ResetPasswordFr, _ => ResetPasswordIt };
        Assert.Equal(expected, results.Hits[0].ArticleId);
        Assert.All(results.Hits, h => Assert.Equal(language, h.Language));
    }

    [Fact]
    public async Task Accents_and_elisions_do_not_matter()
    {
        using var index = await IndexAsync();
        Assert.Equal(WifiFr, (await index.SearchAsync("probleme reseau")).Hits[0].ArticleId);
        Assert.Equal(WifiFr, (await index.SearchAsync("ordinateur", "fr")).Hits[0].ArticleId);
        Assert.Equal(PrinterIt, (await index.SearchAsync("stampa bloccata", "it")).Hits[0].ArticleId);
    }

    [Theory]
    [InlineData("pasword", "en")]
    [InlineData("resett passwrd", "en")]
    [InlineData("imprimante", null)] // no such article: nothing close enough
    [InlineData("stampnte", "it")]
    [InlineData("conection drops", "en")]
    public async Task Forgives_typos(string query, string? language)
    {
        using var index = await IndexAsync();
        var results = await index.SearchAsync(query, language);
        if (query == "imprimante")
        {
            Assert.Empty(results.Hits);
            return;
        }
        var expected = query switch { "stampnte" => PrinterIt, "conection drops" => VpnEn, _ => ResetPasswordEn };
        Assert.Equal(expected, results.Hits[0].ArticleId);
    }

    [Fact]
    public async Task Exact_matches_rank_above_typo_matches()
    {
        using var index = await IndexAsync([
            Make(Guid.NewGuid(), "Printer driver", "Install the printer driver.", "en", "hardware", []),
            Make(PrinterEn, "Pointer speed", "Change the pointer speed.", "en", "hardware", []),
        ]);
        var results = await index.SearchAsync("printer");
        Assert.Equal(2, results.Total);
        Assert.Equal("Printer driver", results.Hits[0].Title);
        Assert.True(results.Hits[0].Score > results.Hits[1].Score);
    }

    [Fact]
    public async Task Phrases_must_match_in_order()
    {
        using var index = await IndexAsync();
        var inOrder = await index.SearchAsync("\"front tray\"");
        Assert.Equal(PrinterEn, inOrder.Hits.Single().ArticleId);
        Assert.False(inOrder.Relaxed);
        // Out of order the phrase matches nothing; rather than nothing, its words answer, and the response says so.
        var reversed = await index.SearchAsync("\"tray front\"");
        Assert.True(reversed.Relaxed);
        Assert.Equal(PrinterEn, reversed.Hits.Single().ArticleId);
        Assert.Equal(WifiFr, (await index.SearchAsync("\"carte réseau\" redémarrez", "fr")).Hits.Single().ArticleId);
    }

    [Fact]
    public async Task Filters_by_category_tag_and_language_with_facets_over_all_matches()
    {
        using var index = await IndexAsync();
        var all = await index.SearchAsync("password", pageSize: 1);
        Assert.Equal(3, all.Total);
        Assert.Single(all.Hits);
        Assert.Equal([new FacetValue("account", 3)], all.Facets.Categories);
        Assert.Equal([new FacetValue("en", 1), new FacetValue("fr", 1), new FacetValue("it", 1)], all.Facets.Languages);
        Assert.Contains(new FacetValue("password", 3), all.Facets.Tags);
        Assert.Contains(new FacetValue("self-service", 1), all.Facets.Tags);

        var french = await index.SearchAsync("password passe", language: "fr", mode: MatchMode.Any);
        Assert.Equal(ResetPasswordFr, french.Hits.Single().ArticleId);

        var network = await index.SearchAsync("connexion connection reset restart redémarrez", category: "network", mode: MatchMode.Any);
        Assert.Equal([VpnEn, WifiFr], network.Hits.Select(h => h.ArticleId).Order());
        Assert.Equal([new FacetValue("network", 2)], network.Facets.Categories);

        var tagged = await index.SearchAsync("connexion connection reset restart", tag: "vpn", mode: MatchMode.Any);
        Assert.Equal(VpnEn, tagged.Hits.Single().ArticleId);
    }

    [Fact]
    public async Task Internal_articles_only_when_asked_and_drafts_never()
    {
        using var index = await IndexAsync();
        Assert.Empty((await index.SearchAsync("server room")).Hits);
        var agents = await index.SearchAsync("server room", includeInternal: true);
        Assert.Equal(ServerRoomEn, agents.Hits.Single().ArticleId);
        Assert.Equal(ArticleVisibility.Internal, agents.Hits[0].Visibility);

        await index.Backend.ApplyAsync([Make(ServerRoomEn, "Server room access procedure", "x", "en", "facilities", [], ArticleVisibility.Draft, revision: 2)], CancellationToken.None);
        Assert.Empty((await index.SearchAsync("server room", includeInternal: true)).Hits);
    }

    [Fact]
    public async Task Snippets_mark_matched_terms_and_escape_html()
    {
        using var index = await IndexAsync();
        var hit = (await index.SearchAsync("forgot password", "en")).Hits[0];
        Assert.Contains("<mark>forgot</mark> your <mark>password</mark>", hit.Snippet, StringComparison.Ordinal);

        var typo = (await index.SearchAsync("pasword", "en")).Hits[0];
        Assert.Contains("<mark>password</mark>", typo.Snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>Passwords</mark>", typo.Snippet, StringComparison.Ordinal);

        var french = (await index.SearchAsync("reseau", "fr")).Hits[0];
        Assert.Contains("<mark>réseau</mark>", french.Snippet, StringComparison.Ordinal);

        var escaped = (await index.SearchAsync("markup filter", "en")).Hits[0];
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; other <mark>markup</mark>", escaped.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", escaped.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typeahead_completes_title_prefixes()
    {
        using var index = await IndexAsync();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(ResetPasswordEn, (await index.Backend.TypeaheadAsync("how to res", null, false, 5, ct)).Single().ArticleId);
        Assert.Equal(ResetPasswordFr, (await index.Backend.TypeaheadAsync("reini", "fr", false, 5, ct)).Single().ArticleId);
        var re = await index.Backend.TypeaheadAsync("re", null, false, 10, ct);
        Assert.Contains(re, s => s.ArticleId == ResetPasswordEn);
        Assert.Contains(re, s => s.ArticleId == WifiFr);
        Assert.DoesNotContain(await index.Backend.TypeaheadAsync("serv", null, false, 5, ct), s => s.ArticleId == ServerRoomEn);
        Assert.Contains(await index.Backend.TypeaheadAsync("serv", null, true, 5, ct), s => s.ArticleId == ServerRoomEn);
    }

    [Fact]
    public async Task Pages_through_results_without_overlap()
    {
        var articles = Enumerable.Range(1, 25).Select(i => Make(Guid.NewGuid(), $"Network switch {i}", $"Switch number {i} in rack {i % 3}.", "en", "network", [])).ToList();
        using var index = await IndexAsync(articles);
        var pages = new List<SearchResults>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await index.SearchAsync("switch", page: page, pageSize: 10));
        }
        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal([10, 10, 5], pages.Select(p => p.Hits.Count));
        Assert.Equal(25, pages.SelectMany(p => p.Hits).Select(h => h.ArticleId).Distinct().Count());
        Assert.Empty((await index.SearchAsync("switch", page: 4, pageSize: 10)).Hits);
    }

    [Fact]
    public async Task Older_revisions_never_overwrite_newer_ones()
    {
        using var index = await IndexAsync([Make(VpnEn, "VPN v2", "Use the new gateway.", "en", "network", [], revision: 2)]);
        await index.Backend.ApplyAsync([Make(VpnEn, "VPN v1", "Use the old gateway.", "en", "network", [], revision: 1)], CancellationToken.None);
        Assert.Equal("VPN v2", (await index.SearchAsync("gateway")).Hits.Single().Title);

        await index.Backend.ApplyAsync([IndexedArticle.Tombstone(VpnEn, 3, 2, DateTimeOffset.UtcNow)], CancellationToken.None);
        await index.Backend.ApplyAsync([Make(VpnEn, "VPN v2", "Use the new gateway.", "en", "network", [], revision: 2)], CancellationToken.None);
        Assert.Empty((await index.SearchAsync("gateway")).Hits);
    }

    [Fact]
    public async Task Empty_or_stop_word_queries_find_nothing()
    {
        using var index = await IndexAsync();
        Assert.Empty((await index.SearchAsync("the", "en")).Hits);
        Assert.Empty((await index.SearchAsync("\"\"")).Hits);
        Assert.Empty((await index.SearchAsync("!!! ???")).Hits);
    }
}
