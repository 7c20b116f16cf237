using LedelsesInfo.Application.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// A handler that refuses rows outside the user's scope throws <see cref="AccessDeniedException"/> after logging the
/// attempt; every page answers it the same way, with 403 and the portal's error page.
/// </summary>
public sealed class AccessDeniedFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is AccessDeniedException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new ForbidResult();
        }
    }
}
