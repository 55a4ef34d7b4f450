namespace HelpDesk.Identity.Api;

/// <summary>A person's groups, replacing the ones they have (an empty list removes all).</summary>
public sealed record GroupsRequest(List<string?>? Groups)
{
    public const int MaxGroups = 100;

    public const int MaxLength = 100;
}
