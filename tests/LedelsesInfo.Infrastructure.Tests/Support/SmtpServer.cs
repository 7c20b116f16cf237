using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LedelsesInfo.Infrastructure.Tests.Support;

/// <summary>
/// A real SMTP server on loopback: Debian's <c>python3-aiosmtpd</c> (installed by .ci/run), which prints every message it
/// receives. The tests read what was sent from it, not from a mock.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    public SmtpServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        process = Process.Start(new ProcessStartInfo(python, ["-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"aiosmtpd stopped (is python3-aiosmtpd installed? .ci/run installs it): {Output}");
                }
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException($"aiosmtpd did not listen on {Port}: {Output}");
    }

    public int Port { get; }

    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    /// <summary>The messages received so far, parsed by MimeKit from what the server printed.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Messages(int atLeast = 0)
    {
        for (var i = 0; i < 50; i++)
        {
            var parts = Output.Split("---------- MESSAGE FOLLOWS ----------", StringSplitOptions.None).Skip(1)
                .Select(p => p.Split("------------ END MESSAGE ------------")[0]).ToList();
            var complete = Output.Split("------------ END MESSAGE ------------").Length - 1;
            if (complete >= atLeast)
            {
                return parts.Take(complete).Select(Parse).ToList();
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"Expected {atLeast} messages: {Output}");
    }

    /// <summary>One printed message: the server's "mail options" line and a blank line, then the message as received.</summary>
    private static MimeKit.MimeMessage Parse(string printed)
    {
        var text = printed.TrimStart('\r', '\n');
        if (text.StartsWith("mail options", StringComparison.Ordinal))
        {
            text = text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        }
        return MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    public void Dispose()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
