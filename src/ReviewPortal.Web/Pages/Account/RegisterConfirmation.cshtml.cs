using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReviewPortal.Infrastructure.Mail;

namespace ReviewPortal.Web.Pages.Account;

public sealed class RegisterConfirmationModel(IOptions<MailOptions> mail, IWebHostEnvironment environment) : PageModel
{
    public string Email { get; private set; } = "";
    public string? PickupDirectory { get; private set; }

    public void OnGet(string? email)
    {
        Email = email ?? "";
        if (environment.IsDevelopment() && !mail.Value.UsesSmtp)
            PickupDirectory = mail.Value.PickupDirectory;
    }
}
