namespace HelpDesk.Sla.Domain;

public enum DefinitionSource { Default, Configuration, Api }
