using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Pitr.Bot.Alerts;

/// <summary>Checks an <c>Authorization: Bearer</c> header in fixed time, and refuses everything when no token is configured.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static bool Matches(StringValues authorization, string? expected)
    {
        if (string.IsNullOrEmpty(expected) || authorization.Count != 1 || authorization[0] is not { } header
            || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes the comparison independent of the presented token's length too.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
