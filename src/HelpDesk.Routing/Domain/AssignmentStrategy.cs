namespace HelpDesk.Routing.Domain;

public enum AssignmentStrategy { RoundRobin, LeastLoaded, SkillsMatch }
