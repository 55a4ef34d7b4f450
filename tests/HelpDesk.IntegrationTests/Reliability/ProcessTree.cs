using System.Globalization;

namespace HelpDesk.Reliability;

/// <summary>Child processes from /proc: DCP runs a project as `dotnet run`, the service itself is its child.</summary>
public static class ProcessTree
{
    public static IEnumerable<int> Descendants(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                var child = int.Parse(Path.GetFileName(Path.GetDirectoryName(stat)!), CultureInfo.InvariantCulture);
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(child);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // Not a process, or it ended while we looked.
            }
        }
        var pending = new Stack<int>([pid]);
        while (pending.Count > 0)
        {
            foreach (var child in children.GetValueOrDefault(pending.Pop(), []))
            {
                yield return child;
                pending.Push(child);
            }
        }
    }
}
