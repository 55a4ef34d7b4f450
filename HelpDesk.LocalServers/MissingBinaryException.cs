namespace HelpDesk.LocalServers;

/// <summary>Thrown when a server binary the platform runs locally is not installed; the message names the apt package.</summary>
public sealed class MissingBinaryException(string binary, string aptPackage)
    : Exception($"'{binary}' was not found on PATH or in the usual install locations. Install it with: sudo apt-get install {aptPackage}")
{
    public string Binary { get; } = binary;

    public string AptPackage { get; } = aptPackage;
}
