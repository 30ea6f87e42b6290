using Pitr.Domain.Ports;
using Pitr.Domain.Readiness;

namespace Pitr.Domain.Tests.Readiness;

public sealed class StatementLoggingTests
{
    [Theory]
    [InlineData("none", null, false)]
    [InlineData("ddl", null, true)]
    [InlineData("mod", null, true)]
    [InlineData("ALL", null, true)]
    [InlineData("none", "read, role", false)]
    [InlineData("none", "ddl,write", true)]
    public void Passes_only_when_the_server_logs_destructive_statements(string logStatement, string? pgaudit, bool passes)
    {
        var settings = new Dictionary<string, string> { [SourceDescription.LogStatementSetting] = logStatement, ["parameterGroup"] = "orders-params" };
        if (pgaudit is not null)
        {
            settings[SourceDescription.PgauditLogSetting] = pgaudit;
        }

        var item = StatementLogging.Judge(Source(settings))!;

        Assert.Equal(passes, item.Passed);
        Assert.Equal(passes, item.Fix is null);
        if (!passes)
        {
            Assert.Contains("orders-params", item.Fix);
            Assert.Contains("ParameterName=log_statement,ParameterValue=mod", item.Fix);
        }
    }

    [Fact]
    public void Says_nothing_when_the_engine_cannot_tell()
    {
        Assert.Null(StatementLogging.Judge(Source(new Dictionary<string, string> { [SourceDescription.LogExportsSetting] = "postgresql" })));
    }

    private static SourceDescription Source(IReadOnlyDictionary<string, string> settings) => new("orders-prod", null, 30, true, settings);
}
