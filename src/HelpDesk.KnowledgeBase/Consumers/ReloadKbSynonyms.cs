using HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;
using MassTransit;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>Any replica changed synonyms: this one reloads them from the database (idempotent, so no inbox).</summary>
public sealed class ReloadKbSynonyms(SynonymCatalog synonyms) : IConsumer<KbSynonymsChanged>
{
    public Task Consume(ConsumeContext<KbSynonymsChanged> context) => synonyms.ReloadAsync(context.CancellationToken);
}
