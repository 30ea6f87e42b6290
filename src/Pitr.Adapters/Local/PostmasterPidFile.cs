using System.Globalization;

namespace Pitr.Adapters.Local;

/// <summary>
/// A running server's <c>postmaster.pid</c>: when its postmaster started (line 3), the port it listens on (line 4) and
/// its status (line 8), which the postmaster rewrites the moment it takes connections.
/// </summary>
internal sealed record PostmasterPidFile(long StartedAtUnixSeconds, int Port, string Status)
{
    /// <summary>What <c>pg_ctl start -w</c> waits for: a primary, or a hot standby taking read-only connections.</summary>
    public bool AcceptsConnections => Status is "ready" or "standby";

    /// <returns>Null when there is none, or it is being written.</returns>
    public static PostmasterPidFile? Read(string dataDirectory)
    {
        try
        {
            var path = Path.Combine(dataDirectory, "postmaster.pid");
            var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            return lines.Length > 3
                && long.TryParse(lines[2], CultureInfo.InvariantCulture, out var started)
                && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port)
                    ? new PostmasterPidFile(started, port, lines.Length > 7 ? lines[7].Trim() : string.Empty)
                    : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
