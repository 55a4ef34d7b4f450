using System.Text;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
public static class CsvReader
{
    public static IEnumerable<string[]> ReadRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            any = true;
            switch ((char)c)
            {
                case '"' when field.Length == 0:
                    ReadQuoted(reader, field);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields.ToArray();
                    fields.Clear();
                    any = false;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }

    /// <summary>Reads a quoted field's content up to its closing quote; a doubled quote is one quote.</summary>
    private static void ReadQuoted(TextReader reader, StringBuilder field)
    {
        int c;
        while ((c = reader.Read()) != -1)
        {
            if (c != '"')
            {
                field.Append((char)c);
            }
            else if (reader.Peek() == '"')
            {
                field.Append('"');
                reader.Read();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reads labelled examples from a CSV with a header. Text comes from a <c>text</c>/<c>document</c> column or from
    /// <c>subject</c> + <c>description</c>; the label from <c>category</c>/<c>label</c>/<c>topic_group</c>.
    /// </summary>
    public static List<LabelledTicket> ReadLabelledTickets(TextReader reader)
    {
        using var records = ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new InvalidDataException("The CSV is empty: expected a header row.");
        }
        var header = CheckHeader(records.Current);
        var text = IndexOf(header, "text", "document");
        var subject = IndexOf(header, "subject", "title");
        var description = IndexOf(header, "description", "body");
        var label = IndexOf(header, "category", "label", "topic_group");
        var language = IndexOf(header, "language", "lang");

        var examples = new List<LabelledTicket>();
        var line = 1;
        while (records.MoveNext())
        {
            line++;
            var row = records.Current;
            if (row.Length == 1 && string.IsNullOrWhiteSpace(row[0]))
            {
                continue;
            }
            if (row.Length != header.Length)
            {
                throw new InvalidDataException($"CSV record {line} has {row.Length} fields; the header has {header.Length}.");
            }
            var content = text >= 0 ? row[text] : $"{(subject >= 0 ? row[subject] : "")} {(description >= 0 ? row[description] : "")}";
            var category = row[label].Trim();
            if (category.Length > 0 && !string.IsNullOrWhiteSpace(content))
            {
                examples.Add(new LabelledTicket(content.Trim(), category, language >= 0 && row[language].Trim().Length > 0 ? row[language].Trim() : null));
            }
        }
        return examples;
    }

    /// <summary>The lower-cased header, or an error naming the missing label or text column.</summary>
    public static string[] CheckHeader(string[] fields)
    {
        var header = fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        if (IndexOf(header, "category", "label", "topic_group") < 0)
        {
            throw new InvalidDataException("The CSV header has no label column (category, label or topic_group).");
        }
        if (IndexOf(header, "text", "document", "subject", "title", "description", "body") < 0)
        {
            throw new InvalidDataException("The CSV header has no text column (text, document, subject or description).");
        }
        return header;
    }

    private static int IndexOf(string[] header, params string[] names)
    {
        foreach (var name in names)
        {
            var index = Array.IndexOf(header, name);
            if (index >= 0)
            {
                return index;
            }
        }
        return -1;
    }
}
