using System.Globalization;
using System.Xml.Linq;
using Pitr.Adapters.Aws.Rds;

namespace Pitr.Adapters.Aws.CloudWatch;

/// <summary>CloudWatch's Query protocol (form POST, XML answers; faults shaped as RDS's): the alarms a health gate reads.</summary>
internal sealed class CloudWatchAlarmsClient(AwsTransport transport)
{
    private const string ApiVersion = "2010-08-01";
    private const int MaxPages = 20;

    /// <summary>The metric and composite alarms named, or starting with the prefix.</summary>
    public async Task<IReadOnlyList<AlarmState>> DescribeAsync(IReadOnlyList<string> names, string? prefix, CancellationToken cancellationToken)
    {
        var alarms = new List<AlarmState>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var fields = new List<KeyValuePair<string, string>> { new("Action", "DescribeAlarms"), new("Version", ApiVersion) };
            fields.AddRange(names.Select((name, i) => new KeyValuePair<string, string>(string.Create(CultureInfo.InvariantCulture, $"AlarmNames.member.{i + 1}"), name)));
            if (prefix is { Length: > 0 })
            {
                fields.Add(new("AlarmNamePrefix", prefix));
            }

            if (next is not null)
            {
                fields.Add(new("NextToken", next));
            }

            var body = await transport.SendAsync("DescribeAlarms", endpoint => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(fields) }, cancellationToken);
            var result = XDocument.Parse(body).Root?.Child("DescribeAlarmsResult") ?? throw new FormatException("DescribeAlarms answered without a result.");
            foreach (var kind in new[] { "MetricAlarms", "CompositeAlarms" })
            {
                alarms.AddRange((result.Child(kind)?.Children("member") ?? [])
                    .Select(a => new AlarmState(a.Required("AlarmName"), a.Text("StateValue") ?? "INSUFFICIENT_DATA", a.Text("StateReason") ?? "")));
            }

            next = result.Text("NextToken");
            if (string.IsNullOrEmpty(next))
            {
                break;
            }
        }

        return alarms;
    }
}

/// <param name="Value">OK, ALARM or INSUFFICIENT_DATA.</param>
internal sealed record AlarmState(string Name, string Value, string Reason)
{
    public bool Ok => Value == "OK";
}
