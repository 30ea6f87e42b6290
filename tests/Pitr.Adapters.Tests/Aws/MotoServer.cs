using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>A real moto server (the AWS emulator) on a free loopback port, for the tests of one collection.</summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? process;

    public Uri Url { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m moto.server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"moto.server exited with {process.ExitCode}; is moto installed for python3?");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "moto-api/reset-auth"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException("moto.server did not answer within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoServerGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
