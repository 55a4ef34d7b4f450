using HelpDesk.Contracts;
using HelpDesk.KnowledgeBase.Domain;
using HelpDesk.KnowledgeBase.Infrastructure.Search;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>
/// Deterministic synthetic IT-support articles in English, French and Italian (a third each), with categories,
/// tags and a ~10% share of internal articles, plus a query mix drawn from the same vocabulary
/// (plain words, typos, phrases, language and category filters).
/// </summary>
internal sealed class KbArticleGenerator(int seed = 42)
{
    private static readonly string[] Categories = ["account", "network", "hardware", "software", "email", "security", "telephony", "facilities"];

    private static readonly Dictionary<string, string[]> Subjects = new()
    {
        ["en"] = ["password", "printer", "VPN", "laptop", "mailbox", "Wi-Fi", "monitor", "badge", "Teams meeting", "shared drive", "certificate", "keyboard", "docking station", "firewall rule", "software licence", "phone line", "calendar", "backup", "antivirus", "browser"],
        ["fr"] = ["mot de passe", "imprimante", "VPN", "ordinateur portable", "boîte aux lettres", "réseau Wi-Fi", "écran", "badge", "réunion Teams", "lecteur partagé", "certificat", "clavier", "station d'accueil", "règle de pare-feu", "licence logicielle", "ligne téléphonique", "calendrier", "sauvegarde", "antivirus", "navigateur"],
        ["it"] = ["password", "stampante", "VPN", "portatile", "casella di posta", "rete Wi-Fi", "monitor", "badge", "riunione Teams", "cartella condivisa", "certificato", "tastiera", "docking station", "regola del firewall", "licenza software", "linea telefonica", "calendario", "backup", "antivirus", "browser"],
    };

    private static readonly Dictionary<string, string[]> Problems = new()
    {
        ["en"] = ["does not work", "is very slow", "keeps disconnecting", "shows an error", "cannot be reset", "is locked", "needs an update", "is missing", "stopped syncing", "asks for credentials again"],
        ["fr"] = ["ne fonctionne pas", "est très lent", "se déconnecte sans cesse", "affiche une erreur", "ne peut pas être réinitialisé", "est bloqué", "doit être mis à jour", "est introuvable", "ne se synchronise plus", "redemande les identifiants"],
        ["it"] = ["non funziona", "è molto lento", "si disconnette continuamente", "mostra un errore", "non può essere reimpostato", "è bloccato", "deve essere aggiornato", "non si trova", "non si sincronizza più", "chiede di nuovo le credenziali"],
    };

    private static readonly Dictionary<string, string[]> Steps = new()
    {
        ["en"] = ["Restart the device and sign in again with your company account.", "Open the self-service portal and choose the repair option.", "Check that the cable is connected and the status light is green.", "Clear the cache of the application and try once more.", "Install the latest update from the software centre.", "If the problem persists, open a ticket with the service desk.", "Make sure your password has not expired in the last days.", "Disconnect from the VPN before changing network settings.", "Ask your manager to approve the access request first.", "Agents can reset the configuration from the admin console."],
        ["fr"] = ["Redémarrez l'appareil et reconnectez-vous avec votre compte d'entreprise.", "Ouvrez le portail libre-service et choisissez l'option de réparation.", "Vérifiez que le câble est branché et que le voyant est vert.", "Videz le cache de l'application et réessayez.", "Installez la dernière mise à jour depuis le centre logiciel.", "Si le problème persiste, ouvrez un ticket auprès du support.", "Vérifiez que votre mot de passe n'a pas expiré ces derniers jours.", "Déconnectez-vous du VPN avant de modifier les paramètres réseau.", "Demandez d'abord à votre responsable d'approuver la demande d'accès.", "Les agents peuvent réinitialiser la configuration depuis la console d'administration."],
        ["it"] = ["Riavvia il dispositivo e accedi di nuovo con l'account aziendale.", "Apri il portale self-service e scegli l'opzione di riparazione.", "Controlla che il cavo sia collegato e che la spia sia verde.", "Svuota la cache dell'applicazione e riprova.", "Installa l'ultimo aggiornamento dal centro software.", "Se il problema persiste, apri un ticket con l'assistenza.", "Verifica che la password non sia scaduta negli ultimi giorni.", "Disconnettiti dalla VPN prima di cambiare le impostazioni di rete.", "Chiedi prima al responsabile di approvare la richiesta di accesso.", "Gli agenti possono reimpostare la configurazione dalla console di amministrazione."],
    };

    private static readonly Dictionary<string, string[]> QueryWords = new()
    {
        ["en"] = ["password", "printer", "vpn", "laptop", "mailbox", "monitor", "badge", "certificate", "keyboard", "backup", "slow", "error", "locked", "update", "restart", "cache", "cable", "portal", "credentials", "firewall"],
        ["fr"] = ["imprimante", "réseau", "écran", "certificat", "clavier", "sauvegarde", "lent", "erreur", "bloqué", "redémarrez", "câble", "portail", "identifiants", "navigateur", "calendrier"],
        ["it"] = ["stampante", "portatile", "tastiera", "certificato", "rete", "lento", "errore", "bloccato", "aggiornamento", "riavvia", "cavo", "credenziali", "calendario", "cartella", "licenza"],
    };

    private readonly Random _random = new(seed);

    public IEnumerable<IndexedArticle> Articles(int count)
    {
        var languages = KbLanguages.Supported;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var language = languages[i % languages.Count];
            var subject = Pick(Subjects[language]);
            var problem = Pick(Problems[language]);
            var title = $"{subject} {problem} ({i})";
            var body = string.Join(' ', Enumerable.Range(0, _random.Next(4, 9)).Select(_ => Pick(Steps[language])))
                + $" {subject} {problem}. " + string.Join(' ', Enumerable.Range(0, 2).Select(_ => Pick(Steps[language])));
            var category = Categories[_random.Next(Categories.Length)];
            string[] tags = [Categories[_random.Next(Categories.Length)], $"tag{_random.Next(50)}"];
            var visibility = _random.Next(10) == 0 ? ArticleVisibility.Internal : ArticleVisibility.Published;
            yield return new IndexedArticle(DeterministicGuid(i), 1, 1, title, body, language, category, tags, visibility, start.AddSeconds(i));
        }
    }

    /// <summary>The query mix: 50% one or two words, 20% with a typo, 10% phrases, 20% with a language or category filter.</summary>
    public List<SearchQuery> Queries(int count)
    {
        var queries = new List<SearchQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var language = KbLanguages.Supported[_random.Next(3)];
            var words = QueryWords[language];
            var roll = _random.Next(100);
            queries.Add(roll switch
            {
                < 30 => new SearchQuery(Pick(words)),
                < 50 => new SearchQuery($"{Pick(words)} {Pick(words)}", Mode: MatchMode.Any),
                < 70 => new SearchQuery(Typo(Pick(words.Where(w => w.Length >= 5).ToArray()))),
                < 80 => new SearchQuery($"\"{Pick(Subjects[language]).ToLowerInvariant()}\""),
                < 90 => new SearchQuery(Pick(words), Language: language),
                _ => new SearchQuery(Pick(words), Category: Categories[_random.Next(Categories.Length)]),
            });
        }
        return queries;
    }

    private string Typo(string word)
    {
        var position = _random.Next(1, word.Length - 1);
        return _random.Next(2) == 0
            ? word.Remove(position, 1)
            : word[..position] + word[position + 1] + word[position] + word[(position + 2)..];
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private static Guid DeterministicGuid(int i)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, i);
        bytes[15] = 0x4B;
        return new Guid(bytes);
    }
}
