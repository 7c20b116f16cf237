using LedelsesInfo.Domain;

namespace LedelsesInfo.Infrastructure.Tests.Texts;

/// <summary>The Danish words of the portal's codes: every code has one, in the right form.</summary>
public sealed class DanishTests
{
    [Fact]
    public void Periods_and_status_read_in_danish()
    {
        Assert.Equal("uge 9 2025", Danish.Name(Periods.Parse("2025-W09")));
        Assert.Equal("1. kvartal 2025", Danish.Name(Periods.Parse("2025-Q1")));
        Assert.Equal("marts 2025", Danish.Name(Periods.Parse("2025-03")));
        Assert.Equal("Gul: tæt på målet", Danish.Name(TargetStatus.Yellow));
        Assert.Equal("kvartalsvis", Danish.Cadence(PeriodKind.Quarter));
    }

    [Theory]
    [InlineData(UnitLevel.Municipality, "kommune", "kommunen")]
    [InlineData(UnitLevel.Department, "forvaltning", "forvaltningen")]
    [InlineData(UnitLevel.Area, "afdeling", "afdelingen")]
    [InlineData(UnitLevel.Team, "team", "teamet")]
    public void Every_unit_level_has_its_noun_and_its_definite_form(UnitLevel level, string noun, string definite)
    {
        Assert.Equal(noun, Danish.Name(level));
        Assert.Equal(definite, Danish.Definite(level));
    }

    [Fact]
    public void Every_code_of_every_enum_a_reader_sees_has_a_danish_word_of_its_own()
    {
        static void Each<T>(Func<T, string> name) where T : struct, Enum
        {
            var words = Enum.GetValues<T>().Select(v => (Value: v, Word: name(v))).ToList();
            Assert.All(words, w => Assert.False(string.IsNullOrWhiteSpace(w.Word)));
            Assert.Equal(words.Count, words.Select(w => w.Word).Distinct().Count());
        }
        Each<DeadlineKind>(Danish.Name);
        Each<DeadlineState>(Danish.Name);
        Each<ActivityKind>(Danish.Name);
        Each<Audience>(Danish.Name);
        Each<ReviewMode>(Danish.Name);
        Each<RoundStatus>(Danish.Name);
        Each<ReviewAnswerValue>(Danish.Name);
        Each<ImportStatus>(Danish.Name);
        Each<TargetStatus>(Danish.Name);
    }

    [Theory]
    [InlineData(-3, "3 dage over")]
    [InlineData(-1, "1 dag over")]
    [InlineData(0, "i dag")]
    [InlineData(1, "1 dag tilbage")]
    [InlineData(5, "5 dage tilbage")]
    public void Days_to_a_deadline_in_singular_and_plural(int days, string text) =>
        Assert.Equal(text, Danish.Days(new DateOnly(2025, 6, 10).AddDays(days), new DateOnly(2025, 6, 10)));
}
