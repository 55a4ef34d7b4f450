using System.IO.Compression;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>The IT-service-tickets training split (CC0) shipped with the service, gzip-compressed.</summary>
public static class BaseData
{
    public static List<LabelledTicket> Read(ClassifierFileOptions files) => ReadCsv(ClassifierFileOptions.Resolve(files.BaseDataPath));

    /// <summary>A labelled CSV, gzip-compressed when its name ends in ".gz".</summary>
    public static List<LabelledTicket> ReadCsv(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var plain = new StreamReader(path);
            return CsvReader.ReadLabelledTickets(plain);
        }
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return CsvReader.ReadLabelledTickets(reader);
    }
}
