using System.Net.Mail;
using System.Text.RegularExpressions;

namespace HelpDesk.Intake.Api;

/// <summary>Checks a submission (any channel) and normalises it into a <see cref="TicketDraft"/>.</summary>
public static partial class TicketValidation
{
    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[a-z0-9][a-z0-9._:/-]*$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex ContentTypePattern();

    /// <summary>Validates a submission; every bad field is named (camelCase, with indexes for lists).</summary>
    public static TicketDraft? Validate(SubmitTicketRequest request, TicketChannel defaultChannel, IntakeOptions options, Validation validation)
    {
        var subject = request.Subject?.Trim();
        if (string.IsNullOrEmpty(subject)) validation.Add("subject", "A subject is required.");
        else if (subject.Length > TicketLimits.SubjectMaxLength) validation.Add("subject", $"The subject must be at most {TicketLimits.SubjectMaxLength} characters.");

        var description = request.Description?.Trim();
        if (string.IsNullOrEmpty(description)) validation.Add("description", "A description is required.");
        else if (description.Length > TicketLimits.DescriptionMaxLength) validation.Add("description", $"The description must be at most {TicketLimits.DescriptionMaxLength} characters.");

        var (emailField, email, name, organisation) = request.Requester is { } requester
            ? ("requester.email", requester.Email, requester.Name, requester.Organisation)
            : ("requesterEmail", request.RequesterEmail, request.RequesterName, null);
        var nameField = request.Requester is null ? "requesterName" : "requester.name";
        email = email?.Trim();
        if (string.IsNullOrEmpty(email)) validation.Add(emailField, "A requester e-mail address is required.");
        else if (!IsEmailAddress(email)) validation.Add(emailField, $"'{Shorten(email)}' is not a valid e-mail address.");
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name is { Length: > 200 }) validation.Add(nameField, "The requester name must be at most 200 characters.");
        organisation = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim();
        if (organisation is { Length: > 200 }) validation.Add("requester.organisation", "The organisation must be at most 200 characters.");

        var language = string.IsNullOrWhiteSpace(request.Language) ? "en" : request.Language.Trim();
        if (language.Length > 35 || !LanguageTag().IsMatch(language)) validation.Add("language", $"'{Shorten(language)}' is not a language tag such as 'en' or 'pt-BR'.");

        var tags = ValidateTags(request.Tags, options, validation);
        var attachments = ValidateAttachments(request.Attachments, options, validation);

        var catalogItem = string.IsNullOrWhiteSpace(request.CatalogItem) ? null : request.CatalogItem.Trim();
        if (catalogItem is { Length: > 100 }) validation.Add("catalogItem", "The catalogue item must be at most 100 characters.");
        var portal = string.IsNullOrWhiteSpace(request.Portal) ? null : request.Portal.Trim();
        if (portal is { Length: > 100 }) validation.Add("portal", "The portal must be at most 100 characters.");

        var type = request.Type ?? TicketType.Incident;
        if (request.Change is not null && type != TicketType.Change) validation.Add("change", "Only a change (type Change) has a change plan.");
        var change = type == TicketType.Change ? request.Change?.Validate(validation, "change.") : null;

        if (!validation.IsValid)
        {
            return null;
        }
        return new TicketDraft(
            subject!, description!, new Requester(email!.ToLowerInvariant(), name, organisation),
            type, request.Channel ?? defaultChannel,
            request.Impact ?? ImpactLevel.Medium, request.Urgency ?? UrgencyLevel.Medium,
            language, tags, attachments, catalogItem, portal, Change: change);
    }

    private static List<string> ValidateTags(IReadOnlyList<string?>? input, IntakeOptions options, Validation validation) =>
        NormaliseTags(input, "tags", validation, options.MaxTags) ?? [];

    /// <summary>Tags as given, each checked (named <c>{field}[i]</c>), lower-cased and de-duplicated; null when none were given.</summary>
    public static List<string>? NormaliseTags(IReadOnlyList<string?>? input, string field, Validation validation, int maxCount = 100)
    {
        if (input is null)
        {
            return null;
        }
        var tags = new List<string>();
        if (input.Count > maxCount)
        {
            validation.Add(field, $"At most {maxCount} tags are allowed.");
            return tags;
        }
        for (var i = 0; i < input.Count; i++)
        {
            var tag = input[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag)) validation.Add($"{field}[{i}]", "A tag cannot be empty.");
            else if (tag.Length > TicketLimits.TagMaxLength) validation.Add($"{field}[{i}]", $"A tag must be at most {TicketLimits.TagMaxLength} characters.");
            else if (!TagPattern().IsMatch(tag)) validation.Add($"{field}[{i}]", "A tag may contain letters, digits and . _ : / - only.");
            else if (!tags.Contains(tag)) tags.Add(tag);
        }
        return tags;
    }

    private static List<TicketAttachment> ValidateAttachments(IReadOnlyList<AttachmentInput?>? input, IntakeOptions options, Validation validation)
    {
        var attachments = new List<TicketAttachment>();
        if (input is null)
        {
            return attachments;
        }
        if (input.Count > options.MaxAttachments)
        {
            validation.Add("attachments", $"At most {options.MaxAttachments} attachments are allowed.");
            return attachments;
        }
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"attachments[{i}]";
            if (input[i] is not { } attachment)
            {
                validation.Add(field, "An attachment cannot be null.");
                continue;
            }
            var valid = true;
            var name = attachment.Name?.Trim();
            if (string.IsNullOrEmpty(name)) { validation.Add(field + ".name", "A file name is required."); valid = false; }
            else if (name.Length > TicketLimits.AttachmentNameMaxLength || name.IndexOfAny(['/', '\\', '\0']) >= 0)
            {
                validation.Add(field + ".name", $"A file name must be at most {TicketLimits.AttachmentNameMaxLength} characters without path separators.");
                valid = false;
            }
            if (attachment.SizeBytes is not { } size || size < 0 || size > options.MaxAttachmentBytes)
            {
                validation.Add(field + ".sizeBytes", $"The size must be between 0 and {options.MaxAttachmentBytes} bytes.");
                valid = false;
            }
            var contentType = attachment.ContentType?.Trim();
            if (contentType is not null && !ContentTypePattern().IsMatch(contentType))
            {
                validation.Add(field + ".contentType", $"'{Shorten(contentType)}' is not a media type such as 'image/png'.");
                valid = false;
            }
            var url = attachment.Url?.Trim();
            if (url is not null && (url.Length > TicketLimits.UrlMaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                validation.Add(field + ".url", "The URL must be an absolute http(s) URL of at most 2048 characters.");
                valid = false;
            }
            if (valid)
            {
                attachments.Add(new TicketAttachment { Name = name!, ContentType = contentType, SizeBytes = attachment.SizeBytes!.Value, Url = url });
            }
        }
        return attachments;
    }

    public static bool IsEmailAddress(string value)
    {
        if (value.Length > 320 || value.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }
        // MailAddress also accepts "Name <a@b>"; only a bare address whose domain has a dot is a requester address.
        return MailAddress.TryCreate(value, out var address)
            && string.Equals(address.Address, value, StringComparison.OrdinalIgnoreCase)
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
