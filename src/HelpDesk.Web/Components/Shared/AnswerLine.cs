namespace HelpDesk.Web.Components.Shared;

/// <summary>One answer of a catalogue request as a person reads it: the question's label and the answer in words.</summary>
public sealed record AnswerLine(string Key, string Label, string Text);
