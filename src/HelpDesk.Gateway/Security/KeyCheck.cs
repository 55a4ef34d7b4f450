namespace HelpDesk.Gateway.Security;

/// <summary>What <see cref="ApiKeyStore.Check"/> found for a presented key.</summary>
public enum KeyCheck { Valid, Unknown, Revoked, Expired }
