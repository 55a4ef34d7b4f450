namespace HelpDesk.AppHost;

public sealed record AppHostOptions(bool Distributed, int GatewayPort, string DataDirectory, string[] ServiceArgs)
{
    public const int DefaultGatewayPort = 5080;

    public static AppHostOptions Parse(string[] args)
    {
        var distributed = false;
        var port = DefaultGatewayPort;
        var dataDirectory = Environment.GetEnvironmentVariable("HELPDESK_DATA") ?? Path.Combine(Directory.GetCurrentDirectory(), ".helpdesk-data");
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--distributed":
                    distributed = true;
                    break;
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], out var p):
                    port = p;
                    i++;
                    break;
                case "--data" when i + 1 < args.Length:
                    dataDirectory = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return new AppHostOptions(distributed, port, Path.GetFullPath(dataDirectory), [.. rest]);
    }
}
