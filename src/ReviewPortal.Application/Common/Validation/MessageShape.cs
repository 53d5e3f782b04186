using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation.Results;

namespace ReviewPortal.Application.Common.Validation;

/// <summary>
/// The checks every message gets before its own validators run, whatever its type: no control characters in any
/// string (members, list elements, nested records, at any depth), no null list elements, and no null where the
/// type says a nested object or list is required. Failures carry FluentValidation-style paths
/// (<c>CoSpeakers[0].Name</c>, <c>Document.Proposals[3].Speakers</c>), so clients and pages see the field.
/// </summary>
/// <remarks>
/// Null <em>strings</em> are left to the message's validators, which say in the form's words what is missing
/// ("Give the talk a title."). A failure of shape (a null element or nested object) stops the message before its
/// validators, so a validator may assume its nested objects are there.
/// </remarks>
public static partial class MessageShape
{
    private const int MaxDepth = 16;

    private static readonly ConcurrentDictionary<Type, Member[]> MembersByType = new();

    /// <summary>Checks <paramref name="message"/>; <paramref name="shapeBroken"/> is true when a null element or nested object was found.</summary>
    public static List<ValidationFailure> Check(object message, out bool shapeBroken)
    {
        var walker = new Walker();
        walker.Visit(message, "", 0);
        shapeBroken = walker.ShapeBroken;
        return walker.Failures;
    }

    /// <summary>A member name as words for a message: <c>Speakers[1].DisplayName</c> → "Display name".</summary>
    public static string Words(string path)
    {
        var last = path.Split('.')[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
            last = last[..bracket];
        if (last.Length == 0)
            return "This value";
        var words = CamelCaseBoundary().Replace(last, " $1").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex CamelCaseBoundary();

    private sealed class Walker
    {
        public List<ValidationFailure> Failures { get; } = [];
        public bool ShapeBroken { get; private set; }

        public void Visit(object value, string path, int depth)
        {
            if (depth > MaxDepth)
                return;
            foreach (var member in MembersOf(value.GetType()))
            {
                var memberValue = member.Property.GetValue(value);
                var memberPath = path.Length == 0 ? member.Property.Name : $"{path}.{member.Property.Name}";
                if (memberValue is null)
                {
                    if (member.Kind != MemberKind.Text && member.Required)
                        Fail(memberPath, $"{Words(memberPath)} is missing.", shape: true);
                    continue;
                }

                VisitValue(memberValue, member.Kind, member.ElementKind, member.ElementsRequired, memberPath, depth);
            }
        }

        private void VisitValue(object value, MemberKind kind, MemberKind elementKind, bool elementsRequired, string path, int depth)
        {
            switch (kind)
            {
                case MemberKind.Text:
                    if (TextRules.HasControlCharacters((string)value))
                        Fail(path, $"{Words(path)} {TextRules.ControlCharactersMessage}", shape: false);
                    break;
                case MemberKind.Object:
                    Visit(value, path, depth + 1);
                    break;
                case MemberKind.List:
                    var index = 0;
                    foreach (var element in (IEnumerable)value)
                    {
                        var elementPath = $"{path}[{index++}]";
                        if (element is null)
                        {
                            if (elementsRequired)
                                Fail(elementPath, $"{Words(path)} has an empty entry (null).", shape: true);
                            continue;
                        }

                        if (elementKind == MemberKind.Text)
                        {
                            if (TextRules.HasControlCharacters((string)element))
                                Fail(elementPath, $"{Words(path)} {TextRules.ControlCharactersMessage}", shape: false);
                        }
                        else if (elementKind == MemberKind.Object)
                        {
                            Visit(element, elementPath, depth + 1);
                        }
                    }

                    break;
            }
        }

        private void Fail(string path, string message, bool shape)
        {
            Failures.Add(new ValidationFailure(path, message));
            ShapeBroken |= shape;
        }
    }

    private enum MemberKind { Other, Text, Object, List }

    private sealed record Member(PropertyInfo Property, MemberKind Kind, bool Required, MemberKind ElementKind, bool ElementsRequired);

    private static Member[] MembersOf(Type type) => MembersByType.GetOrAdd(type, static t =>
    {
        var nullability = new NullabilityInfoContext();
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod!.GetParameters().Length == 0)
            .Select(p =>
            {
                var info = nullability.Create(p);
                var kind = KindOf(p.PropertyType);
                var elementKind = MemberKind.Other;
                var elementsRequired = false;
                if (kind == MemberKind.List)
                {
                    var elementType = ElementTypeOf(p.PropertyType);
                    elementKind = elementType is null ? MemberKind.Other : KindOf(elementType);
                    elementsRequired = elementType is { IsValueType: false }
                        && (info.ElementType ?? info.GenericTypeArguments.FirstOrDefault())?.ReadState != NullabilityState.Nullable;
                }

                return new Member(p, kind, info.ReadState == NullabilityState.NotNull, elementKind, elementsRequired);
            })
            .Where(m => m.Kind != MemberKind.Other)
            .ToArray();
    });

    /// <summary>Strings, lists, and the Application layer's own records (messages and what they carry) are walked; framework values (Guid, dates, enums) cannot hold text.</summary>
    private static MemberKind KindOf(Type type)
    {
        if (type == typeof(string))
            return MemberKind.Text;
        if (type.IsValueType)
            return MemberKind.Other;
        if (typeof(IEnumerable).IsAssignableFrom(type))
            return ElementTypeOf(type) is null || typeof(IDictionary).IsAssignableFrom(type) ? MemberKind.Other : MemberKind.List;
        return type.Namespace?.StartsWith("ReviewPortal.Application", StringComparison.Ordinal) == true ? MemberKind.Object : MemberKind.Other;
    }

    private static Type? ElementTypeOf(Type type)
    {
        if (type.IsArray)
            return type.GetElementType();
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
