using System.Text;
using TeleDerm.Core.Notifications;

namespace TeleDerm.Core.Tests.Notifications;

/// <summary>The webhook signature, as a practice's receiver checks it (docs/integration.md).</summary>
public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":1}""");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void The_signature_is_HMAC_SHA256_of_the_time_a_dot_and_the_body_as_openssl_computes_it()
    {
        // printf '1700000000.{"id":1}' | openssl dgst -sha256 -hmac whsec_test
        Assert.Equal("t=1700000000,v1=2f441ba4b3b2d50d28a9ab9d9fd8880376ecd1eb5d0435401553f5d8d0a5dcf8",
            WebhookSignature.Compute("whsec_test", SignedAt, Body));
    }

    [Fact]
    public void A_receiver_accepts_the_call_as_signed_within_five_minutes_of_its_clock()
    {
        var header = WebhookSignature.Compute("whsec_test", SignedAt, Body);
        Assert.True(WebhookSignature.Verify("whsec_test", header, Body, SignedAt + TimeSpan.FromMinutes(5)));
        Assert.True(WebhookSignature.Verify("whsec_test", header, Body, SignedAt - TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("another body", null, 0)]
    [InlineData(null, "whsec_other", 0)]
    [InlineData(null, null, 6)]
    public void A_changed_body_another_secret_or_a_call_played_again_later_is_refused(string? body, string? secret, int minutesLater)
    {
        var header = WebhookSignature.Compute("whsec_test", SignedAt, Body);
        Assert.False(WebhookSignature.Verify(secret ?? "whsec_test", header, body is null ? Body : Encoding.UTF8.GetBytes(body), SignedAt + TimeSpan.FromMinutes(minutesLater)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=2f441ba4b3b2d50d28a9ab9d9fd8880376ecd1eb5d0435401553f5d8d0a5dcf8")]
    [InlineData("t=1700000000")]
    [InlineData("t=-1700000000,v1=2f44")]
    [InlineData("t=99999999999999999999,v1=2f44")]
    [InlineData("t=1700000000,v1=")]
    [InlineData("t=1700000000,v1=2F441BA4B3B2D50D28A9AB9D9FD8880376ECD1EB5D0435401553F5D8D0A5DCF8")]
    public void A_malformed_header_is_refused_without_throwing(string? header) =>
        Assert.False(WebhookSignature.Verify("whsec_test", header, Body, SignedAt));
}
