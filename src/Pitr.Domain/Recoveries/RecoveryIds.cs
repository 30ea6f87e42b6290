using System.Security.Cryptography;

namespace Pitr.Domain.Recoveries;

/// <summary>Short ids people can read aloud and type (<c>k3m9qz</c>), valid inside RDS identifiers.</summary>
public static class RecoveryIds
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 6);
}
