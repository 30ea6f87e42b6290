using System.Globalization;

namespace Pitr.Adapters.Local;

/// <summary>
/// A process group as Linux shows it in <c>/proc</c>, named by its leader's pid and the leader's start time
/// (so that a pid the kernel has since given to someone else is not taken for ours).
/// </summary>
internal sealed record ProcessGroup(int Id, long LeaderStart)
{
    /// <summary>The group <paramref name="leader"/> leads now, or null when it already exited.</summary>
    public static ProcessGroup? Of(int leader) =>
        Stat(leader) is { } stat ? new ProcessGroup(leader, stat.Start) : null;

    public static ProcessGroup? Parse(string line) =>
        line.Split(' ') is [var id, var start]
        && int.TryParse(id, CultureInfo.InvariantCulture, out var pid)
        && long.TryParse(start, CultureInfo.InvariantCulture, out var ticks)
            ? new ProcessGroup(pid, ticks)
            : null;

    /// <summary>
    /// True while any process of the group runs. A leader alive under another start time means the pid was
    /// reused: not ours. A group whose leader exited lives on in its members; its id cannot be reused meanwhile.
    /// </summary>
    public bool IsAlive()
    {
        if (Stat(Id) is { } leader)
        {
            return leader.Start == LeaderStart && leader.Running;
        }

        return Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var pid) ? Stat(pid) : null)
            .Any(s => s is { Running: true } && s.Group == Id);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} {LeaderStart}");

    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp ... starttime(22nd)": comm may hold spaces, so count from its closing parenthesis.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(
            Running: fields[0] != "Z" && fields[0] != "X",
            Group: int.Parse(fields[2], CultureInfo.InvariantCulture),
            Start: long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    private sealed record ProcStat(bool Running, int Group, long Start);
}
