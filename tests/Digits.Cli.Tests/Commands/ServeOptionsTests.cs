using Digits.Cli.Commands;
using Digits.Server;

namespace Digits.Cli.Tests.Commands;

/// <summary>The only tests that set DIGITS_* variables; xunit runs the tests of one class one at a time.</summary>
public sealed class ServeOptionsTests : IDisposable
{
    private static readonly string[] Variables = ["DIGITS_MAX_BODY_MB", "DIGITS_URLS", "DIGITS_CACHE_SIZE", "DIGITS_QUIET", "DIGITS_MODELS_DIR"];

    private static ServerOptions Load(params string[] args) => ServeCommand.LoadOptions(DigitsCommand.Create().Parse(["serve", .. args]));

    [Fact]
    public void Defaults_come_from_the_options_type()
    {
        Assert.Equal(new ServerOptions(), Load());
    }

    [Fact]
    public void Environment_variables_set_every_flag_key()
    {
        Environment.SetEnvironmentVariable("DIGITS_MAX_BODY_MB", "7");
        Environment.SetEnvironmentVariable("DIGITS_URLS", "http://127.0.0.1:5123");
        Environment.SetEnvironmentVariable("DIGITS_QUIET", "true");
        Environment.SetEnvironmentVariable("DIGITS_MODELS_DIR", "/srv/models");
        var options = Load();
        Assert.Equal(7, options.MaxBodyMegabytes);
        Assert.Equal("http://127.0.0.1:5123", options.Urls);
        Assert.True(options.Quiet);
        Assert.Equal("/srv/models", options.ModelsDirectory);
    }

    [Fact]
    public void A_flag_wins_over_the_environment()
    {
        Environment.SetEnvironmentVariable("DIGITS_CACHE_SIZE", "10");
        Assert.Equal(0, Load("--cache-size", "0").CacheEntries);
        Assert.Equal(10, Load().CacheEntries);
        Assert.Equal("/tmp/m", ServeCommand.LoadOptions(DigitsCommand.Create().Parse(["--models-dir", "/tmp/m", "serve"])).ModelsDirectory);
    }

    [Fact]
    public void A_value_out_of_range_is_refused_at_start_with_its_variable_named()
    {
        Environment.SetEnvironmentVariable("DIGITS_MAX_BODY_MB", "-1");
        var error = Assert.Throws<InvalidServerOptionsException>(() => Load());
        Assert.Contains("DIGITS_MAX_BODY_MB", error.Message);
        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void A_value_that_is_not_of_its_type_is_refused()
    {
        Environment.SetEnvironmentVariable("DIGITS_CACHE_SIZE", "lots");
        Assert.Throws<InvalidServerOptionsException>(() => Load());
    }

    public void Dispose()
    {
        foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
    }
}
