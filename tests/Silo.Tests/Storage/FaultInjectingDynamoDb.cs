using System.Reflection;
using Amazon.DynamoDBv2;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// An <see cref="IAmazonDynamoDB"/> that forwards to a real client but lets a test fail chosen calls, either before they
/// reach the server (throttling, no connection) or after the server applied them (a lost reply). Also counts calls.
/// </summary>
public class FaultInjectingDynamoDb : DispatchProxy
{
    private static readonly MethodInfo FailAfterMethod =
        typeof(FaultInjectingDynamoDb).GetMethod(nameof(FailAfterAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo FromExceptionMethod =
        typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod);

    private readonly Dictionary<string, int> _calls = [];

    private IAmazonDynamoDB? _inner;

    /// <summary>Called before forwarding a method (by name); a returned exception fails the call without sending it.</summary>
    public Func<string, Exception?> FailBefore { get; set; } = _ => null;

    /// <summary>Called after the server answered; a returned exception replaces the answer.</summary>
    public Func<string, Exception?> FailAfter { get; set; } = _ => null;

    /// <summary>Called with the server's answer (method name, response); may change it before the caller sees it.</summary>
    public Action<string, object?> AlterAnswer { get; set; } = (_, _) => { };

    public static (IAmazonDynamoDB Client, FaultInjectingDynamoDb Faults) Wrap(IAmazonDynamoDB inner)
    {
        var client = Create<IAmazonDynamoDB, FaultInjectingDynamoDb>();
        var faults = (FaultInjectingDynamoDb)(object)client;
        faults._inner = inner;
        return (client, faults);
    }

    public int Calls(string method)
    {
        lock (_calls)
        {
            return _calls.GetValueOrDefault(method);
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var name = targetMethod.Name;
        lock (_calls)
        {
            _calls[name] = _calls.GetValueOrDefault(name) + 1;
        }

        var isTask = targetMethod.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>);
        if (isTask && FailBefore(name) is { } before)
        {
            return FromExceptionMethod.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [before]);
        }

        var result = targetMethod.Invoke(_inner, args);
        return isTask
            ? FailAfterMethod.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [result, (Func<Exception?>)(() => FailAfter(name)), (Action<object?>)(answer => AlterAnswer(name, answer))])
            : result;
    }

    private static async Task<T> FailAfterAsync<T>(Task<T> call, Func<Exception?> failure, Action<object?> alter)
    {
        var result = await call;
        alter(result);
        return failure() is { } exception ? throw exception : result;
    }
}
