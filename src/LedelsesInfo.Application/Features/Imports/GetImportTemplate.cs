namespace LedelsesInfo.Application.Features.Imports;

public sealed record ImportTemplate(string FileName, string ContentType, byte[] Content);

/// <summary>An empty file of one kind, CSV or XLSX, with the header and one example row; null for an unknown kind.</summary>
public sealed record GetImportTemplate(string Kind, bool Spreadsheet) : IQuery<ImportTemplate?>;

public sealed class GetImportTemplateHandler(IImportQueue queue, ICurrentUser user) : IQueryHandler<GetImportTemplate, ImportTemplate?>
{
    public ValueTask<ImportTemplate?> Handle(GetImportTemplate query, CancellationToken cancellationToken)
    {
        ImportAccess.Require(user);
        var content = queue.Template(query.Kind, query.Spreadsheet);
        return ValueTask.FromResult(content is null ? null : new ImportTemplate(
            query.Kind + (query.Spreadsheet ? ".xlsx" : ".csv"),
            query.Spreadsheet ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
            content));
    }
}
