namespace CommunityHub.Api.Features.Mail;

/// <summary>
/// A message's content as blocks (paragraphs, labelled facts, links), written out both as plain text and as simple,
/// accessible HTML (one column, real headings and lists, link texts that say where they go, no images, the language
/// declared), so every kind of message looks alike and a feature never writes HTML.
/// </summary>
public sealed class MailBody
{
    private readonly List<Block> blocks = [];

    public MailBody Paragraph(string text)
    {
        blocks.Add(new Block(BlockKind.Paragraph, text, null));
        return this;
    }

    /// <summary>Label–value lines (when, where, status), a definition list in HTML.</summary>
    public MailBody Facts(params (string Label, string? Value)[] facts)
    {
        foreach (var (label, value) in facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
        {
            blocks.Add(new Block(BlockKind.Fact, label, value));
        }
        return this;
    }

    public MailBody Link(string text, string url)
    {
        blocks.Add(new Block(BlockKind.Link, text, url));
        return this;
    }

    public string Text()
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Fact:
                    text.Append(block.Text).Append(": ").Append(block.Value).Append('\n');
                    break;
                case BlockKind.Link:
                    text.Append('\n').Append(block.Text).Append(":\n").Append(block.Value).Append("\n\n");
                    break;
                default:
                    text.Append('\n').Append(block.Text).Append("\n\n");
                    break;
            }
        }
        return string.Join('\n', text.ToString().Trim('\n').Split('\n').Select(l => l.TrimEnd())).Replace("\n\n\n", "\n\n", StringComparison.Ordinal) + "\n";
    }

    public string Html(string language, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(Encode(title)).Append("</title>\n</head>\n")
            .Append("<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em; margin: 0 auto; padding: 1em;\">\n")
            .Append("<h1 style=\"font-size: 1.4em;\">").Append(Encode(title)).Append("</h1>\n");
        var inFacts = false;
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Fact != inFacts)
            {
                html.Append(inFacts ? "</dl>\n" : "<dl>\n");
                inFacts = !inFacts;
            }
            switch (block.Kind)
            {
                case BlockKind.Fact:
                    html.Append("<dt style=\"font-weight: bold;\">").Append(Encode(block.Text)).Append("</dt><dd style=\"margin: 0 0 0.5em 0;\">")
                        .Append(Encode(block.Value!)).Append("</dd>\n");
                    break;
                case BlockKind.Link:
                    html.Append("<p><a href=\"").Append(Encode(block.Value!)).Append("\" style=\"color: #0b5394;\">").Append(Encode(block.Text)).Append("</a></p>\n");
                    break;
                default:
                    html.Append("<p>").Append(Encode(block.Text).Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
                    break;
            }
        }
        if (inFacts)
        {
            html.Append("</dl>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>Escapes markup only: the document is UTF-8, so ä, ö and å stay themselves (readable in the source too).</summary>
    private static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private enum BlockKind
    {
        Paragraph,
        Fact,
        Link,
    }

    private sealed record Block(BlockKind Kind, string Text, string? Value);
}
