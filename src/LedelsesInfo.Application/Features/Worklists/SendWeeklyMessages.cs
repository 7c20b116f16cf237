namespace LedelsesInfo.Application.Features.Worklists;

/// <summary>What a week's sending did: the messages sent (or, in a dry run, that would be sent) and those that failed.</summary>
public sealed record WeeklySending(WeeklyMessages Week, IReadOnlyList<WeeklyMessage> Sent, IReadOnlyList<(WeeklyMessage Message, string Error)> Failed, bool DryRun);

/// <summary>
/// Sends the week's messages (<see cref="GetWeeklyMessages"/>) and records each one sent: to whom, when, for which week
/// and the counts. A person gets one message a week however often this runs (a restart, the CLI and the schedule): the
/// record is unique per week and person, and those already recorded are not asked again. A dry run sends and records nothing.
/// </summary>
public sealed record SendWeeklyMessages(DateOnly Day, string PortalUrl, bool DryRun) : ICommand<WeeklySending>;

public sealed class SendWeeklyMessagesHandler(IAppDbContext db, IMailSender mail, IClock clock, IMediator mediator) : ICommandHandler<SendWeeklyMessages, WeeklySending>
{
    public async ValueTask<WeeklySending> Handle(SendWeeklyMessages command, CancellationToken ct)
    {
        var week = await mediator.Send(new GetWeeklyMessages(command.Day, command.PortalUrl), ct);
        if (command.DryRun)
        {
            return new WeeklySending(week, week.Messages, [], true);
        }
        var sent = new List<WeeklyMessage>();
        var failed = new List<(WeeklyMessage, string)>();
        foreach (var m in week.Messages)
        {
            try
            {
                await mail.SendAsync(new MailMessage(m.Address, m.Name, m.Subject, m.Body), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add((m, e.Message));
                continue; // not recorded: the next run tries again
            }
            db.SentMessages.Add(new SentMessage
            {
                EmployeeId = m.EmployeeId, Address = m.Address, Week = week.Week, SentAt = clock.Now,
                ThisWeek = m.Counts.ThisWeek, NewlyOverdue = m.Counts.NewlyOverdue, Overdue = m.Counts.Overdue, LongOverdue = m.Counts.LongOverdue,
            });
            await db.SaveChangesAsync(ct);
            sent.Add(m);
        }
        return new WeeklySending(week, sent, failed, false);
    }
}
