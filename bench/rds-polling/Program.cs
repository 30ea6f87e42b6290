// How long after a restored database becomes available does the bot notice?
// The rds-cluster engine polls a loopback RDS stand-in whose restored writer flips to "available"
// at a random moment; the loop below is the stepper's Restoring step: one status call, then the
// database's poll interval. Usage: dotnet run -c Release --project bench/rds-polling [samples] [poll interval seconds] [max flip seconds]
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pitr.Adapters.Aws;
using Pitr.Domain.Ports;

var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var pollInterval = args.Length > 1 ? TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture)) : new DatabasePolicy().PollInterval;
var maxFlip = args.Length > 2 ? TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(20);

var clock = Stopwatch.StartNew();
long flipAtTicks = long.MaxValue;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
await using var standIn = builder.Build();
standIn.Run(async context =>
{
    var form = await context.Request.ReadFormAsync();
    var writerUp = clock.ElapsedTicks >= Interlocked.Read(ref flipAtTicks);
    context.Response.ContentType = "text/xml";
    await context.Response.WriteAsync(form["Action"] == "DescribeDBClusters"
        ? Answers.Cluster(form["DBClusterIdentifier"]!)
        : Answers.Instance(form["DBInstanceIdentifier"]!, writerUp ? "available" : "creating"));
});
await standIn.StartAsync();
var url = standIn.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDBENCH");
Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "bench-secret");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Pitr:Databases:orders:Engine"] = "rds-cluster",
    ["Pitr:Databases:orders:Rds:Region"] = "us-east-1",
    ["Pitr:Databases:orders:Rds:ServiceUrl"] = url,
    ["Pitr:Databases:orders:Rds:SourceIdentifier"] = "prod",
}).Build();
await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddAwsAdapters(configuration).BuildServiceProvider();
var restorer = services.GetRequiredKeyedService<IDatabaseRestorer>("orders");

var latencies = new List<double>();
for (var i = 0; i < samples; i++)
{
#pragma warning disable CA5394 // A benchmark's random moment needs no cryptographic randomness.
    var flipIn = TimeSpan.FromSeconds(Random.Shared.NextDouble() * maxFlip.TotalSeconds);
#pragma warning restore CA5394
    Interlocked.Exchange(ref flipAtTicks, clock.ElapsedTicks + (long)(flipIn.TotalSeconds * Stopwatch.Frequency));
    while ((await restorer.GetRestoreStatusAsync("pitr-bench-a1", CancellationToken.None)).Phase != RestorePhase.Available)
    {
        await Task.Delay(pollInterval);
    }

    var noticedAfter = (clock.ElapsedTicks - Interlocked.Read(ref flipAtTicks)) / (double)Stopwatch.Frequency;
    latencies.Add(noticedAfter);
    Console.WriteLine($"sample {i + 1,3}: noticed {noticedAfter,6:0.00} s after the flip");
    await Task.Delay(TimeSpan.FromMilliseconds(50));
}

latencies.Sort();
double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
Console.WriteLine(FormattableString.Invariant(
    $"poll interval {pollInterval.TotalSeconds:0.#} s, {samples} samples: median {Percentile(0.5):0.00} s, p90 {Percentile(0.9):0.00} s, max {latencies[^1]:0.00} s"));
await standIn.StopAsync();

internal static class Answers
{
    private const string Ns = "http://rds.amazonaws.com/doc/2014-10-31/";

    public static string Cluster(string id) =>
        $"""<DescribeDBClustersResponse xmlns="{Ns}"><DescribeDBClustersResult><DBClusters><DBCluster><DBClusterIdentifier>{id}</DBClusterIdentifier><Status>available</Status><Engine>aurora-postgresql</Engine><Endpoint>{id}.cluster-x.rds.amazonaws.com</Endpoint><Port>5432</Port><DatabaseName>orders</DatabaseName><DBClusterMembers><DBClusterMember><DBInstanceIdentifier>{id}-1</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember></DBClusterMembers></DBCluster></DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>""";

    public static string Instance(string id, string status) =>
        $"""<DescribeDBInstancesResponse xmlns="{Ns}"><DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>{id}</DBInstanceIdentifier><DBInstanceClass>db.r6g.large</DBInstanceClass><Engine>aurora-postgresql</Engine><DBInstanceStatus>{status}</DBInstanceStatus></DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>""";
}
