using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CommunityHub.Api.Tests.Infrastructure.TSql;

/// <summary>
/// Parses a statement as SQL Server would (TSql160Parser) and checks every table and column it names against the
/// schema the SQL Server migrations build. Scoping is by statement, not by sub-query: a qualified column must exist
/// in the table its alias names; an unqualified one in some table the statement reads or writes (or be an output
/// alias). That catches typos and columns missing from a migration; it cannot catch a column that exists in the
/// wrong one of two joined tables.
/// </summary>
public static class TSqlStatementCheck
{
    // DATEADD/DATEDIFF/DATEPART parts parse as column references.
    private static readonly HashSet<string> DateParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "year", "quarter", "month", "dayofyear", "day", "week", "weekday", "hour", "minute", "second", "millisecond",
        "microsecond", "nanosecond", "yy", "yyyy", "qq", "q", "mm", "m", "dy", "y", "dd", "d", "wk", "ww", "dw", "hh", "mi", "n", "ss", "s", "ms",
    };

    /// <summary>The problems found; empty when the statement parses and names only what exists.</summary>
    public static IReadOnlyList<string> Check(string sql, TSqlSchema schema)
    {
        var fragment = TSqlSchema.Parse(sql, out var errors);
        if (errors.Count > 0)
        {
            return errors.Select(e => $"T-SQL parse error at line {e.Line}, column {e.Column}: {e.Message}").ToList();
        }
        var names = new NameCollector();
        fragment.Accept(names);

        var problems = new List<string>();
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in names.Tables)
        {
            var name = table.SchemaObject.BaseIdentifier.Value;
            if (names.Ctes.Contains(name))
            {
                if (table.Alias is { } cteAlias)
                {
                    names.DerivedAliases.Add(cteAlias.Value);
                }
                continue;
            }
            if (!schema.Tables.ContainsKey(name))
            {
                problems.Add($"unknown table '{name}'");
                continue;
            }
            aliases[table.Alias?.Value ?? name] = name;
            aliases.TryAdd(name, name);
        }
        // MERGE names its target's alias apart from the table (MERGE t WITH (HOLDLOCK) AS x): the alias stands for the target.
        foreach (var (alias, target) in names.MergeAliases)
        {
            if (schema.Tables.ContainsKey(target))
            {
                aliases[alias] = target;
            }
        }
        var tablesRead = aliases.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        bool InAnyTable(string column) => tablesRead.Any(t => schema.Tables[t].ContainsKey(column));

        foreach (var column in names.Columns)
        {
            var parts = column.MultiPartIdentifier?.Identifiers;
            if (column.ColumnType != ColumnType.Regular || parts is null || parts.Count == 0)
            {
                continue;
            }
            var columnName = parts[^1].Value;
            if (parts.Count == 1)
            {
                if (!InAnyTable(columnName) && !names.OutputAliases.Contains(columnName) && !names.CteColumns.Contains(columnName)
                    && !DateParts.Contains(columnName))
                {
                    problems.Add($"unknown column '{columnName}' (in none of {string.Join(", ", tablesRead)})");
                }
                continue;
            }
            var qualifier = parts[^2].Value;
            if (aliases.TryGetValue(qualifier, out var qualifiedTable))
            {
                if (!schema.Tables[qualifiedTable].ContainsKey(columnName))
                {
                    problems.Add($"unknown column '{qualifier}.{columnName}' (table {qualifiedTable})");
                }
            }
            else if (qualifier.Equals("inserted", StringComparison.OrdinalIgnoreCase) || qualifier.Equals("deleted", StringComparison.OrdinalIgnoreCase))
            {
                if (!InAnyTable(columnName))
                {
                    problems.Add($"unknown column '{qualifier}.{columnName}'");
                }
            }
            else if (names.DerivedAliases.Contains(qualifier))
            {
                if (!InAnyTable(columnName) && !names.OutputAliases.Contains(columnName) && !names.CteColumns.Contains(columnName))
                {
                    problems.Add($"unknown column '{qualifier}.{columnName}'");
                }
            }
            else
            {
                problems.Add($"unknown table alias '{qualifier}' in '{qualifier}.{columnName}'");
            }
        }
        return problems.Distinct().ToList();
    }

    private sealed class NameCollector : TSqlFragmentVisitor
    {
        public List<NamedTableReference> Tables { get; } = [];
        public List<ColumnReferenceExpression> Columns { get; } = [];
        public HashSet<string> Ctes { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> CteColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> DerivedAliases { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> OutputAliases { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string> MergeAliases { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(NamedTableReference node) => Tables.Add(node);

        // OPENJSON(@Ids) WITH (id CHAR(36) '$') declares its own columns, as a derived table does.
        public override void Visit(OpenJsonTableReference node)
        {
            foreach (var item in node.SchemaDeclarationItems)
            {
                CteColumns.Add(item.ColumnDefinition.ColumnIdentifier.Value);
            }
            if (node.Alias is { } alias)
            {
                DerivedAliases.Add(alias.Value);
            }
        }

        public override void Visit(MergeSpecification node)
        {
            if (node.TableAlias is { } alias && node.Target is NamedTableReference target)
            {
                MergeAliases[alias.Value] = target.SchemaObject.BaseIdentifier.Value;
            }
        }

        public override void Visit(ColumnReferenceExpression node) => Columns.Add(node);

        public override void Visit(CommonTableExpression node)
        {
            Ctes.Add(node.ExpressionName.Value);
            foreach (var column in node.Columns)
            {
                CteColumns.Add(column.Value);
            }
        }

        public override void Visit(QueryDerivedTable node)
        {
            if (node.Alias is { } alias)
            {
                DerivedAliases.Add(alias.Value);
            }
            foreach (var column in node.Columns)
            {
                CteColumns.Add(column.Value);
            }
        }

        public override void Visit(InlineDerivedTable node)
        {
            if (node.Alias is { } alias)
            {
                DerivedAliases.Add(alias.Value);
            }
            foreach (var column in node.Columns)
            {
                CteColumns.Add(column.Value);
            }
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias)
            {
                OutputAliases.Add(alias);
            }
        }
    }
}
