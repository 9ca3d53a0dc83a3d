using System.Text;
using TeleDerm.Core.Accounts;

namespace TeleDerm.Core.Tests.Accounts;

public class TotpTests
{
    // RFC 6238 Appendix B, SHA-1 key; the RFC prints 8 digits, authenticator apps use the last 6.
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1111111111, "050471")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    [InlineData(20000000000, "353130")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        var step = Totp.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        Assert.Equal(expected, Totp.Compute(RfcKey, step));
    }

    [Fact]
    public void A_code_from_the_previous_step_is_accepted_and_its_step_reported()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var previous = Totp.TimeStepAt(now) - 1;
        Assert.Equal(previous, Totp.MatchTimeStep(RfcKey, Totp.Compute(RfcKey, previous), now));
    }

    [Fact]
    public void A_code_two_steps_old_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        Assert.Null(Totp.MatchTimeStep(RfcKey, Totp.Compute(RfcKey, Totp.TimeStepAt(now) - 2), now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public void Malformed_codes_are_refused(string code) =>
        Assert.Null(Totp.MatchTimeStep(RfcKey, code, DateTimeOffset.UtcNow));

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_follows_RFC_4648(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded)));
    }

    [Fact]
    public void Base32_refuses_characters_outside_its_alphabet() =>
        Assert.Throws<FormatException>(() => Base32.Decode("MZ1W"));
}
