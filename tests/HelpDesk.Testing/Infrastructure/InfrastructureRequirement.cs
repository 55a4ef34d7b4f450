using Xunit;
namespace HelpDesk.Testing.Infrastructure;

/// <summary>
/// Whether tests that need a real server (RabbitMQ, PostgreSQL, SMTP, IMAP) may skip when it is not installed.
/// CI sets HELPDESK_REQUIRE_INFRA=1: there a missing server fails the test instead of skipping it.
/// </summary>
public static class InfrastructureRequirement
{
    public const string VariableName = "HELPDESK_REQUIRE_INFRA";

    public static bool IsRequired =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    public static bool RabbitMqInstalled => HelpDesk.LocalServers.RabbitMqNode.IsInstalled;

    public static bool PostgresInstalled => HelpDesk.LocalServers.PostgresCluster.IsInstalled;

    /// <summary>A loopback TCP port that is free right now.</summary>
    public static int FreeLoopbackPort() => HelpDesk.LocalServers.FreePort.Next();

    /// <summary>Skips the current test with <paramref name="reason"/>, or fails it when infrastructure is required.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void SkipOrFail(string reason)
    {
        if (IsRequired)
        {
            Assert.Fail($"{reason} ({VariableName} is set, so this test must not skip.)");
        }
        Assert.Skip(reason);
    }
}
