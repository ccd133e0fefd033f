using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// The format a stored document was written in: a hash of the record's JSON contract as the serializer sees it (every
/// property's name, nested objects and lists included, and the type and converter of each value; the names of the
/// record types themselves do not count). Adding, renaming or
/// retyping a field of a response record gives its documents a new format, so a release never serves a document an
/// older release wrote (<see cref="DocumentProjection{TRecord}"/>); the backfill writes them again.
/// </summary>
public static class DocumentFormat
{
    /// <summary>
    /// Raised by hand when the serializer writes the same contract differently (a converter's output changed): the
    /// contract alone cannot show that.
    /// </summary>
    public const int Revision = 1;

    public static string Of(JsonTypeInfo typeInfo)
    {
        var contract = new StringBuilder().Append(Revision.ToString(CultureInfo.InvariantCulture)).Append('|');
        Describe(typeInfo, contract, []);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contract.ToString()))[..8]);
    }

    private static void Describe(JsonTypeInfo typeInfo, StringBuilder contract, HashSet<Type> seen)
    {
        contract.Append(typeInfo.Kind);
        if (!seen.Add(typeInfo.Type))
        {
            return;
        }
        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object:
                contract.Append('{');
                foreach (var property in typeInfo.Properties)
                {
                    contract.Append(property.Name).Append('=');
                    Describe(typeInfo.Options.GetTypeInfo(property.PropertyType), contract, seen);
                    contract.Append(';');
                }
                contract.Append('}');
                break;
            case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                contract.Append('[');
                Describe(typeInfo.Options.GetTypeInfo(typeInfo.ElementType!), contract, seen);
                contract.Append(']');
                break;
            default:
                contract.Append('(').Append(typeInfo.Type.FullName).Append(" by ").Append(typeInfo.Converter.GetType().FullName).Append(')');
                break;
        }
        seen.Remove(typeInfo.Type);
    }
}
