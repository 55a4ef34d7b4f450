using System.Buffers.Binary;
using System.IO.Compression;
using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing.Tests;

/// <summary>
/// A model with a second weight set for Italian and French (format 2): English tickets are read exactly as by the
/// main mix trained alone, Italian and French ones exactly as by the AdaGrad model trained alone; the file keeps both,
/// and format 1 files still load.
/// </summary>
public sealed class LanguageHeadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void English_tickets_are_read_by_the_main_weights_and_Italian_and_French_ones_by_the_other_languages_weights()
    {
        var tickets = BaseData.ReadCsv(Shipped.TrainCsv).Take(1000).ToList();
        var analyzer = new TicketAnalyzer(Shipped.Lexicon());
        using var vectors = new MiniLmWordVectors(null);
        var trainer = new ModelTrainer(analyzer, vectors);
        // The defaults: the NBSVM + logistic mix for English, AdaGrad for Italian and French.
        var perLanguage = trainer.Train(tickets, new ClassifierTrainingOptions(), "subset", 0.6, null, Cancel);
        var mix = trainer.Train(tickets, new ClassifierTrainingOptions { Solver = ClassifierSolver.SvmAndLogistic, OtherLanguagesSolver = null }, "subset", 0.6, null, Cancel);
        var adaGrad = trainer.Train(tickets, new ClassifierTrainingOptions { Solver = ClassifierSolver.AdaGrad, OtherLanguagesSolver = null }, "subset", 0.6, null, Cancel);
        var reloaded = Reload(Save(perLanguage));

        Assert.Equal(["it", "fr"], Assert.Single(reloaded.LanguageHeads).Languages);
        Assert.Contains(" | it/fr: epochs=12", perLanguage.Info.Settings, StringComparison.Ordinal);
        Assert.Empty(mix.LanguageHeads);
        Assert.Empty(adaGrad.LanguageHeads);
        var read = new Dictionary<string, int>();
        foreach (var ticket in BaseData.ReadCsv(Shipped.EvaluationCsv))
        {
            var text = analyzer.Analyze(ticket.Text);
            var expected = (text.Language == "en" ? mix : adaGrad).Probabilities(text);
            Assert.Equal(expected, perLanguage.Probabilities(text));
            Assert.Equal(expected, reloaded.Probabilities(text));
            read[text.Language] = read.GetValueOrDefault(text.Language) + 1;
        }
        Assert.Equal(["en", "fr", "it"], read.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.NotEqual(mix.For("it").Weights, perLanguage.For("it").Weights);
    }

    [Fact]
    public void A_format_1_model_file_still_loads_and_predicts_the_same()
    {
        var shipped = Shipped.Model();
        var model = new RoutingModel
        {
            Categories = shipped.Categories, Features = shipped.Features, Weights = shipped.Weights, Bias = shipped.Bias,
            WordScores = shipped.WordScores, Temperature = shipped.Temperature, Info = shipped.Info,
        };
        var current = Save(model);
        var raw = Gunzip(current);
        // Format 1 is format 2 without the trailing count of language heads (0 here), under version number 1.
        var headerLength = 1 + "helpdesk-routing-model".Length;
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(headerLength)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(raw.Length - 4)));
        var v1 = raw[..^4];
        BinaryPrimitives.WriteInt32LittleEndian(v1.AsSpan(headerLength), 1);

        var old = Reload(Gzip(v1));

        Assert.Empty(old.LanguageHeads);
        var analyzer = new TicketAnalyzer(Shipped.Lexicon());
        foreach (var ticket in BaseData.ReadCsv(Shipped.EvaluationCsv).Take(30))
        {
            var text = analyzer.Analyze(ticket.Text);
            Assert.Equal(model.Probabilities(text), old.Probabilities(text));
        }
        var future = (byte[])raw.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(future.AsSpan(headerLength), 3);
        Assert.Throws<InvalidDataException>(() => Reload(Gzip(future)));
    }

    private static byte[] Save(RoutingModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private static RoutingModel Reload(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return RoutingModel.Load(stream);
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }
}
