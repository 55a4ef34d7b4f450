using System.Globalization;

namespace HelpDesk.Intake.Domain;

/// <summary>Messages of catalogue-form validation in the requester's language (en, fr, it; others read English).</summary>
public static class AnswerMessages
{
    private static readonly Dictionary<string, (string En, string Fr, string It)> Texts = new(StringComparer.Ordinal)
    {
        ["required"] = ("'{0}' is required.", "« {0} » est obligatoire.", "« {0} » è obbligatorio."),
        ["text"] = ("'{0}' must be text.", "« {0} » doit être un texte.", "« {0} » deve essere un testo."),
        ["tooLong"] = ("'{0}' must be at most {1} characters.", "« {0} » doit contenir au plus {1} caractères.", "« {0} » deve contenere al massimo {1} caratteri."),
        ["tooShort"] = ("'{0}' must be at least {1} characters.", "« {0} » doit contenir au moins {1} caractères.", "« {0} » deve contenere almeno {1} caratteri."),
        ["control"] = ("'{0}' contains control characters.", "« {0} » contient des caractères de contrôle.", "« {0} » contiene caratteri di controllo."),
        ["pattern"] = ("'{0}' is not in the expected format.", "« {0} » n'est pas au format attendu.", "« {0} » non è nel formato previsto."),
        ["number"] = ("'{0}' must be a number.", "« {0} » doit être un nombre.", "« {0} » deve essere un numero."),
        ["integer"] = ("'{0}' must be a whole number.", "« {0} » doit être un nombre entier.", "« {0} » deve essere un numero intero."),
        ["min"] = ("'{0}' must be at least {1}.", "« {0} » doit être au moins {1}.", "« {0} » deve essere almeno {1}."),
        ["max"] = ("'{0}' must be at most {1}.", "« {0} » doit être au plus {1}.", "« {0} » deve essere al massimo {1}."),
        ["boolean"] = ("'{0}' must be true or false.", "« {0} » doit être vrai ou faux.", "« {0} » deve essere vero o falso."),
        ["date"] = ("'{0}' must be a date (YYYY-MM-DD).", "« {0} » doit être une date (AAAA-MM-JJ).", "« {0} » deve essere una data (AAAA-MM-GG)."),
        ["email"] = ("'{0}' must be an e-mail address.", "« {0} » doit être une adresse e-mail.", "« {0} » deve essere un indirizzo e-mail."),
        ["url"] = ("'{0}' must be an http(s) address.", "« {0} » doit être une adresse http(s).", "« {0} » deve essere un indirizzo http(s)."),
        ["option"] = ("'{0}' must be one of: {1}.", "« {0} » doit être l'une des valeurs : {1}.", "« {0} » deve essere uno tra: {1}."),
        ["list"] = ("'{0}' must be a list of choices.", "« {0} » doit être une liste de choix.", "« {0} » deve essere un elenco di scelte."),
        ["tooMany"] = ("'{0}' allows at most {1} choices.", "« {0} » permet au plus {1} choix.", "« {0} » consente al massimo {1} scelte."),
        ["duplicate"] = ("'{0}' lists a choice twice.", "« {0} » contient deux fois le même choix.", "« {0} » contiene due volte la stessa scelta."),
        ["unknown"] = ("'{0}' is not a question of this form.", "« {0} » n'est pas une question de ce formulaire.", "« {0} » non è una domanda di questo modulo."),
        ["noItem"] = ("Answers need a catalogue item.", "Les réponses nécessitent un élément du catalogue.", "Le risposte richiedono una voce del catalogo."),
        ["unknownItem"] = ("'{0}' is not in the service catalogue.", "« {0} » ne figure pas dans le catalogue de services.", "« {0} » non è nel catalogo dei servizi."),
        ["retired"] = ("'{0}' can no longer be requested.", "« {0} » ne peut plus être demandé.", "« {0} » non può più essere richiesto."),
    };

    public static string Get(string key, string? language, params object[] args)
    {
        var (en, fr, it) = Texts[key];
        var lang = (language ?? "en").ToLowerInvariant();
        var template = lang.StartsWith("fr", StringComparison.Ordinal) ? fr : lang.StartsWith("it", StringComparison.Ordinal) ? it : en;
        return string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
