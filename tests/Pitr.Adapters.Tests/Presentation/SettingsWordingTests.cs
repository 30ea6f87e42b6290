using Pitr.Adapters.Presentation;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Presentation;

public sealed class SettingsWordingTests
{
    private static readonly CheckResult Connected = new("connection", true, "answers; not in recovery", "answers; not in recovery", TimeSpan.Zero);

    [Fact]
    public void Validation_says_settings_identical_when_the_engine_found_no_difference()
    {
        var report = new ValidationReport([Connected]) { SettingsDiff = [] };

        Assert.Equal(" Settings identical to the source.", SettingsWording.Sentences(report, TextStyle.Plain));
        Assert.Equal("; settings identical to the source", SettingsWording.Short(report.SettingsDiff));
    }

    [Fact]
    public void Validation_lists_each_difference_with_why_and_fails_the_row_nobody_asked_for()
    {
        var report = new ValidationReport([Connected])
        {
            SettingsDiff =
            [
                new SettingDifference("CACertificateIdentifier", "rds-ca-ecc384-g1", "rds-ca-rsa2048-g1"),
                new SettingDifference("writer DBInstanceClass", "db.r6g.large", "db.r6g.xlarge", "set by Rds:InstanceClass"),
            ],
        };

        var said = SettingsWording.Sentences(report, TextStyle.Plain);

        Assert.Contains("2 setting(s) differ from the source", said, StringComparison.Ordinal);
        Assert.Contains("CACertificateIdentifier rds-ca-ecc384-g1 → rds-ca-rsa2048-g1 (not asked for)", said, StringComparison.Ordinal);
        Assert.Contains("writer DBInstanceClass db.r6g.large → db.r6g.xlarge (set by Rds:InstanceClass)", said, StringComparison.Ordinal);
        Assert.Equal([false, true], SettingsWording.Rows(report).Select(r => r.Ok));
    }

    [Fact]
    public void Validation_says_no_data_checks_ran_when_only_the_connection_was_checked()
    {
        var said = SettingsWording.Sentences(new ValidationReport([Connected]) { NoDataChecks = true }, TextStyle.Plain);

        Assert.Contains("No data checks were configured", said, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_says_nothing_more_when_the_engine_compares_nothing_and_data_was_checked()
    {
        Assert.Equal("", SettingsWording.Sentences(new ValidationReport([Connected]), TextStyle.Plain));
    }

    [Fact]
    public void Plan_lists_what_will_differ_and_why_when_the_engine_expects_differences()
    {
        var line = SettingsWording.Planned([new SettingDifference("reader instances", "2", "0", "the restore gets a writer only")], TextStyle.Plain);

        Assert.Equal("• The restore will differ from the source: reader instances 2 → 0 (the restore gets a writer only)\n", line);
        Assert.Equal("", SettingsWording.Planned([], TextStyle.Plain));
    }
}
