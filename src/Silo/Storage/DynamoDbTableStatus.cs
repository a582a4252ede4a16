using Amazon.DynamoDBv2;

namespace PrivateLending.Silo.Storage;

/// <summary>What start-up does with a table in a given status (shared by grain storage, membership and reminders).</summary>
internal static class DynamoDbTableStatus
{
    public enum Readiness
    {
        /// <summary>Serves reads and writes: ACTIVE, and UPDATING (a billing switch, an index build, a capacity change).</summary>
        Usable,

        /// <summary>Not there yet: CREATING, or not visible yet right after a create (dynalite answers ResourceNotFound meanwhile).</summary>
        Wait,

        /// <summary>Will not become usable by waiting: DELETING, archived, or its encryption key is inaccessible.</summary>
        Unusable,
    }

    public static Readiness Of(TableStatus? status)
    {
        if (status is null || status == TableStatus.CREATING)
        {
            return Readiness.Wait;
        }

        return status == TableStatus.ACTIVE || status == TableStatus.UPDATING ? Readiness.Usable : Readiness.Unusable;
    }

    public static string Unusable(string tableName, TableStatus status) =>
        $"DynamoDB table '{tableName}' is {status.Value}: it cannot serve requests and will not by waiting. " +
        (status == TableStatus.DELETING ? "Let the deletion finish, then start again (the table is created if allowed)." : "Restore access to it first.");
}
