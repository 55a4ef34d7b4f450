namespace HelpDesk.Sla.Domain;

public enum DefinitionKind { Calendar, Policy }
