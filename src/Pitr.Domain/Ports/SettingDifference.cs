namespace Pitr.Domain.Ports;

/// <summary>A setting of the restored database that is not what the source has.</summary>
/// <param name="Setting">The engine's name for it, e.g. <c>CACertificateIdentifier</c> or <c>writer PromotionTier</c>.</param>
/// <param name="Why">Why it differs, when that is known (a configured override, a setting no call can carry); null when nobody asked for it.</param>
public sealed record SettingDifference(string Setting, string Source, string Restore, string? Why = null);
