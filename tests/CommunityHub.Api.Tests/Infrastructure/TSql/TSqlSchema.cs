using CommunityHub.Api.Infrastructure.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CommunityHub.Api.Tests.Infrastructure.TSql;

public sealed record TSqlColumn(string Name, bool Nullable, string Type);

public sealed record TSqlIndex(string Name, string Table, IReadOnlyList<string> Columns, bool Unique, bool Filtered);

/// <summary>
/// The schema the SQL Server migrations build, read with Microsoft's T-SQL parser (no server): tables with their
/// columns (CREATE TABLE, ALTER TABLE … ADD) and indexes (CREATE INDEX, inline UNIQUE).
/// </summary>
public sealed class TSqlSchema
{
    private TSqlSchema()
    {
    }

    public Dictionary<string, Dictionary<string, TSqlColumn>> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<TSqlIndex> Indexes { get; } = [];

    /// <summary>Parse errors of any batch, as "migration: line: message".</summary>
    public List<string> Errors { get; } = [];

    public int BatchCount { get; private set; }

    public static TSqlSchema SqlServer { get; } = Build();

    public static TSqlFragment Parse(string sql, out IList<ParseError> errors) =>
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out errors);

    private static TSqlSchema Build()
    {
        var schema = new TSqlSchema();
        var dialect = new SqlServerMigrationScripts();
        var scripts = new List<(string Name, string Sql)> { ("StartMigrations", string.Join("\nGO\n", dialect.StartMigrations)) };
        scripts.AddRange(MigrationRunner.Available(DatabaseProvider.SqlServer).Select(m => (m.Name, m.Sql)));
        foreach (var (name, sql) in scripts)
        {
            foreach (var batch in dialect.Batches(sql))
            {
                schema.BatchCount++;
                var fragment = Parse(batch, out var errors);
                schema.Errors.AddRange(errors.Select(e => $"{name}: line {e.Line}: {e.Message}"));
                fragment.Accept(new SchemaReader(schema));
            }
        }
        return schema;
    }

    private sealed class SchemaReader(TSqlSchema schema) : TSqlFragmentVisitor
    {
        public override void ExplicitVisit(CreateTableStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            var columns = schema.Tables.TryGetValue(table, out var existing) ? existing : new(StringComparer.OrdinalIgnoreCase);
            schema.Tables[table] = columns;
            var primaryKey = node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>()
                .Where(c => c.IsPrimaryKey)
                .SelectMany(c => c.Columns.Select(col => col.Column.MultiPartIdentifier.Identifiers[^1].Value))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            AddColumns(table, columns, node.Definition.ColumnDefinitions, primaryKey);
            foreach (var unique in node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>().Where(c => !c.IsPrimaryKey))
            {
                schema.Indexes.Add(new TSqlIndex(unique.ConstraintIdentifier?.Value ?? $"unique({table})", table,
                    unique.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).ToList(), true, false));
            }
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(AlterTableAddTableElementStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            if (schema.Tables.TryGetValue(table, out var columns))
            {
                AddColumns(table, columns, node.Definition.ColumnDefinitions, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            }
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(AlterTableDropTableElementStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            if (schema.Tables.TryGetValue(table, out var columns))
            {
                foreach (var element in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
                {
                    columns.Remove(element.Name.Value);
                }
            }
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(DropTableStatement node)
        {
            foreach (var name in node.Objects)
            {
                schema.Tables.Remove(name.BaseIdentifier.Value);
                schema.Indexes.RemoveAll(i => string.Equals(i.Table, name.BaseIdentifier.Value, StringComparison.OrdinalIgnoreCase));
            }
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(DropIndexStatement node)
        {
            foreach (var clause in node.DropIndexClauses.OfType<DropIndexClause>())
            {
                schema.Indexes.RemoveAll(i => string.Equals(i.Name, clause.Index.Value, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(i.Table, clause.Object.BaseIdentifier.Value, StringComparison.OrdinalIgnoreCase));
            }
        }

        public override void ExplicitVisit(CreateIndexStatement node)
        {
            schema.Indexes.Add(new TSqlIndex(node.Name.Value, node.OnName.BaseIdentifier.Value,
                node.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).ToList(), node.Unique, node.FilterPredicate is not null));
            base.ExplicitVisit(node);
        }

        private void AddColumns(string table, Dictionary<string, TSqlColumn> columns, IEnumerable<ColumnDefinition> definitions, HashSet<string> primaryKey)
        {
            foreach (var column in definitions)
            {
                var name = column.ColumnIdentifier.Value;
                var isKey = primaryKey.Contains(name)
                    || column.Constraints.OfType<UniqueConstraintDefinition>().Any(c => c.IsPrimaryKey);
                var nullable = !isKey && column.Constraints.OfType<NullableConstraintDefinition>().All(c => c.Nullable);
                var type = column.DataType?.Name.BaseIdentifier.Value ?? "computed";
                columns[name] = new TSqlColumn(name, nullable, type);
                foreach (var unique in column.Constraints.OfType<UniqueConstraintDefinition>().Where(c => !c.IsPrimaryKey))
                {
                    schema.Indexes.Add(new TSqlIndex(unique.ConstraintIdentifier?.Value ?? $"unique({table}.{name})", table, [name], true, false));
                }
            }
        }
    }
}
