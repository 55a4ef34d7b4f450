using E = HelpDesk.Notifications.Domain.NotificationEventTypes;

namespace HelpDesk.Notifications.Templates;

/// <summary>
/// Built-in templates per event type and language (en, fr, it). The HTML part is derived from the text template,
/// rendered with HTML encoding, unless an override supplies its own. Subjects always carry the ticket number.
/// </summary>
public static class DefaultTemplates
{
    public const string FallbackLanguage = "en";

    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "it"];

    private const string Greeting = "{% if recipient.name != blank %}{{ recipient.name }}{% else %}{{ recipient.email }}{% endif %}";

    private static readonly Dictionary<(string, string), TemplateSet> Templates = new()
    {
        [(E.TicketSubmitted, "en")] = new("[{{ ticket.number }}] We received your request: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\nWe received your request \"{{ ticket.subject }}\" and logged it as {{ ticket.number }} (priority {{ event.priority }}).\n\nReply to this e-mail to add information; keep {{ ticket.number }} in the subject."),
        [(E.TicketSubmitted, "fr")] = new("[{{ ticket.number }}] Nous avons reçu votre demande : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\nNous avons reçu votre demande « {{ ticket.subject }} », enregistrée sous le numéro {{ ticket.number }} (priorité {{ event.priority }}).\n\nRépondez à ce message pour ajouter des informations en gardant {{ ticket.number }} dans l'objet."),
        [(E.TicketSubmitted, "it")] = new("[{{ ticket.number }}] Abbiamo ricevuto la sua richiesta: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\nAbbiamo ricevuto la sua richiesta \"{{ ticket.subject }}\", registrata come {{ ticket.number }} (priorità {{ event.priority }}).\n\nRisponda a questa e-mail per aggiungere informazioni, mantenendo {{ ticket.number }} nell'oggetto."),

        [(E.TicketStatusChanged, "en")] = new("[{{ ticket.number }}] Status changed to {{ event.to }}: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\nThe status of {{ ticket.number }} \"{{ ticket.subject }}\" changed from {{ event.from }} to {{ event.to }}.{% if event.reason != blank %}\n\nReason: {{ event.reason }}{% endif %}"),
        [(E.TicketStatusChanged, "fr")] = new("[{{ ticket.number }}] Nouveau statut {{ event.to }} : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\nLe statut de {{ ticket.number }} « {{ ticket.subject }} » est passé de {{ event.from }} à {{ event.to }}.{% if event.reason != blank %}\n\nMotif : {{ event.reason }}{% endif %}"),
        [(E.TicketStatusChanged, "it")] = new("[{{ ticket.number }}] Nuovo stato {{ event.to }}: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\nLo stato di {{ ticket.number }} \"{{ ticket.subject }}\" è passato da {{ event.from }} a {{ event.to }}.{% if event.reason != blank %}\n\nMotivo: {{ event.reason }}{% endif %}"),

        [(E.TicketCommented, "en")] = new("[{{ ticket.number }}] New comment: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\n{{ event.author }} wrote on {{ ticket.number }}:\n\n{{ event.body }}\n\nReply to this e-mail to answer."),
        [(E.TicketCommented, "fr")] = new("[{{ ticket.number }}] Nouveau commentaire : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\n{{ event.author }} a écrit sur {{ ticket.number }} :\n\n{{ event.body }}\n\nRépondez à ce message pour répondre."),
        [(E.TicketCommented, "it")] = new("[{{ ticket.number }}] Nuovo commento: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\n{{ event.author }} ha scritto su {{ ticket.number }}:\n\n{{ event.body }}\n\nRisponda a questa e-mail per rispondere."),

        [(E.TicketResolved, "en")] = new("[{{ ticket.number }}] Resolved: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\n{{ ticket.number }} \"{{ ticket.subject }}\" has been resolved.{% if event.resolution != blank %}\n\nResolution: {{ event.resolution }}{% endif %}\n\nIf the problem is not solved, reply to this e-mail and the ticket will be reopened."),
        [(E.TicketResolved, "fr")] = new("[{{ ticket.number }}] Résolu : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\n{{ ticket.number }} « {{ ticket.subject }} » a été résolu.{% if event.resolution != blank %}\n\nRésolution : {{ event.resolution }}{% endif %}\n\nSi le problème persiste, répondez à ce message et le ticket sera rouvert."),
        [(E.TicketResolved, "it")] = new("[{{ ticket.number }}] Risolto: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\n{{ ticket.number }} \"{{ ticket.subject }}\" è stato risolto.{% if event.resolution != blank %}\n\nSoluzione: {{ event.resolution }}{% endif %}\n\nSe il problema persiste, risponda a questa e-mail e il ticket verrà riaperto."),

        [(E.TicketMerged, "en")] = new("[{{ ticket.number }}] Merged into {{ event.targetTicketNumber }}: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\nYour request {{ ticket.number }} \"{{ ticket.subject }}\" reports the same issue as {{ event.targetTicketNumber }}, so we merged them. You will now receive the updates of {{ event.targetTicketNumber }}; reply to those e-mails to add information."),
        [(E.TicketMerged, "fr")] = new("[{{ ticket.number }}] Fusionné avec {{ event.targetTicketNumber }} : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\nVotre demande {{ ticket.number }} « {{ ticket.subject }} » signale le même problème que {{ event.targetTicketNumber }} : nous les avons fusionnées. Vous recevrez désormais les mises à jour de {{ event.targetTicketNumber }} ; répondez à ces messages pour ajouter des informations."),
        [(E.TicketMerged, "it")] = new("[{{ ticket.number }}] Unito a {{ event.targetTicketNumber }}: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\nLa sua richiesta {{ ticket.number }} \"{{ ticket.subject }}\" segnala lo stesso problema di {{ event.targetTicketNumber }}, quindi le abbiamo unite. D'ora in poi riceverà gli aggiornamenti di {{ event.targetTicketNumber }}; risponda a quelle e-mail per aggiungere informazioni."),

        [(E.MajorIncidentRaised, "en")] = new("[{{ ticket.number }}] Possible major incident in {{ event.queue }}: {{ event.linkedCount }} similar {{ event.category }} incidents",
            "Hello " + Greeting + ",\n\n{{ event.linkedCount }} similar incidents in {{ event.category }} reached queue {{ event.queue }} since {{ event.firstSeenAt }}. They are linked to major-incident candidate {{ ticket.number }} ({{ event.majorIncidentId }}): confirm or dismiss it in the agent workspace."),
        [(E.MajorIncidentRaised, "fr")] = new("[{{ ticket.number }}] Incident majeur possible dans {{ event.queue }} : {{ event.linkedCount }} incidents {{ event.category }} similaires",
            "Bonjour " + Greeting + ",\n\n{{ event.linkedCount }} incidents similaires de la catégorie {{ event.category }} sont arrivés dans la file {{ event.queue }} depuis {{ event.firstSeenAt }}. Ils sont liés au candidat incident majeur {{ ticket.number }} ({{ event.majorIncidentId }}) : confirmez-le ou écartez-le dans l'espace agent."),
        [(E.MajorIncidentRaised, "it")] = new("[{{ ticket.number }}] Possibile incidente maggiore in {{ event.queue }}: {{ event.linkedCount }} incidenti {{ event.category }} simili",
            "Buongiorno " + Greeting + ",\n\n{{ event.linkedCount }} incidenti simili della categoria {{ event.category }} sono arrivati nella coda {{ event.queue }} dal {{ event.firstSeenAt }}. Sono collegati al candidato incidente maggiore {{ ticket.number }} ({{ event.majorIncidentId }}): lo confermi o lo scarti nell'area agenti."),

        [(E.TicketClosed, "en")] = new("[{{ ticket.number }}] Closed: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\n{{ ticket.number }} \"{{ ticket.subject }}\" is now closed. Thank you."),
        [(E.TicketClosed, "fr")] = new("[{{ ticket.number }}] Clôturé : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\n{{ ticket.number }} « {{ ticket.subject }} » est maintenant clôturé. Merci."),
        [(E.TicketClosed, "it")] = new("[{{ ticket.number }}] Chiuso: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\n{{ ticket.number }} \"{{ ticket.subject }}\" è ora chiuso. Grazie."),

        [(E.TicketReopened, "en")] = new("[{{ ticket.number }}] Reopened: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\n{{ ticket.number }} \"{{ ticket.subject }}\" has been reopened.{% if event.reason != blank %}\n\nReason: {{ event.reason }}{% endif %}"),
        [(E.TicketReopened, "fr")] = new("[{{ ticket.number }}] Rouvert : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\n{{ ticket.number }} « {{ ticket.subject }} » a été rouvert.{% if event.reason != blank %}\n\nMotif : {{ event.reason }}{% endif %}"),
        [(E.TicketReopened, "it")] = new("[{{ ticket.number }}] Riaperto: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\n{{ ticket.number }} \"{{ ticket.subject }}\" è stato riaperto.{% if event.reason != blank %}\n\nMotivo: {{ event.reason }}{% endif %}"),

        [(E.TicketRouted, "en")] = new("[{{ ticket.number }}] New ticket in queue {{ event.queue }}: {{ ticket.subject }}",
            "Hello,\n\n{{ ticket.number }} \"{{ ticket.subject }}\" was routed to queue {{ event.queue }} (category {{ event.category }}, decided by {{ event.decidedBy }})."),
        [(E.TicketRouted, "fr")] = new("[{{ ticket.number }}] Nouveau ticket dans la file {{ event.queue }} : {{ ticket.subject }}",
            "Bonjour,\n\n{{ ticket.number }} « {{ ticket.subject }} » a été orienté vers la file {{ event.queue }} (catégorie {{ event.category }}, décision : {{ event.decidedBy }})."),
        [(E.TicketRouted, "it")] = new("[{{ ticket.number }}] Nuovo ticket nella coda {{ event.queue }}: {{ ticket.subject }}",
            "Buongiorno,\n\n{{ ticket.number }} \"{{ ticket.subject }}\" è stato assegnato alla coda {{ event.queue }} (categoria {{ event.category }}, deciso da {{ event.decidedBy }})."),

        [(E.TicketAssigned, "en")] = new("[{{ ticket.number }}] Assigned to you: {{ ticket.subject }}",
            "Hello {{ event.agentName }},\n\n{{ ticket.number }} \"{{ ticket.subject }}\" in queue {{ event.queue }} is now assigned to you."),
        [(E.TicketAssigned, "fr")] = new("[{{ ticket.number }}] Vous a été attribué : {{ ticket.subject }}",
            "Bonjour {{ event.agentName }},\n\n{{ ticket.number }} « {{ ticket.subject }} » de la file {{ event.queue }} vous est maintenant attribué."),
        [(E.TicketAssigned, "it")] = new("[{{ ticket.number }}] Assegnato a lei: {{ ticket.subject }}",
            "Buongiorno {{ event.agentName }},\n\n{{ ticket.number }} \"{{ ticket.subject }}\" della coda {{ event.queue }} è ora assegnato a lei."),

        [(E.TicketApprovalRequested, "en")] = new("[{{ ticket.number }}] {% if event.isReminder %}Reminder: approval{% elsif event.isEscalation %}Escalated: approval{% else %}Approval{% endif %} requested: {{ event.catalogItem }}",
            "Hello,\n\n{% if event.isReminder %}This is a reminder: y{% elsif event.isEscalation %}The approval was escalated to you: y{% else %}Y{% endif %}our approval is requested for \"{{ event.catalogItem }}\" ({{ ticket.number }}{% if ticket.requesterName != blank %}, requested by {{ ticket.requesterName }}{% endif %}){% if event.stageName != blank %}, stage \"{{ event.stageName }}\"{% endif %}."
            + "{% if event.approveUrl != blank %}\n\nApprove: {{ event.approveUrl }}\nReject: {{ event.rejectUrl }}\n\nEach link works once{% if event.linksExpireAt != blank %}, until {{ event.linksExpireAt }}{% endif %}.{% endif %}"),
        [(E.TicketApprovalRequested, "fr")] = new("[{{ ticket.number }}] {% if event.isReminder %}Rappel : approbation{% elsif event.isEscalation %}Escalade : approbation{% else %}Approbation{% endif %} demandée : {{ event.catalogItem }}",
            "Bonjour,\n\n{% if event.isReminder %}Rappel : v{% elsif event.isEscalation %}L'approbation vous a été transmise par escalade : v{% else %}V{% endif %}otre approbation est demandée pour « {{ event.catalogItem }} » ({{ ticket.number }}{% if ticket.requesterName != blank %}, demandé par {{ ticket.requesterName }}{% endif %}){% if event.stageName != blank %}, étape « {{ event.stageName }} »{% endif %}."
            + "{% if event.approveUrl != blank %}\n\nApprouver : {{ event.approveUrl }}\nRefuser : {{ event.rejectUrl }}\n\nChaque lien ne sert qu'une fois{% if event.linksExpireAt != blank %}, jusqu'au {{ event.linksExpireAt }}{% endif %}.{% endif %}"),
        [(E.TicketApprovalRequested, "it")] = new("[{{ ticket.number }}] {% if event.isReminder %}Promemoria: approvazione{% elsif event.isEscalation %}Escalation: approvazione{% else %}Approvazione{% endif %} richiesta: {{ event.catalogItem }}",
            "Buongiorno,\n\n{% if event.isReminder %}Promemoria: è{% elsif event.isEscalation %}L'approvazione le è stata inoltrata per escalation: è{% else %}È{% endif %} richiesta la sua approvazione per \"{{ event.catalogItem }}\" ({{ ticket.number }}{% if ticket.requesterName != blank %}, richiesto da {{ ticket.requesterName }}{% endif %}){% if event.stageName != blank %}, fase \"{{ event.stageName }}\"{% endif %}."
            + "{% if event.approveUrl != blank %}\n\nApprovare: {{ event.approveUrl }}\nRifiutare: {{ event.rejectUrl }}\n\nOgni link vale una sola volta{% if event.linksExpireAt != blank %}, fino al {{ event.linksExpireAt }}{% endif %}.{% endif %}"),

        [(E.SlaWarningRaised, "en")] = new("[{{ ticket.number }}] SLA warning ({{ event.thresholdPercent }}%): {{ ticket.subject }}",
            "Hello,\n\n{{ ticket.number }} \"{{ ticket.subject }}\" has used {{ event.thresholdPercent }}% of its {{ event.metric }} target under policy {{ event.policy }}. Due at {{ event.dueAt }}."),
        [(E.SlaWarningRaised, "fr")] = new("[{{ ticket.number }}] Alerte SLA ({{ event.thresholdPercent }} %) : {{ ticket.subject }}",
            "Bonjour,\n\n{{ ticket.number }} « {{ ticket.subject }} » a consommé {{ event.thresholdPercent }} % de son objectif {{ event.metric }} (politique {{ event.policy }}). Échéance : {{ event.dueAt }}."),
        [(E.SlaWarningRaised, "it")] = new("[{{ ticket.number }}] Avviso SLA ({{ event.thresholdPercent }}%): {{ ticket.subject }}",
            "Buongiorno,\n\n{{ ticket.number }} \"{{ ticket.subject }}\" ha usato il {{ event.thresholdPercent }}% del suo obiettivo {{ event.metric }} (policy {{ event.policy }}). Scadenza: {{ event.dueAt }}."),

        [(E.SlaBreached, "en")] = new("[{{ ticket.number }}] SLA breached: {{ ticket.subject }}",
            "Hello,\n\n{{ ticket.number }} \"{{ ticket.subject }}\" breached its {{ event.metric }} target under policy {{ event.policy }} (due {{ event.dueAt }})."),
        [(E.SlaBreached, "fr")] = new("[{{ ticket.number }}] SLA dépassé : {{ ticket.subject }}",
            "Bonjour,\n\n{{ ticket.number }} « {{ ticket.subject }} » a dépassé son objectif {{ event.metric }} (politique {{ event.policy }}, échéance {{ event.dueAt }})."),
        [(E.SlaBreached, "it")] = new("[{{ ticket.number }}] SLA violato: {{ ticket.subject }}",
            "Buongiorno,\n\n{{ ticket.number }} \"{{ ticket.subject }}\" ha violato il suo obiettivo {{ event.metric }} (policy {{ event.policy }}, scadenza {{ event.dueAt }})."),

        [(E.KbArticlesSuggested, "en")] = new("[{{ ticket.number }}] These articles may solve your request: {{ ticket.subject }}",
            "Hello " + Greeting + ",\n\nWhile an agent looks at {{ ticket.number }}, these articles may already answer it:\n{% for article in event.articles %}\n- {{ article.title }}{% if article.url != blank %}: {{ article.url }}{% endif %}{% endfor %}\n\nIf one solves your problem, reply \"solved\" and we will close the ticket."),
        [(E.KbArticlesSuggested, "fr")] = new("[{{ ticket.number }}] Ces articles peuvent répondre à votre demande : {{ ticket.subject }}",
            "Bonjour " + Greeting + ",\n\nEn attendant qu'un agent traite {{ ticket.number }}, ces articles peuvent déjà y répondre :\n{% for article in event.articles %}\n- {{ article.title }}{% if article.url != blank %} : {{ article.url }}{% endif %}{% endfor %}\n\nSi l'un d'eux résout votre problème, répondez « résolu » et nous clôturerons le ticket."),
        [(E.KbArticlesSuggested, "it")] = new("[{{ ticket.number }}] Questi articoli potrebbero risolvere la sua richiesta: {{ ticket.subject }}",
            "Buongiorno " + Greeting + ",\n\nIn attesa che un operatore prenda in carico {{ ticket.number }}, questi articoli potrebbero già rispondere:\n{% for article in event.articles %}\n- {{ article.title }}{% if article.url != blank %}: {{ article.url }}{% endif %}{% endfor %}\n\nSe uno di questi risolve il problema, risponda \"risolto\" e chiuderemo il ticket."),

        [(E.ApprovalReplyRefused, "en")] = new("[{{ ticket.number }}] Your reply did not decide the approval",
            "Hello,\n\nYour e-mail reply about {{ ticket.number }} was not recorded as a decision: {{ event.detail }}\n\n"
            + "Only the approver the request was sent to can decide by replying, once, while the approval is open."),
        [(E.ApprovalReplyRefused, "fr")] = new("[{{ ticket.number }}] Votre réponse n'a pas décidé l'approbation",
            "Bonjour,\n\nVotre réponse par e-mail concernant {{ ticket.number }} n'a pas été enregistrée comme décision : {{ event.detail }}\n\n"
            + "Seul l'approbateur à qui la demande a été envoyée peut décider en répondant, une seule fois, tant que l'approbation est ouverte."),
        [(E.ApprovalReplyRefused, "it")] = new("[{{ ticket.number }}] La sua risposta non ha deciso l'approvazione",
            "Buongiorno,\n\nLa sua risposta via e-mail su {{ ticket.number }} non è stata registrata come decisione: {{ event.detail }}\n\n"
            + "Solo l'approvatore a cui è stata inviata la richiesta può decidere rispondendo, una sola volta, finché l'approvazione è aperta."),
    };

    public static TemplateSet? Find(string eventType, string language) =>
        Templates.TryGetValue((eventType, language), out var set) ? set : null;

    public static bool IsKnownLanguage(string language) => Languages.Contains(language);

    internal static IEnumerable<(string EventType, string Language)> Keys => Templates.Keys;

    internal static void EnsureComplete()
    {
        foreach (var type in NotificationEventTypes.All)
        {
            foreach (var language in Languages)
            {
                if (!Templates.ContainsKey((type.Name, language)))
                {
                    throw new InvalidOperationException($"Missing default template {type.Name}/{language}.");
                }
            }
        }
    }
}
