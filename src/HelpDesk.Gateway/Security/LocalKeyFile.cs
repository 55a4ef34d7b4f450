namespace HelpDesk.Gateway.Security;

/// <summary>The local developer key (Gateway:LocalKeyFile): read from its file, or created there readable by the owner only.</summary>
public static class LocalKeyFile
{
    public static string Ensure(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = ApiKeyHash.NewKey();
        File.WriteAllText(path, key + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
