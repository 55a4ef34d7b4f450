namespace HelpDesk.Notifications.Domain;

/// <summary>Who hears an event. <c>Sender</c>: the person whose e-mail the event answers (a refused approval reply).</summary>
public enum RecipientRole { Requester, Assignee, Queue, Watchers, Approver, Sender }
