using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>
/// Writes the field rules of <c>Grains.Abstractions.Rules</c> into schemas: the document shows exactly the bounds the
/// validation code enforces, because both read the same rule objects.
/// </summary>
internal static class SchemaRules
{
    /// <summary>The format every decimal (money, rates) carries: exact decimal numbers, never binary floating point.</summary>
    public const string DecimalFormat = "decimal";

    public static void Money(OpenApiSchema schema, DecimalRule rule, string what)
    {
        Number(schema, rule);
        schema.Description = $"{what} in US dollars: {Range(rule)}, at most {rule.Decimals} decimal places.";
    }

    public static void Rate(OpenApiSchema schema, DecimalRule rule, string what)
    {
        Number(schema, rule);
        schema.Description = $"{what}: {Range(rule)}, at most {rule.Decimals} decimal places.";
    }

    public static void Integer(OpenApiSchema schema, IntegerRule rule, string what)
    {
        schema.Type = JsonSchemaType.Integer;
        schema.Format = "int32";
        schema.Minimum = Invariant(rule.Minimum);
        schema.Maximum = Invariant(rule.Maximum);
        schema.Description = $"{what}: {rule.Minimum} to {rule.Maximum}.";
    }

    public static void Text(OpenApiSchema schema, TextRule rule, string what)
    {
        schema.Type = JsonSchemaType.String;
        schema.MinLength = rule.MinLength;
        schema.MaxLength = rule.MaxLength;
        // Blank text counts as missing (at least one character that is not white space), and display text refuses
        // control, bidi and zero-width characters: the same table the validation reads.
        schema.Pattern = DisplayText.Pattern;
        schema.Description = $"{what}: {rule.MinLength} to {rule.MaxLength} characters; surrounding white space is trimmed; "
            + "no control characters (line breaks, tabs), bidirectional controls or zero-width characters.";
        if (rule.MaxBytes > 0)
        {
            schema.Description += $" At most {rule.MaxBytes} bytes in UTF-8.";
        }

    }

    public static void Email(OpenApiSchema schema, string what)
    {
        schema.Type = JsonSchemaType.String;
        schema.Format = "email";
        schema.MaxLength = EmailAddress.MaxLength;
        schema.Description = $"{what}: a plain address such as name@example.com (no display name), at most {EmailAddress.MaxLength} characters; compared case-insensitively.";
    }

    public static void Password(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.String;
        schema.Format = "password";
        schema.MinLength = UserLimits.MinPasswordLength;
        schema.MaxLength = UserLimits.MaxPasswordLength;
        schema.Description = $"{UserLimits.MinPasswordLength} to {UserLimits.MaxPasswordLength} characters, taken as typed.";
    }

    public static void Pattern(OpenApiSchema schema, string pattern, string description)
    {
        schema.Type = JsonSchemaType.String;
        schema.Pattern = pattern;
        schema.Description = description;
    }

    public static void OneOf(OpenApiSchema schema, IEnumerable<string> values, string description)
    {
        schema.Type = JsonSchemaType.String;
        schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        schema.Description = description;
    }

    public static void Lenders(OpenApiSchema schema, int minimum, string description)
    {
        schema.MinItems = minimum;
        schema.MaxItems = LoanLimits.MaxLendersPerRequest;
        schema.Description = description;
    }

    /// <summary>Any decimal without a rule of its own: a JSON number that is a multiple of <paramref name="step"/>.</summary>
    public static void Decimal(OpenApiSchema schema, decimal step)
    {
        schema.Format = DecimalFormat;
        schema.MultipleOf = step;
    }

    private static void Number(OpenApiSchema schema, DecimalRule rule)
    {
        schema.Type = JsonSchemaType.Number;
        Decimal(schema, rule.Step);
        if (rule.ExclusiveMinimum)
        {
            schema.ExclusiveMinimum = Invariant(rule.Minimum);
        }
        else
        {
            schema.Minimum = Invariant(rule.Minimum);
        }

        schema.Maximum = Invariant(rule.Maximum);
    }

    private static string Range(DecimalRule rule) =>
        $"{(rule.ExclusiveMinimum ? "more than" : "at least")} {Invariant(rule.Minimum)} and at most {Invariant(rule.Maximum)}";

    private static string Invariant(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
