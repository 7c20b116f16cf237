using LedelsesInfo.Domain;
using LedelsesInfo.Infrastructure.Import;
using LedelsesInfo.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LedelsesInfo.Infrastructure.Tests.Import;

/// <summary>
/// The employees file is the complete list of who works here: one left out of it loses access and every session, in the
/// file's transaction; one back in the file has access again; a file with a rejected row or a preview removes nobody.
/// </summary>
public sealed class RemovedEmployeeTests : IDisposable
{
    private const string Header = "employee_id;name;unit_id;role;login\n";
    private const string WithoutBo = Header + "M1;Anne Hansen;T1;sagsbehandler;anne@test.dk\nM3;Carla Holm;T2;sagsbehandler;carla@test.dk\nM4;Dorte Lund;T1;teamleder;dorte@test.dk\n";

    private readonly TestDatabase _db = new();

    public RemovedEmployeeTests()
    {
        Files.Basics(_db.Folder);
        Assert.All(_db.ImportAsync(_db.Folder).GetAwaiter().GetResult().Files, f => Assert.Equal(0, f.RowsRejected));
        using var db = _db.NewContext();
        db.SignInSessions.Add(new SignInSession { Id = "bo-session", UserName = "bo@test.dk", EmployeeId = "M2", StartedAt = new DateTime(2026, 10, 30, 9, 0, 0) });
        db.SignInSessions.Add(new SignInSession { Id = "anne-session", UserName = "anne@test.dk", EmployeeId = "M1", StartedAt = new DateTime(2026, 10, 30, 9, 0, 0) });
        db.SaveChanges();
    }

    public void Dispose() => _db.Dispose();

    private string Employees(string content)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_db.Folder, Guid.NewGuid().ToString("N"))).FullName;
        return Files.Csv(folder, "employees.csv", content);
    }

    private async Task<(DateTime? Bo, DateTime? Anne, DateTime? BoSession, DateTime? AnneSession)> StateAsync()
    {
        await using var db = _db.NewContext();
        var removed = await db.Employees.Where(e => e.Id == "M1" || e.Id == "M2").ToDictionaryAsync(e => e.Id, e => e.RemovedAt);
        var ended = await db.SignInSessions.ToDictionaryAsync(s => s.Id, s => s.EndedAt);
        return (removed["M2"], removed["M1"], ended["bo-session"], ended["anne-session"]);
    }

    [Fact]
    public async Task An_employee_left_out_of_the_file_loses_access_and_every_session_and_has_it_again_when_back()
    {
        var result = await _db.ImportOneAsync(Employees(WithoutBo));

        Assert.Equal(3, result.RowsApplied);
        Assert.Contains("1 medarbejder er ikke længere i filen og har mistet adgangen til portalen", result.Warnings);
        var (bo, anne, boSession, anneSession) = await StateAsync();
        Assert.Equal(new FixedClock().Now, bo);
        Assert.Equal(new FixedClock().Now, boSession);
        Assert.Null(anne);
        Assert.Null(anneSession);
        await using (var db = _db.NewContext())
        {
            Assert.Equal(4, await db.Employees.CountAsync()); // the row stays for the cases and hours that name Bo
        }

        var back = await _db.ImportOneAsync(Employees(Header + Files.Employees.Split('\n', 2)[1]));

        Assert.Equal(0, back.RowsRejected);
        Assert.DoesNotContain(back.Warnings, w => w.Contains("adgangen", StringComparison.Ordinal));
        Assert.Null((await StateAsync()).Bo);
        Assert.NotNull((await StateAsync()).BoSession); // an ended session stays ended: Bo signs in again
    }

    [Fact]
    public async Task A_file_with_a_rejected_row_removes_nobody_and_says_so()
    {
        var result = await _db.ImportOneAsync(Employees(WithoutBo + "M9;Ny Medarbejder;UKENDT;sagsbehandler;\n"));

        Assert.Equal(1, result.RowsRejected);
        Assert.Contains("1 medarbejder er ikke i filen, men beholder adgangen, fordi filen har afviste rækker", result.Warnings);
        Assert.Equal((null, null, null, null), await StateAsync());
    }

    [Fact]
    public async Task A_preview_says_who_would_lose_access_and_writes_nothing()
    {
        await using var db = _db.NewContext();
        var result = (await new Importer(db, new FixedClock()).ImportAsync([Employees(WithoutBo)], new ImportOptions { Preview = true })).Files.Single();

        Assert.Contains("1 medarbejder er ikke i filen og mister adgangen til portalen, når filen indlæses", result.Warnings);
        Assert.Equal((null, null, null, null), await StateAsync());
    }
}
