using HelpDesk.Messaging.Persistence;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.KnowledgeBase.Tests;

public sealed class BackendSelectionTests
{
    [Theory]
    [InlineData(null, typeof(LuceneSearchBackend))]
    [InlineData("Lucene", typeof(LuceneSearchBackend))]
    [InlineData("Elasticsearch", typeof(ElasticsearchSearchBackend))]
    public async Task Configuration_picks_the_search_backend(string? backend, Type expected)
    {
        using var data = new TempDirectory("kb-select");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = data.Path;
        builder.Configuration["KnowledgeBase:SearchBackend"] = backend;
        builder.Configuration["ConnectionStrings:elasticsearch"] = "http://127.0.0.1:9";
        builder.AddServiceDefaults();
        builder.AddKnowledgeBase();
        await using var app = builder.Build();
        Assert.IsType(expected, app.Services.GetRequiredService<ISearchBackend>());
    }
}
