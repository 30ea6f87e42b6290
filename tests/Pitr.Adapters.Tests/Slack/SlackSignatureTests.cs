using System.Text;
using Pitr.Adapters.Slack;

namespace Pitr.Adapters.Tests.Slack;

public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&command=%2Fpitr&text=help");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Accepts_a_request_signed_with_the_secret_within_five_minutes()
    {
        var timestamp = (Now.ToUnixTimeSeconds() - 299).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(SlackSignature.IsValid(Secret, timestamp, SlackSignature.Sign(Secret, timestamp, Body), Body, Now));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("missing")]
    [InlineData("no-secret")]
    [InlineData("body-changed")]
    public void Refuses_a_request_when_signature_is(string what)
    {
        var timestamp = (Now.ToUnixTimeSeconds() - (what == "stale" ? 301 : 0)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = what switch
        {
            "forged" => SlackSignature.Sign("another-secret", timestamp, Body),
            "missing" => null,
            _ => SlackSignature.Sign(Secret, timestamp, Body),
        };
        var body = what == "body-changed" ? Encoding.UTF8.GetBytes("token=x&command=%2Fpitr&text=start") : Body;

        Assert.False(SlackSignature.IsValid(what == "no-secret" ? null : Secret, timestamp, signature, body, Now));
    }
}
