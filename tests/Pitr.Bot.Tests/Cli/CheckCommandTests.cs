using Pitr.Bot.Cli;
using Pitr.Domain.Readiness;

namespace Pitr.Bot.Tests.Cli;

public sealed class CheckCommandTests
{
    [Fact]
    public void Failing_items_are_printed_with_their_fix_when_the_database_is_not_ready()
    {
        var report = new ReadinessReport("orders", [
            new ReadinessItem("Backup retention", true, "35 days", "≥ 30 days", null),
            new ReadinessItem("Deletion protection", false, "off", "on", "Turn deletion protection on for orders-prod."),
        ]);
        using var output = new StringWriter();

        CheckCommand.Render(report, output);

        Assert.Equal(
            """
            Readiness of orders: NOT ready
              ok    Backup retention: 35 days (expected ≥ 30 days)
              FAIL  Deletion protection: off (expected on)
                    fix: Turn deletion protection on for orders-prod.

            """.ReplaceLineEndings(Environment.NewLine),
            output.ToString());
    }
}
