namespace HelpDesk.Notifications.Domain;

public enum RecipientRole { Requester, Assignee, Queue, Watchers, Approver }
