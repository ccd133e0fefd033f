using System.Buffers;
using System.Buffers.Text;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// The rows one query returned, every value either NULL or UTF-8 text, copied into pooled chunks: what the large lists
/// write their JSON from, without a .NET string or a response object per value. Values read as SQLite stores them:
/// integers as their digits, ids as lowercase <c>D</c> text, dates as <c>yyyy-MM-dd</c>, instants as
/// <see cref="TypeHandlers.Format"/>. <see cref="SqlDialect.QueryRowsAsync"/> fills it: on SQLite from SQLite's own
/// buffers, on any other provider from a <see cref="DbDataReader"/> whose typed values are written in those same forms,
/// so one JSON writer serves both providers.
/// </summary>
/// <remarks>
/// Whole result sets, not a live cursor: a page's children can only be selected once the page's ids are known, and
/// SQL Server keeps one reader open per connection. Copying costs a memcpy per value; reading a value through
/// ADO.NET costs several native calls and a string. Disposing returns the memory to the pool.
/// </remarks>
public sealed class RowSet : IDisposable
{
    // Below the large-object-heap threshold. Its own pool, as ChunkedBuffer's: the shared one keeps only a few arrays
    // of a size per core, and 32 requests in flight each hold several chunks.
    private const int ChunkSize = 32 * 1024;
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 1024 * 1024, maxArraysPerBucket: 512);

    private readonly List<byte[]> chunks = [];
    private byte[] current = [];
    private int used;
    private Cell[] cells;
    private int cellCount;
    private int rowCount;
    private int columnInRow;

    public RowSet(int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Columns = columns;
        cells = ArrayPool<Cell>.Shared.Rent(columns * 64);
    }

    public int Columns { get; }

    /// <summary>Complete rows added.</summary>
    public int Count => rowCount;

    public bool IsNull(int row, int column) => At(row, column).Length < 0;

    /// <summary>The value's UTF-8 text; empty for NULL (tell the two apart with <see cref="IsNull"/>).</summary>
    public ReadOnlySpan<byte> Utf8(int row, int column)
    {
        var cell = At(row, column);
        return cell.Length <= 0 ? default : chunks[cell.Chunk].AsSpan(cell.Offset, cell.Length);
    }

    public string? Text(int row, int column) => IsNull(row, column) ? null : Encoding.UTF8.GetString(Utf8(row, column));

    public long Number(int row, int column)
    {
        var text = Utf8(row, column);
        return Utf8Parser.TryParse(text, out long value, out var consumed) && consumed == text.Length
            ? value
            : throw new FormatException($"Column {column} holds '{Encoding.UTF8.GetString(text)}', not an integer.");
    }

    public Guid Id(int row, int column)
    {
        var text = Utf8(row, column);
        return Utf8Parser.TryParse(text, out Guid value, out var consumed, 'D') && consumed == text.Length
            ? value
            : System.Guid.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The ids in <paramref name="column"/> of the first <paramref name="count"/> rows as one JSON array of strings, the
    /// parameter <see cref="SqlDialect.IdsFromJson"/> reads (one bound parameter whatever the page size).
    /// </summary>
    public string IdsJson(int count, int column)
    {
        var ids = new StringBuilder(count * 39 + 2).Append('[');
        for (var i = 0; i < count; i++)
        {
            ids.Append(i == 0 ? "\"" : ",\"").Append(Id(i, column).ToString("D")).Append('"');
        }
        return ids.Append(']').ToString();
    }

    /// <summary>
    /// For rows ordered by a parent's key (column <paramref name="key"/>, as <c>ORDER BY parent_id, position</c> gives
    /// them): which rows belong to each of the first <paramref name="count"/> rows of <paramref name="parents"/> (key in
    /// column <paramref name="parentKey"/>), as start and end index. Rows of other parents are left out.
    /// </summary>
    public (int Start, int End)[] ChildrenOf(RowSet parents, int count, int parentKey, int key)
    {
        var ranges = new (int Start, int End)[count];
        var next = 0;
        for (var row = 0; row < Count;)
        {
            var id = Utf8(row, key);
            var end = row + 1;
            while (end < Count && Ascii.EqualsIgnoreCase(Utf8(end, key), id))
            {
                end++;
            }
            // Both sides come in key order, so the parent is usually the next one; the search wraps once in case a
            // provider's collation orders the two columns differently.
            for (var i = 0; i < count; i++)
            {
                var parent = (next + i) % count;
                if (Ascii.EqualsIgnoreCase(parents.Utf8(parent, parentKey), id))
                {
                    ranges[parent] = (row, end);
                    next = parent + 1;
                    break;
                }
            }
            row = end;
        }
        return ranges;
    }

    public void AddNull() => Push(new Cell(0, 0, -1));

    public void Add(ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length);
        utf8.CopyTo(current.AsSpan(used));
        Push(new Cell(chunks.Count - 1, used, utf8.Length));
        used += utf8.Length;
    }

    /// <summary>Copies <paramref name="length"/> bytes of UTF-8 from native memory (a database library's buffer).</summary>
    public void Add(IntPtr utf8, int length)
    {
        Reserve(length);
        System.Runtime.InteropServices.Marshal.Copy(utf8, current, used, length);
        Push(new Cell(chunks.Count - 1, used, length));
        used += length;
    }

    public void Add(string? text)
    {
        if (text is null)
        {
            AddNull();
            return;
        }
        var length = text.Length <= 256 ? Encoding.UTF8.GetMaxByteCount(text.Length) : Encoding.UTF8.GetByteCount(text);
        Reserve(length);
        var written = Encoding.UTF8.GetBytes(text, current.AsSpan(used));
        Push(new Cell(chunks.Count - 1, used, written));
        used += written;
    }

    public void Add(long? value)
    {
        if (value is not { } number)
        {
            AddNull();
            return;
        }
        Span<byte> text = stackalloc byte[20];
        Utf8Formatter.TryFormat(number, text, out var written);
        Add(text[..written]);
    }

    public void Add(Guid? value)
    {
        if (value is not { } id)
        {
            AddNull();
            return;
        }
        Span<byte> text = stackalloc byte[36];
        id.TryFormat(text, out _, "D");
        Add(text);
    }

    public void Add(DateOnly? value)
    {
        if (value is not { } date)
        {
            AddNull();
            return;
        }
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Add(text[..written]);
    }

    public void Add(DateTimeOffset? value)
    {
        if (value is not { } instant)
        {
            AddNull();
            return;
        }
        Span<byte> text = stackalloc byte[28];
        instant.ToUniversalTime().TryFormat(text, out var written, TypeHandlers.InstantFormat, CultureInfo.InvariantCulture);
        Add(text[..written]);
    }

    /// <summary>
    /// Reads every row of an ADO.NET reader, each value written as the SQLite schema stores it (see the class summary).
    /// </summary>
    public static async Task<RowSet> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new RowSet(reader.FieldCount);
        try
        {
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < rows.Columns; i++)
                {
                    rows.AddValue(reader, i);
                }
            }
            return rows;
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var chunk in chunks)
        {
            Pool.Return(chunk);
        }
        chunks.Clear();
        current = [];
        used = 0;
        if (cells.Length > 0)
        {
            ArrayPool<Cell>.Shared.Return(cells);
            cells = [];
        }
        cellCount = 0;
        rowCount = 0;
        columnInRow = 0;
    }

    private void AddValue(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            AddNull();
            return;
        }
        switch (reader.GetValue(i))
        {
            case string text:
                Add(text);
                break;
            case long number:
                Add(number);
                break;
            case int or short or byte:
                Add(reader.GetInt64(i));
                break;
            case bool flag:
                Add(flag ? 1 : 0);
                break;
            case System.Guid id:
                Add(id);
                break;
            case DateTimeOffset instant:
                Add(instant);
                break;
            case DateOnly date:
                Add(date);
                break;
            case DateTime time when string.Equals(reader.GetDataTypeName(i), "date", StringComparison.OrdinalIgnoreCase):
                Add(DateOnly.FromDateTime(time));
                break;
            case DateTime time:
                Add(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)));
                break;
            case IFormattable number and (decimal or double or float):
                Add(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case var other:
                throw new NotSupportedException($"Column {reader.GetName(i)} holds a {other.GetType().Name}, which a RowSet does not read.");
        }
    }

    private Cell At(int row, int column)
    {
        var index = row * Columns + column;
        if ((uint)column >= (uint)Columns || (uint)row >= (uint)rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"No value at row {row}, column {column} of {Count}×{Columns}.");
        }
        return cells[index];
    }

    private void Reserve(int length)
    {
        if (current.Length - used >= length)
        {
            return;
        }
        current = Pool.Rent(Math.Max(length, ChunkSize));
        chunks.Add(current);
        used = 0;
    }

    private void Push(Cell cell)
    {
        if (cellCount == cells.Length)
        {
            var larger = ArrayPool<Cell>.Shared.Rent(cells.Length * 2);
            cells.AsSpan(0, cellCount).CopyTo(larger);
            ArrayPool<Cell>.Shared.Return(cells);
            cells = larger;
        }
        cells[cellCount++] = cell;
        if (++columnInRow == Columns)
        {
            columnInRow = 0;
            rowCount++;
        }
    }

    /// <summary>Where a value's bytes are; <see cref="Length"/> −1 is NULL.</summary>
    private readonly record struct Cell(int Chunk, int Offset, int Length);
}
