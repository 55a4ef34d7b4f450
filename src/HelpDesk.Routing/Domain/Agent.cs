namespace HelpDesk.Routing.Domain;

/// <summary>Someone who works one or more queues, within a capacity, when on shift and not out of office.</summary>
public sealed class Agent
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public List<string> Queues { get; set; } = [];

    public List<string> Skills { get; set; } = [];

    /// <summary>Most open tickets the agent takes at once.</summary>
    public int Capacity { get; set; } = 10;

    public bool OnShift { get; set; } = true;

    public DateTimeOffset? OutOfOfficeUntil { get; set; }

    public DateTimeOffset? LastAssignedAt { get; private set; }

    /// <summary>Open tickets assigned to the agent, kept in the same transactions that assign, resolve and reopen them.</summary>
    public int OpenTickets { get; private set; }

    /// <summary>Optimistic concurrency token: concurrent writers of one agent (e.g. two replicas) cannot lose an update.</summary>
    public long Version { get; internal set; }

    public bool IsAvailable(DateTimeOffset now) => OnShift && (OutOfOfficeUntil is null || OutOfOfficeUntil <= now);

    public bool HasRoom(int openTickets, DateTimeOffset now) => IsAvailable(now) && openTickets < Capacity;

    /// <summary>Replaces the agent's profile; lists are trimmed, de-duplicated and stripped of blanks.</summary>
    public void UpdateProfile(string name, string? email, IEnumerable<string>? queues, IEnumerable<string>? skills, int capacity, bool onShift, DateTimeOffset? outOfOfficeUntil)
    {
        Name = name.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Queues = Terms.Normalise(queues);
        Skills = Terms.Normalise(skills);
        Capacity = capacity;
        SetAvailability(onShift, outOfOfficeUntil);
    }

    public void SetAvailability(bool onShift, DateTimeOffset? outOfOfficeUntil)
    {
        OnShift = onShift;
        OutOfOfficeUntil = outOfOfficeUntil?.ToUniversalTime();
    }

    /// <summary>A ticket was assigned to the agent.</summary>
    public void TakeTicket(DateTimeOffset now)
    {
        LastAssignedAt = now;
        OpenTickets++;
    }

    /// <summary>A finished ticket of the agent's was reopened and comes back to them, regardless of capacity.</summary>
    public void TakeBack() => OpenTickets++;

    /// <summary>One of the agent's tickets was resolved or closed.</summary>
    public void Release() => OpenTickets = Math.Max(0, OpenTickets - 1);
}
