using Pitr.Bot.Observability;

namespace Pitr.Bot.Tests.Observability;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("Host=db;Username=app;Password=hunter2;Database=orders", "Host=db;Username=app;Password=***;Database=orders", "hunter2")]
    [InlineData("connect to postgres://app:s3cr%40t@db.internal:5432/orders failed", "connect to postgres://app:***@db.internal:5432/orders failed", "s3cr")]
    [InlineData("token xoxb-1234-5678-abcdefABCDEF rejected", "token *** rejected", "xoxb-1234")]
    [InlineData("socket mode with xapp-1-A0B1C2-33-deadbeef", "socket mode with ***", "deadbeef")]
    [InlineData("Authorization: Bearer eyJhbGciOi.payload.sig", "Authorization: Bearer ***", "eyJhbGciOi")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = ***", "wJalrXUtnFEMI")]
    [InlineData("{\"password\":\"p@ss\",\"host\":\"db\"}", "{\"password\":\"***\",\"host\":\"db\"}", "p@ss")]
    public void Masks_the_secret_and_keeps_the_rest(string text, string expected, string secret)
    {
        var redacted = Redactor.Redact(text);

        Assert.Equal(expected, redacted);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_text_without_secrets_alone()
    {
        const string text = "Recovery k3m9qz restored pitr-k3m9qz-a1 to 2024-05-01T10:32:15Z at db.internal:5432";

        Assert.Equal(text, Redactor.Redact(text));
    }
}
