using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters;
using Pitr.Adapters.Tests.Kubernetes.StandIn;
using Pitr.Domain.Ports;

// Restarts N deployments whose rollouts each take a fixed time on the API stand-in, through the
// adapter as the bot composes it, and prints the wall time per N and the N=20 / N=1 ratio.
// Usage: dotnet run -c Release --project bench/kubernetes [rollout-seconds] [repeats]
var rollout = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2);
var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
int[] sizes = [1, 5, 20];
var directory = Directory.CreateTempSubdirectory("pitr-bench-k8s-");
try
{
    var medians = new Dictionary<int, TimeSpan>();
    foreach (var n in sizes)
    {
        var runs = new List<TimeSpan>();
        for (var run = 0; run < repeats; run++)
        {
            runs.Add(await RestartAsync(n, run));
        }

        medians[n] = runs.Order().ElementAt(runs.Count / 2);
        Console.WriteLine($"N = {n,2}: median {medians[n].TotalSeconds:0.000} s over {repeats} runs ({string.Join(", ", runs.Select(r => $"{r.TotalSeconds:0.000}"))})");
    }

    Console.WriteLine($"rollout time {rollout.TotalSeconds:0.###} s, poll interval 100 ms; N = 20 / N = 1 = {medians[20] / medians[1]:0.000} (target <= 1.2)");
}
finally
{
    directory.Delete(recursive: true);
}

async Task<TimeSpan> RestartAsync(int n, int run)
{
    await using var api = await KubernetesApiStandIn.StartAsync();
    var settings = new Dictionary<string, string?>
    {
        ["Pitr:Databases:orders:Engine"] = "local",
        ["Pitr:Databases:orders:Workloads:Restarter"] = "kubernetes",
        ["Pitr:Databases:orders:Workloads:Kubernetes:Kubeconfig"] = api.WriteKubeconfig(directory.FullName),
        ["Pitr:Databases:orders:Workloads:Kubernetes:Context"] = "stand-in",
        ["Pitr:Databases:orders:Workloads:Kubernetes:Namespaces:0"] = "prod",
        ["Pitr:Databases:orders:Workloads:Kubernetes:LabelSelector"] = "uses-db=orders",
        ["Pitr:Databases:orders:Workloads:Kubernetes:PollInterval"] = "00:00:00.1",
    };
    for (var i = 0; i < n; i++)
    {
        api.AddDeployment("prod", $"app-{i}", replicas: 3, new RolloutBehaviour(Duration: rollout), new Dictionary<string, string> { ["uses-db"] = "orders", ["app"] = $"app-{i}" });
    }

    var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    await using var services = new ServiceCollection()
        .AddSingleton<IConfiguration>(configuration)
        .AddSingleton(TimeProvider.System)
        .AddLogging()
        .AddPitrAdapters(configuration)
        .BuildServiceProvider();
    var restarter = services.GetRequiredKeyedService<IWorkloadRestarter>("orders");

    var started = Stopwatch.GetTimestamp();
    var report = await restarter.RestartAsync(new RestartRequest($"bench-{n}-{run}", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2)), null, CancellationToken.None);
    var elapsed = Stopwatch.GetElapsedTime(started);
    if (!report.Succeeded || report.Workloads.Count != n)
    {
        throw new InvalidOperationException($"N = {n}: {string.Join("; ", report.Workloads.Select(w => $"{w.Name}: {w.Detail}"))}");
    }

    return elapsed;
}
