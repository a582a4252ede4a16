using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>
/// Makes schemas say what the API really writes: decimals as exact numbers with their precision, and the members
/// every problem response carries. Request members are described by <see cref="RequestContractsTransformer"/>.
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Members are handled with their object, where the JSON names and CLR types are at hand.
        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        foreach (var property in info.Properties)
        {
            if (IsDecimal(property.PropertyType) && schema.Properties.TryGetValue(property.Name, out var member) && member is OpenApiSchema number)
            {
                SchemaRules.Decimal(number, StepOf(property.Name));
            }
        }

        if (typeof(ProblemDetails).IsAssignableFrom(info.Type))
        {
            DescribeProblem(schema);
        }
        else
        {
            RequireInherited(schema, info);
        }

        return Task.CompletedTask;
    }

    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Description = "An RFC 9457 problem. `code` is stable and meant for programs; `detail` is for people.";
        schema.Properties![ProblemText.CodeMember] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Stable error code, e.g. VALIDATION_ERROR, NOT_FOUND, DUPLICATE_LENDER, OVER_FUNDING, PRECONDITION_FAILED.",
        };
        schema.Properties[ProblemText.RequestIdMember] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's id, also in the X-Request-Id header; quote it when reporting a problem.",
        };
        schema.Properties[ProblemText.TimestampMember] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
        schema.Properties[ProblemText.RetryAfterMember] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Description = "Seconds to wait before retrying (429 and 503 only), as in the Retry-After header.",
        };
        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        schema.Required.Add(ProblemText.CodeMember);
    }

    /// <summary>
    /// A response record that extends another (a loan is its funding figures plus its own fields) writes the inherited
    /// members as the base does, so those the base's constructor requires are required here too; the generator only
    /// sees the derived constructor's parameters.
    /// </summary>
    private static void RequireInherited(OpenApiSchema schema, JsonTypeInfo info)
    {
        var baseType = info.Type.BaseType;
        if (baseType is null || baseType == typeof(object) || baseType.GetMethod("<Clone>$") is null)
        {
            return;
        }

        var requiredByBase = baseType.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => !p.HasDefaultValue)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is System.Reflection.PropertyInfo { DeclaringType: var declaring, Name: var name }
                && declaring == baseType && requiredByBase.Contains(name))
            {
                schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
                schema.Required.Add(property.Name);
            }
        }
    }

    private static bool IsDecimal(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(decimal);

    // Every decimal the API reads or writes is money or a percentage in cents, except the interest rate.
    private static decimal StepOf(string jsonName) =>
        jsonName == "interest_rate" ? LoanLimits.InterestRate.Step : LoanLimits.Amount.Step;
}
