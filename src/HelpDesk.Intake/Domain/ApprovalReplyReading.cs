using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpDesk.Intake.Domain;

/// <summary>
/// Reads the decision of an e-mail reply to an approval request: the first non-empty line must begin with a decision
/// word in English, French or Italian ("Approve", "Approuvé", "Rifiuto"…), optionally followed by a comment on the
/// same line and the lines below it, up to the quoted original. Anything else (a question, "yes", "no problem") is not a
/// decision: the mail is handled as an ordinary reply, so an approver is never taken to decide what they did not write.
/// </summary>
public static partial class ApprovalReplyReading
{
    public const int CommentMaxLength = 2000;

    private static readonly HashSet<string> ApproveWords = new(StringComparer.Ordinal)
    {
        "approve", "approved", "accept", "accepted",
        "approuver", "approuve", "approuvee", "j'approuve", "accepter", "accepte", "acceptee",
        "approvare", "approvo", "approvato", "approvata", "approva", "accetto", "accettato",
    };

    private static readonly HashSet<string> RejectWords = new(StringComparer.Ordinal)
    {
        "reject", "rejected", "decline", "declined", "deny", "denied",
        "rejeter", "rejette", "rejete", "rejetee", "refuser", "refuse", "refusee", "je refuse",
        "rifiutare", "rifiuto", "rifiutato", "rifiutata", "respingere", "respingo", "respinto", "respinta",
    };

    /// <summary>The decision and comment, or null when the first line does not begin with a decision word.</summary>
    public static (bool Approve, string? Comment)? Read(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            return null;
        }
        var match = DecisionLine().Match(lines[first].Trim());
        if (!match.Success)
        {
            return null;
        }
        var word = Fold(match.Groups["word"].Value);
        bool approve;
        if (ApproveWords.Contains(word))
        {
            approve = true;
        }
        else if (RejectWords.Contains(word))
        {
            approve = false;
        }
        else
        {
            return null;
        }
        var comment = new StringBuilder(match.Groups["rest"].Value.Trim());
        foreach (var line in lines.Skip(first + 1).TakeWhile(l => !IsQuoteStart(l)))
        {
            comment.Append('\n').Append(line.TrimEnd());
        }
        var text = comment.ToString().Trim();
        return (approve, text.Length == 0 ? null : text.Length <= CommentMaxLength ? text : text[..CommentMaxLength]);
    }

    /// <summary>Where the quoted original (or a signature) begins, in the forms common mail clients write.</summary>
    private static bool IsQuoteStart(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith('>') || trimmed == "--" || trimmed.StartsWith("-----", StringComparison.Ordinal)
            || QuoteHeader().IsMatch(trimmed);
    }

    /// <summary>Lower case without accents and with a typographic apostrophe made plain ("Approuvé" → "approuve").</summary>
    private static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Replace('’', '\'').Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            plain.Append(c);
        }
        return Whitespace().Replace(plain.ToString(), " ");
    }

    // The word (or "j'approuve", "je refuse"), then the end of the line or a separator; "approve?" is a question, not a decision.
    [GeneratedRegex(@"^[*_\s]*(?<word>(?:j['’]\s*|je\s+)?\p{L}+)[*_]*[!.]*(?:$|[\s:;,–—-]+(?<rest>.*)$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DecisionLine();

    [GeneratedRegex(@"^(On .+ wrote:|Le .+ a écrit\s?:|Il giorno .+ ha scritto:|Il .+ ha scritto:|From: .+|De : .+|Da: .+)$", RegexOptions.CultureInvariant)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
