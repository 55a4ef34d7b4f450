using System.Globalization;
using System.Net;
using System.Text;

namespace HelpDesk.Benchmarks.Soak;

/// <summary>
/// The soak's curves as one SVG (no plotting library): three panels over time — resident memory, open handles,
/// established connections — one line per process name, the end of the warm-up marked.
/// </summary>
public static class SoakPlot
{
    private const int Width = 960;
    private const int PanelHeight = 220;
    private const int Left = 70;
    private const int Right = 200;
    private const int Top = 40;
    private const int Gap = 50;

    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];

    private static readonly (string Title, Func<ProcessSample, double> Value)[] Panels =
    [
        ("Resident memory (MiB)", s => s.ResidentMiB),
        ("Open handles (file descriptors)", s => s.Handles),
        ("Established TCP connections", s => s.Connections),
    ];

    public static void Write(string path, IReadOnlyList<ProcessSample> samples, double warmupSeconds, string title)
    {
        var names = samples.Select(s => s.Process).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var maxSeconds = Math.Max(1, samples.Max(s => s.Seconds));
        var height = Top + Panels.Length * (PanelHeight + Gap);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n<text x=\"{Left}\" y=\"22\" font-size=\"14\">{WebUtility.HtmlEncode(title)}</text>\n");
        for (var p = 0; p < Panels.Length; p++)
        {
            var (panelTitle, value) = Panels[p];
            var y0 = Top + p * (PanelHeight + Gap);
            var maxValue = Math.Max(1, samples.Max(value)) * 1.1;
            double X(double seconds) => Left + (Width - Left - Right) * seconds / maxSeconds;
            double Y(double v) => y0 + PanelHeight - PanelHeight * v / maxValue;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{y0 - 6}\" font-weight=\"bold\">{panelTitle}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y0}\" width=\"{Width - Left - Right}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#999\"/>\n");
            for (var tick = 0; tick <= 4; tick++)
            {
                var v = maxValue * tick / 4;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:0.0}\" text-anchor=\"end\">{v:0}</text>\n");
            }
            for (var minute = 0; minute * 60 <= maxSeconds; minute++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(minute * 60):0.0}\" y=\"{y0 + PanelHeight + 14}\" text-anchor=\"middle\">{minute} min</text>\n");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(warmupSeconds):0.0}\" y1=\"{y0}\" x2=\"{X(warmupSeconds):0.0}\" y2=\"{y0 + PanelHeight}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
            for (var i = 0; i < names.Count; i++)
            {
                var points = samples.Where(s => s.Process == names[i]).OrderBy(s => s.Seconds)
                    .Select(s => string.Create(CultureInfo.InvariantCulture, $"{X(s.Seconds):0.0},{Y(value(s)):0.0}"));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Palette[i % Palette.Length]}\" stroke-width=\"1.5\" points=\"{string.Join(' ', points)}\"/>\n");
            }
        }
        for (var i = 0; i < names.Count; i++)
        {
            var y = Top + 10 + i * 16;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 12}\" y1=\"{y}\" x2=\"{Width - Right + 32}\" y2=\"{y}\" stroke=\"{Palette[i % Palette.Length]}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 36}\" y=\"{y + 4}\">{WebUtility.HtmlEncode(names[i])}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 12}\" y=\"{Top + 20 + names.Count * 16}\" fill=\"#666\">dashed: end of warm-up</text>\n</svg>\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, svg.ToString());
    }
}
