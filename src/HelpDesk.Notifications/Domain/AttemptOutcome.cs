namespace HelpDesk.Notifications.Domain;

public enum AttemptOutcome { Succeeded, Failed, Postponed }
