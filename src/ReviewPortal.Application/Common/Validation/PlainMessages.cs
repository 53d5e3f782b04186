using System.Globalization;
using FluentValidation;

namespace ReviewPortal.Application.Common.Validation;

/// <summary>
/// FluentValidation's default messages in the form's words: "Display name must not be empty." rather than
/// "'Display Name' must not be empty.". Validators name user-facing fields themselves (<c>WithName("Your name")</c>);
/// every other member gets its name as words (<see cref="MessageShape.Words"/>).
/// </summary>
public static class PlainMessages
{
    private static int configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1)
            return;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : MessageShape.Words(member.Name);
        ValidatorOptions.Global.LanguageManager = new PlainLanguageManager { Culture = CultureInfo.GetCultureInfo("en") };
    }

    private sealed class PlainLanguageManager : FluentValidation.Resources.LanguageManager
    {
        public PlainLanguageManager()
        {
            foreach (var (key, message) in new (string, string)[]
            {
                ("NotEmptyValidator", "{PropertyName} must not be empty."),
                ("NotNullValidator", "{PropertyName} must be given."),
                ("EmailValidator", "{PropertyName} is not a valid e-mail address."),
                ("MaximumLengthValidator", "{PropertyName} can be at most {MaxLength} characters (it has {TotalLength})."),
                ("MinimumLengthValidator", "{PropertyName} needs at least {MinLength} characters (it has {TotalLength})."),
                ("LengthValidator", "{PropertyName} must be {MinLength} to {MaxLength} characters (it has {TotalLength})."),
                ("InclusiveBetweenValidator", "{PropertyName} must be from {From} to {To} (it is {PropertyValue})."),
                ("GreaterThanValidator", "{PropertyName} must be more than {ComparisonValue}."),
                ("GreaterThanOrEqualValidator", "{PropertyName} must be at least {ComparisonValue}."),
                ("LessThanValidator", "{PropertyName} must be less than {ComparisonValue}."),
                ("LessThanOrEqualValidator", "{PropertyName} must be at most {ComparisonValue}."),
                ("EqualValidator", "{PropertyName} must be {ComparisonValue}."),
                ("NotEqualValidator", "{PropertyName} must not be {ComparisonValue}."),
                ("RegularExpressionValidator", "{PropertyName} is not in the expected form."),
                ("PredicateValidator", "{PropertyName} is not valid."),
                ("AsyncPredicateValidator", "{PropertyName} is not valid."),
                ("EnumValidator", "{PropertyName} has no value {PropertyValue}."),
            })
            {
                AddTranslation("en", key, message);
            }
        }
    }
}
