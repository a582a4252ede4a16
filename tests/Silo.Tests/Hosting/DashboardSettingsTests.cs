using System.ComponentModel.DataAnnotations;
using PrivateLending.Silo.Hosting;

namespace PrivateLending.Silo.Tests.Hosting;

public sealed class DashboardSettingsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    public void Validate_LoopbackWithoutCredentials_IsValid(string host) =>
        Assert.Empty(Validate(new DashboardSettings { Host = host }));

    [Fact]
    public void Validate_ExposedWithoutCredentials_NamesTheMissingSettings()
    {
        var errors = Validate(new DashboardSettings { Host = "0.0.0.0" });

        var error = Assert.Single(errors);
        Assert.Contains("Dashboard:Username", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Password", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExposedWithShortPassword_IsRejected()
    {
        var errors = Validate(new DashboardSettings { Host = "10.0.0.5", Username = "ops", Password = "short" });

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("at least 12", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ExposedWithCredentials_IsValid() =>
        Assert.Empty(Validate(new DashboardSettings { Host = "0.0.0.0", Username = "ops", Password = "a-long-enough-secret" }));

    [Fact]
    public void Validate_CounterIntervalBelowOneSecond_IsRejected() =>
        Assert.Contains(Validate(new DashboardSettings { CounterUpdateIntervalMs = 500 }), e => e.MemberNames.Contains(nameof(DashboardSettings.CounterUpdateIntervalMs)));

    private static List<ValidationResult> Validate(DashboardSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results;
    }
}
