namespace HelpDesk.Notifications.Domain;

public enum DeliveryStatus { Pending, Delivered, DeadLettered }
