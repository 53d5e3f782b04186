using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Infrastructure.Identity;

namespace ReviewPortal.Web.Pages.Account;

/// <summary>
/// Signing in is a web concern (it sets the cookie), so this page talks to SignInManager directly.
/// Failed attempts count towards lockout; the page is rate limited per client address.
/// </summary>
public sealed class LoginModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The right password for an unconfirmed account: offer a new confirmation mail.</summary>
    public bool NeedsConfirmation { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
            ModelState.AddModelError("Input.Email", "Enter your e-mail address.");
        if (string.IsNullOrEmpty(Input.Password))
            ModelState.AddModelError("Input.Password", "Enter your password.");
        if (!ModelState.IsValid)
            return Page();

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        if (result.IsLockedOut)
            return RedirectToPage("Lockout");
        // "Not allowed" comes only after the right password (EnumerationSafeSignInManager), so it tells nothing new.
        NeedsConfirmation = result.IsNotAllowed;
        ModelState.AddModelError("", result.IsNotAllowed
            ? "Confirm your e-mail address first: open the link in the confirmation mail."
            : "The e-mail or password is wrong.");
        return Page();
    }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public bool RememberMe { get; set; }
    }
}
