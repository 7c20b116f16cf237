using LedelsesInfo.Domain;

namespace LedelsesInfo.Domain.Tests;

public sealed class ChildIdTests
{
    [Theory]
    [InlineData("0103151234")]
    [InlineData("010315-1234")]
    [InlineData("290200 1234")]
    [InlineData("barn 3112991234")]
    public void A_value_that_could_be_a_cpr_number_is_caught(string value) => Assert.True(ChildIds.LooksLikeCpr(value));

    [Theory]
    [InlineData("B0000001")]
    [InlineData("3213151234")] // day 32
    [InlineData("0113151234")] // month 13
    [InlineData("01031512345")] // eleven digits
    [InlineData("")]
    [InlineData(null)]
    public void A_pseudonym_is_not_taken_for_a_cpr_number(string? value) => Assert.False(ChildIds.LooksLikeCpr(value));
}

public sealed class CodeTests
{
    [Fact]
    public void Codes_round_trip_and_parse_case_insensitively()
    {
        Assert.Equal("netvaerksplejefamilie", Code<ActivityKind>.Of(ActivityKind.NetworkFosterFamily));
        Assert.True(Code<ActivityKind>.TryParse(" Plejefamilie ", out var kind));
        Assert.Equal(ActivityKind.FosterFamily, kind);
        Assert.False(Code<ActivityKind>.TryParse("plejehjem", out _));
        Assert.Equal("direktør", Code<EmployeeRole>.Of(EmployeeRole.Director));
    }

    [Fact]
    public void Placements_are_the_five_placement_kinds()
    {
        var placements = Enum.GetValues<ActivityKind>().Where(ActivityKinds.IsPlacement).Select(Code<ActivityKind>.Of);
        Assert.Equal(["plejefamilie", "netvaerksplejefamilie", "opholdssted", "doegninstitution", "sikret"], placements);
    }
}
