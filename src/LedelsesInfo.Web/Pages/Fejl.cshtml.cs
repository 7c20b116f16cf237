using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LedelsesInfo.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class FejlModel : PageModel
{
    public string Title { get; private set; } = "Der skete en fejl";
    public string Text { get; private set; } = "Siden kunne ikke vises. Prøv igen om lidt; fortsætter fejlen, så kontakt jeres administrator.";

    public void OnGet(int? kode) => Describe(kode);

    public void OnPost(int? kode) => Describe(kode);

    private void Describe(int? kode)
    {
        switch (kode)
        {
            case StatusCodes.Status403Forbidden:
                Title = "Du har ikke adgang til siden";
                // A handler's refusal says what was outside the reader's scope; without one, the page's policy refused the role.
                Text = HttpContext.Items[Infrastructure.RefusalFilter.DeniedReason] is string reason
                    ? $"{reason} Forsøget er registreret."
                    : "Siden hører til en anden modtagergruppe end din. Forsøget er registreret.";
                break;
            case StatusCodes.Status404NotFound:
                Title = "Siden findes ikke";
                Text = "Adressen passer ikke til en side i LedelsesInfo, eller det du leder efter, er ikke i dit område.";
                break;
            case StatusCodes.Status400BadRequest:
                Title = "Forespørgslen kunne ikke bruges";
                Text = "Tjek de værdier, du har angivet, og prøv igen.";
                break;
            default:
                break;
        }
    }
}
