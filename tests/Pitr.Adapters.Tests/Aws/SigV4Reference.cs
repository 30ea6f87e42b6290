using System.Security.Cryptography;
using System.Text;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>
/// An independent SigV4 computation from the published algorithm, used to check the signatures the
/// adapters send. It handles what these tests need: a path of "/" and an optional query.
/// </summary>
internal static class SigV4Reference
{
    public static string Signature(
        string secretKey, string method, string path, string query, IReadOnlyDictionary<string, string> headers,
        IReadOnlyList<string> signedHeaders, string body, string amzDate, string region, string service)
    {
        var canonicalQuery = string.Join("&", query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var canonicalHeaders = string.Concat(signedHeaders.Select(h => $"{h}:{headers[h].Trim()}\n"));
        var canonicalRequest = string.Join("\n", method, path, canonicalQuery, canonicalHeaders, string.Join(";", signedHeaders), Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join("\n", "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    /// <summary>Splits <c>AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=a;b, Signature=hex</c>.</summary>
    public static (string Credential, IReadOnlyList<string> SignedHeaders, string Signature) Parse(string authorization)
    {
        Assert.StartsWith("AWS4-HMAC-SHA256 ", authorization);
        var parts = authorization["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (parts["Credential"], parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
