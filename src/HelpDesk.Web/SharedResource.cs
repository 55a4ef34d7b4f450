namespace HelpDesk.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource(.fr|.it).resx.</summary>
public sealed class SharedResource;
