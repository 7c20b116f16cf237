using FluentValidation;
using LedelsesInfo.Application.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace LedelsesInfo.Web.Infrastructure;

/// <summary>
/// The one way a refusal reaches the user, for every page; no page catches a refusal itself.
/// <list type="bullet">
/// <item><see cref="AccessDeniedException"/> (rows outside the user's scope, logged by the handler): 403 and the error page.</item>
/// <item><see cref="NotFoundException"/> (an id that does not exist): 404 and the error page.</item>
/// <item><see cref="ValidationException"/> (the validation behaviour, or a business rule): on a render, the messages in
/// ModelState, shown by the layout above the page, and 400 (also after the POST of a form page,
/// <see cref="IRerendersRefusedPost"/>); after any other POST, the message in TempData["Fejl"] and a redirect to the
/// page it came from, so a reload does not post again.</item>
/// </list>
/// </summary>
public sealed class RefusalFilter : IAsyncPageFilter
{
    /// <summary>The TempData key of a refused POST's message, shown by the layout.</summary>
    public const string Refused = "Fejl";

    /// <summary>The request item that carries a handler's refusal to the error page, so it can say the true reason.</summary>
    public const string DeniedReason = "Afvist";

    /// <summary>The TempData key of a POST's success message, shown by the layout.</summary>
    public const string Saved = "Gemt";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        switch (executed.Exception)
        {
            case AccessDeniedException denied:
                executed.ExceptionHandled = true;
                context.HttpContext.Items[DeniedReason] = denied.Message;
                executed.Result = new ForbidResult();
                break;
            case NotFoundException:
                executed.ExceptionHandled = true;
                executed.Result = new NotFoundResult();
                break;
            case ValidationException refused when HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method)
                || context.HandlerInstance is IRerendersRefusedPost:
                executed.ExceptionHandled = true;
                foreach (var error in Errors(refused))
                {
                    executed.ModelState.AddModelError(error.Field, error.Message);
                }
                if (context.HandlerInstance is IRerendersRefusedPost form && HttpMethods.IsPost(context.HttpContext.Request.Method))
                {
                    try
                    {
                        await form.BeforeRerenderAsync(context.HttpContext.RequestAborted);
                    }
                    catch (AccessDeniedException denied)
                    {
                        // What the form would show is not the user's to see: refused as any other page refuses it.
                        context.HttpContext.Items[DeniedReason] = denied.Message;
                        executed.Result = new ForbidResult();
                        break;
                    }
                    catch (NotFoundException)
                    {
                        executed.Result = new NotFoundResult();
                        break;
                    }
                    catch (ValidationException alsoRefused)
                    {
                        foreach (var error in Errors(alsoRefused))
                        {
                            executed.ModelState.AddModelError(error.Field, error.Message);
                        }
                    }
                }
                executed.Result = new PageResult { StatusCode = StatusCodes.Status400BadRequest };
                break;
            case ValidationException refused:
                executed.ExceptionHandled = true;
                var tempData = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
                tempData[Refused] = string.Join(" ", Errors(refused).Select(e => e.Message));
                executed.Result = new RedirectResult(Back(context.HttpContext.Request));
                break;
        }
    }

    private static IEnumerable<(string Field, string Message)> Errors(ValidationException refused) =>
        refused.Errors.Any() ? refused.Errors.Select(e => (e.PropertyName, e.ErrorMessage)) : [("", refused.Message)];

    /// <summary>The page the form was posted from: its path and query, less the handler.</summary>
    private static string Back(HttpRequest request)
    {
        var query = DashboardPage.QueryWithout(request, "handler").ToList();
        return request.PathBase + request.Path + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

/// <summary>
/// A page whose POST shows its form again with the refusal beside the user's input (ModelState and 400), instead of a
/// message and a redirect: for forms with choices a user would otherwise have to make again.
/// </summary>
public interface IRerendersRefusedPost
{
    /// <summary>Reads what the form shows besides the user's input, only when it is shown again (a POST that succeeds redirects and needs none of it).</summary>
    Task BeforeRerenderAsync(CancellationToken ct) => Task.CompletedTask;
}
