namespace HelpDesk.Routing.Domain;

public static class AssignmentStrategyNames
{
    /// <summary>The strategy as events and views name it: round-robin, least-loaded, skills-match.</summary>
    public static string WireName(this AssignmentStrategy strategy) => strategy switch
    {
        AssignmentStrategy.RoundRobin => "round-robin",
        AssignmentStrategy.SkillsMatch => "skills-match",
        _ => "least-loaded",
    };
}
