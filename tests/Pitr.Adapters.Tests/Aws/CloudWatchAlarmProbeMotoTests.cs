using Microsoft.Extensions.DependencyInjection;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>The health gate on CloudWatch alarms, against moto's CloudWatch through the project's signed client.</summary>
[Collection(MotoServerGroup.Name)]
public sealed class CloudWatchAlarmProbeMotoTests(MotoServer moto)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthy_when_every_named_alarm_is_ok()
    {
        var name = $"checkout-5xx-{Guid.NewGuid():N}";
        await new MotoSeed(moto.Url).SetAlarmAsync(name, "OK", "Threshold not crossed", Cancel);

        var report = await Probe(name).WaitUntilHealthyAsync(TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow, Cancel);

        Assert.True(report.Healthy);
        Assert.Equal((name, true), (Assert.Single(report.Checks).Name, report.Checks[0].Healthy));
    }

    [Fact]
    public async Task Unhealthy_at_the_deadline_naming_the_alarm_in_alarm_and_its_reason_and_a_missing_one()
    {
        var firing = $"checkout-5xx-{Guid.NewGuid():N}";
        var missing = $"checkout-latency-{Guid.NewGuid():N}";
        await new MotoSeed(moto.Url).SetAlarmAsync(firing, "ALARM", "Threshold Crossed: 1 datapoint [0.4] was greater than the threshold (0.05)", Cancel);

        var report = await Probe(firing, missing).WaitUntilHealthyAsync(TimeSpan.FromMilliseconds(300), DateTimeOffset.UtcNow, Cancel);

        Assert.False(report.Healthy);
        var alarm = Assert.Single(report.Checks, c => c.Name == firing);
        Assert.False(alarm.Healthy);
        Assert.Contains("ALARM: Threshold Crossed", alarm.Observed, StringComparison.Ordinal);
        Assert.Equal("no such alarm in CloudWatch", Assert.Single(report.Checks, c => c.Name == missing).Observed);
    }

    /// <summary>The probe as the host builds it for one database; the adapters live as long as the test.</summary>
    private IHealthProbe Probe(params string[] alarms)
    {
        var prefix = $"Pitr:Databases:{AwsAdapters.Database}";
        var settings = new Dictionary<string, string?>
        {
            [$"{prefix}:Health:Probe"] = "cloudwatch",
            [$"{prefix}:Health:CloudWatch:Region"] = AwsTestCredentials.Region,
            [$"{prefix}:Health:CloudWatch:ServiceUrl"] = moto.Url.ToString(),
            [$"{prefix}:Health:CloudWatch:StablePeriod"] = "00:00:00",
            [$"{prefix}:Health:CloudWatch:Interval"] = "00:00:00.050",
        };
        foreach (var (alarm, i) in alarms.Select((a, i) => (a, i)))
        {
            settings[$"{prefix}:Health:CloudWatch:AlarmNames:{i}"] = alarm;
        }

        var adapters = new AwsAdapters(settings);
        return adapters.Get<IServiceProvider>().GetRequiredKeyedService<IHealthProbe>(AwsAdapters.Database);
    }
}
