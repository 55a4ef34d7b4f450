using System.Diagnostics;
using System.Text;

namespace HelpDesk.Notifications.Templates;

/// <summary>Collects a rendering's output and stops it once it exceeds its size or time budget.</summary>
internal sealed class BoundedWriter(int maxChars, TimeSpan timeout) : StringWriter
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public void CheckTime()
    {
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new TemplateLimitException($"The template took longer than {timeout.TotalSeconds:0.###} s to render.");
        }
    }

    private void Check(int adding)
    {
        if (GetStringBuilder().Length + adding > maxChars)
        {
            throw new TemplateLimitException($"The template produced more than {maxChars} characters.");
        }
        CheckTime();
    }

    public override Encoding Encoding => Encoding.UTF8;
}
