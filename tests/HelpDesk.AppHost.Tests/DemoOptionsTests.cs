using HelpDesk.AppHost.Demo;
using HelpDesk.AppHost.Hosting;
using HelpDesk.Testing;

namespace HelpDesk.AppHost.Tests;

public sealed class DemoOptionsTests
{
    [Fact]
    public void Demo_data_comes_by_default_only_for_a_new_data_directory_and_can_be_switched()
    {
        using var existing = new TempDirectory("demo-options");
        var fresh = Path.Combine(existing.Path, "new");

        Assert.True(HelpDeskRunOptions.Parse(["--data", fresh]).Demo);
        Assert.False(HelpDeskRunOptions.Parse(["--data", fresh, "--no-demo"]).Demo);
        Assert.False(HelpDeskRunOptions.Parse(["--data", existing.Path]).Demo);
        Assert.True(HelpDeskRunOptions.Parse(["--data", existing.Path, "--demo"]).Demo);
        Assert.Empty(HelpDeskRunOptions.Parse(["--data", fresh, "--no-demo"]).AspireArgs);
    }

    [Fact]
    public void The_default_data_directory_is_at_the_root_of_the_clone()
    {
        if (Environment.GetEnvironmentVariable("HELPDESK_DATA") is not null)
        {
            return;
        }
        var options = HelpDeskRunOptions.Parse([]);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(options.DataDirectory)!, "HelpDesk.sln")), options.DataDirectory);
        Assert.Equal(".helpdesk-data", Path.GetFileName(options.DataDirectory));
    }

    [Fact]
    public void Holidays_follow_easter_and_the_national_calendars()
    {
        Assert.Equal(new DateOnly(2025, 4, 20), PublicHolidays.EasterSunday(2025));
        Assert.Equal(new DateOnly(2026, 4, 5), PublicHolidays.EasterSunday(2026));
        Assert.Equal(new DateOnly(2027, 3, 28), PublicHolidays.EasterSunday(2027));
        var italy = PublicHolidays.Italy(2026);
        Assert.Contains(new DateOnly(2026, 4, 6), italy);   // Pasquetta
        Assert.Contains(new DateOnly(2026, 6, 2), italy);   // Festa della Repubblica
        var france = PublicHolidays.France(2026);
        Assert.Contains(new DateOnly(2026, 5, 14), france); // Ascension
        Assert.Contains(new DateOnly(2026, 5, 25), france); // Lundi de Pentecôte
        Assert.Contains(new DateOnly(2026, 7, 14), france);
        Assert.Equal(11, italy.Count);
        Assert.Equal(11, france.Count);
    }
}
