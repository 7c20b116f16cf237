using System.Globalization;
using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Persistence;
using LedelsesInfo.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LedelsesInfo.Web.Tests;

/// <summary>
/// The results for the children where each audience reads them, on the demo municipality: the committee's paper has its
/// section with E1-E3 in plain words, and the caseworker's own page counts the own follow-ups' goals against the team's,
/// counted here from the imported rows. Part of <see cref="DashboardHttpTests"/>, so the same seeded portal serves both.
/// </summary>
public sealed partial class DashboardHttpTests
{
    [Fact]
    public async Task The_committee_reads_the_results_for_the_children_and_a_caseworker_the_own_follow_ups_against_the_teams()
    {
        using var committee = await SignIn.AsAsync(factory, "fagudvalg");
        var paper = Forms.Text(await committee.GetStringAsync("/Fagudvalg"));
        var section = paper[paper.IndexOf("Resultater for børnene Hvordan det går børnene", StringComparison.Ordinal)..];
        Assert.Contains("ved hvor mange opfølgninger indsatsens mål var nået for barnet (højere er bedre)", section, StringComparison.Ordinal);
        foreach (var figure in new[] { KpiCatalogue.E1, KpiCatalogue.E2, KpiCatalogue.E3 })
        {
            Assert.Contains($"{figure.Code} {figure.Name}", section, StringComparison.Ordinal);
        }
        // The summary on page one has them too, with their target.
        Assert.Contains("E1 Opfølgninger hvor indsatsens mål er nået", paper[..paper.IndexOf("Resultater for børnene", StringComparison.Ordinal)], StringComparison.Ordinal);

        var caseworkers = await SignIn.EmployeeIdsAsync(factory, "sagsbehandler");
        using var caseworker = await SignIn.AsAsync(factory, "sagsbehandler");
        var mine = Forms.Text(await caseworker.GetStringAsync("/Mine"));
        var day = DateOnly.ParseExact(System.Text.RegularExpressions.Regex.Match(mine, @"til og med (\d+\. \w+ \d{4})\)").Groups[1].Value, "d. MMMM yyyy", CultureInfo.GetCultureInfo("da-DK"));
        int yes, partly, no, teamYes, teamAll;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedelsesInfoDbContext>();
            var me = caseworkers[0];
            var team = await db.Employees.Where(e => e.Id == me).Select(e => e.UnitId).SingleAsync();
            var rows = await (from e in db.ActivityEvents
                              join a in db.Activities on e.ActivityId equals a.Id
                              join c in db.Cases on a.CaseId equals c.Id
                              where c.TeamId == team && e.Kind == ActivityEventKind.FollowUp && e.GoalAttained != null
                              select new { c.CaseworkerId, e.OccurredOn, e.GoalAttained }).ToListAsync();
            var window = rows.Where(r => r.OccurredOn > day.AddMonths(-12) && r.OccurredOn <= day).ToList();
            var own = window.Where(r => r.CaseworkerId == me).ToList();
            (yes, partly, no) = (own.Count(r => r.GoalAttained == GoalAttained.Yes), own.Count(r => r.GoalAttained == GoalAttained.Partly), own.Count(r => r.GoalAttained == GoalAttained.No));
            (teamYes, teamAll) = (window.Count(r => r.GoalAttained == GoalAttained.Yes), window.Count);
        }
        Assert.True(yes + partly + no > 0, "demoens sagsbehandler har ingen vurderede opfølgninger");
        var share = Math.Round(100m * yes / (yes + partly + no), 1, MidpointRounding.AwayFromZero).ToString("N1", CultureInfo.GetCultureInfo("da-DK"));
        var teamShare = Math.Round(100m * teamYes / teamAll, 1, MidpointRounding.AwayFromZero).ToString("N1", CultureInfo.GetCultureInfo("da-DK"));
        Assert.Contains($"Ved {yes + partly + no} opfølgninger i dine sager de seneste 12 måneder var indsatsens mål nået {yes} gange ({share} %) og delvist nået {partly} gange; i teamet som helhed var målet nået ved {teamShare} %.",
            mine, StringComparison.Ordinal);
        Assert.Contains($"Mine sager {yes} {partly} {no} {yes + partly + no} {share} %", mine, StringComparison.Ordinal);
    }
}
