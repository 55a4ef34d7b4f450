using static HelpDesk.KnowledgeBase.Tests.SampleArticles;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>The relevance rules of issue 19, one behaviour each, on small purpose-made corpora.</summary>
public sealed class RelevanceRulesTests
{
    private static readonly Guid Forgotten = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid WifiCertificate = Guid.Parse("00000000-0000-0000-0000-0000000000a2");
    private static readonly Guid AccessDenied = Guid.Parse("00000000-0000-0000-0000-0000000000a3");
    private static readonly Guid Update = Guid.Parse("00000000-0000-0000-0000-0000000000a4");
    private static readonly Guid FrenchPrinter = Guid.Parse("00000000-0000-0000-0000-0000000000a5");
    private static readonly Guid Notebook = Guid.Parse("00000000-0000-0000-0000-0000000000a6");
    private static readonly Guid Mail = Guid.Parse("00000000-0000-0000-0000-0000000000a7");
    private static readonly Guid Portable = Guid.Parse("00000000-0000-0000-0000-0000000000a8");

    private static IReadOnlyList<IndexedArticle> Corpus() =>
    [
        Make(Forgotten, "Reset a forgotten password", "Open the self-service portal and choose a new one. Passwords need 12 characters.", "en", "account", []),
        Make(WifiCertificate, "Connecting to the corporate Wi-Fi", "Install the certificate from the portal, then pick the HelpDesk-Corp network.", "en", "network", []),
        Make(AccessDenied, "Error 0x80070005 when installing", "Access is denied (0x80070005): run the installer as administrator.", "en", "software", []),
        Make(Update, "KB5034441 fails to install", "The update KB5034441 needs a larger recovery partition.", "en", "software", []),
        Make(FrenchPrinter, "L'imprimante ne répond plus", "Vérifiez le câble et redémarrez l'imprimante du bureau.", "fr", "hardware", []),
        Make(Notebook, "Il portatile non si accende", "Collega l'alimentatore e tieni premuto il tasto di accensione.", "it", "hardware", []),
        Make(Mail, "Setting up e-mail on your phone", "Add the account in the mail app with your company address.", "en", "email", []),
        Make(Portable, "Emprunter un ordinateur portable", "Le service prête des ordinateurs portables pour les déplacements.", "fr", "hardware", []),
    ];

    [Fact]
    public async Task When_most_words_match_nothing_any_word_may_and_the_response_says_relaxed()
    {
        using var index = await IndexAsync(Corpus());
        var results = await index.SearchAsync("forgot my password");
        Assert.True(results.Relaxed);
        Assert.Equal(Forgotten, results.Hits[0].ArticleId);

        var strict = await index.SearchAsync("forgotten password");
        Assert.False(strict.Relaxed);
        Assert.Equal(Forgotten, strict.Hits.Single().ArticleId);
    }

    [Fact]
    public async Task Strict_hits_rank_before_relaxed_ones()
    {
        using var index = await IndexAsync([
            .. Corpus(),
            Make(Guid.NewGuid(), "Printer toner", "Replace the toner when the printer asks.", "en", "hardware", []),
        ]);
        // Only the update article has both words; the relaxed extra (printer) follows it.
        var results = await index.SearchAsync("update printer install");
        Assert.Equal(Update, results.Hits[0].ArticleId);
        Assert.True(results.Total >= 2);
    }

    [Theory]
    [InlineData("wifi certificate")]
    [InlineData("Wi-Fi certificate")]
    [InlineData("wi fi certificate")]
    [InlineData("WIFI")]
    public async Task Hyphenated_words_match_every_spelling(string query)
    {
        using var index = await IndexAsync(Corpus());
        var results = await index.SearchAsync(query);
        Assert.Equal(WifiCertificate, results.Hits[0].ArticleId);
        Assert.False(results.Relaxed);
    }

    [Theory]
    [InlineData("email phone")]
    [InlineData("e-mail phone")]
    [InlineData("e mail phone")]
    public async Task Email_and_e_mail_are_one_word(string query)
    {
        using var index = await IndexAsync(Corpus());
        Assert.Equal(Mail, (await index.SearchAsync(query)).Hits[0].ArticleId);
    }

    [Theory]
    [InlineData("0x80070005", "0000000a3")]
    [InlineData("error 0x80070005", "0000000a3")]
    [InlineData("KB5034441", "0000000a4")]
    [InlineData("kb5034441 install", "0000000a4")]
    [InlineData("5034441", "0000000a4")]
    public async Task Codes_are_searchable_as_written(string query, string idSuffix)
    {
        using var index = await IndexAsync(Corpus());
        var results = await index.SearchAsync(query);
        Assert.EndsWith(idSuffix, results.Hits[0].ArticleId.ToString("N"), StringComparison.Ordinal);
        // Codes are never "corrected": no near spellings of a code are searched.
        Assert.False((await index.SearchAsync("0x80070006")).TypoTolerant);
    }

    [Fact]
    public async Task A_query_without_language_is_read_in_every_language()
    {
        using var index = await IndexAsync(Corpus());
        // "ne" and "pas" are French stop words, "fonctionne" is not in the article: the French reading still finds it.
        var results = await index.SearchAsync("l'imprimante ne fonctionne pas");
        Assert.Equal(FrenchPrinter, results.Hits[0].ArticleId);
        Assert.Equal(FrenchPrinter, (await index.SearchAsync("imprimante")).Hits.Single().ArticleId);
    }

    [Fact]
    public async Task Synonyms_apply_per_language_without_reindexing()
    {
        using var index = await IndexAsync(Corpus());
        Assert.Empty((await index.SearchAsync("notebook", "it")).Hits);
        var before = await index.SearchAsync("forgotten passcode", "en");
        Assert.True(before.Relaxed || before.TypoTolerant);
        Assert.True((await index.SearchAsync("pc portable", "fr")).Relaxed);

        index.Synonyms.Replace([
            ("it", ["portatile", "notebook"]),
            ("fr", ["pc portable", "ordinateur portable"]),
            ("en", ["password", "passcode"]),
        ]);

        var english = await index.SearchAsync("forgotten passcode", "en");
        Assert.Equal(Forgotten, english.Hits.Single().ArticleId);
        Assert.False(english.Relaxed);
        Assert.False(english.TypoTolerant);
        var italian = await index.SearchAsync("notebook non si accende", "it");
        Assert.Equal(Notebook, italian.Hits[0].ArticleId);
        Assert.False(italian.Relaxed);
        // The Italian synonym does not leak into English.
        Assert.Empty((await index.SearchAsync("notebook", "en")).Hits);
        // A multi-word member matches the other multi-word member as a phrase: now a strict match.
        var french = await index.SearchAsync("pc portable", "fr");
        Assert.Equal(Portable, french.Hits[0].ArticleId);
        Assert.False(french.Relaxed);
    }

    [Fact]
    public async Task Did_you_mean_uses_the_knowledge_base_words()
    {
        using var index = await IndexAsync(Corpus());
        var results = await index.SearchAsync("pasword certficate");
        Assert.Equal("password certificate", results.DidYouMean);
        Assert.True(results.TypoTolerant);

        Assert.Null((await index.SearchAsync("password certificate")).DidYouMean);
    }

    [Fact]
    public async Task Typos_cost_nothing_when_the_exact_words_answer()
    {
        using var index = await IndexAsync(Corpus());
        var exact = await index.SearchAsync("certificate");
        Assert.False(exact.TypoTolerant);
        Assert.Null(exact.DidYouMean);
    }

    [Theory]
    [InlineData("+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /")]
    [InlineData("password AND (reset OR \"forgot")]
    [InlineData("title:password^3 pass*word~2 [a TO z]")]
    [InlineData("\"unbalanced quote password")]
    [InlineData("\\\\server\\share /path/to?x=1&y=2")]
    public async Task Query_syntax_is_just_punctuation(string query)
    {
        using var index = await IndexAsync(Corpus());
        var results = await index.SearchAsync(query);
        Assert.NotNull(results);
        if (query.Contains("password", StringComparison.Ordinal))
        {
            Assert.Contains(results.Hits, h => h.ArticleId == Forgotten);
        }
    }

    [Fact]
    public async Task A_very_long_query_is_bounded()
    {
        using var index = await IndexAsync(Corpus());
        var words = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"word{i}")) + " password";
        var results = await index.SearchAsync(words, mode: MatchMode.Any);
        Assert.NotNull(results);
    }
}
