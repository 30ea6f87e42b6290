namespace Pitr.Adapters.Local;

/// <summary>
/// The base backups a restore starts from and the timeline it follows: the source's own (its newest backup's
/// timeline, or <c>Local:Timeline</c>), or, after a cutover, those of the restore that became production (named
/// after it, on its own new timeline). Rolled back, production is the source again: its timeline, not the newest.
/// </summary>
/// <param name="Source">The configured database's name.</param>
/// <param name="Restore">The restore that is production now, or null when the source is.</param>
internal sealed record LocalLineage(string Source, string? Restore, int? ConfiguredTimeline)
{
    /// <summary>The engine's name for production: the restore's identifier, or the database's.</summary>
    public string Production => Restore ?? Source;

    /// <returns>The backups on production's timeline, oldest first, and the timeline; none when there is no backup at all.</returns>
    public (IReadOnlyList<BaseBackup> Backups, int Timeline) Follow(IReadOnlyList<BaseBackup> all)
    {
        var own = Restore is null
            ? all.LastOrDefault(b => !ProductionProtection.IsRestoreBackup(b))
            : all.LastOrDefault(b => ProductionProtection.IsRestoreBackup(b) && Path.GetFileName(b.Directory) == Restore)
                ?? throw new RestoreRefusedException($"{Restore} is production of {Source} but has no base backup: it was not protected after its cutover, so nothing can be restored from it.");
        var timeline = (Restore is null ? ConfiguredTimeline : null) ?? own?.Timeline ?? 0;
        return ([.. all.Where(b => b.Timeline == timeline)], timeline);
    }
}
