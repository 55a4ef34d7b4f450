namespace HelpDesk.Catalogue.Tests;

/// <summary>Catalogue item definitions the tests publish, in the API's JSON shape.</summary>
internal static class Items
{
    public static object Text(string en, string fr, string it) => new { en, fr, it };

    public static object Monitor(string automationUrl, string queue = "hardware") => new
    {
        name = Text("New monitor", "Nouvel écran", "Nuovo monitor"),
        description = Text("A second screen for your desk.", "Un second écran pour votre bureau.", "Un secondo schermo per la scrivania."),
        portal = "employee",
        form = new
        {
            fields = new object[]
            {
                new { key = "size", type = "Choice", label = Text("Size", "Taille", "Dimensione"), required = true,
                    options = new[] { new { value = "24", label = Text("24 inch", "24 pouces", "24 pollici") }, new { value = "27", label = Text("27 inch", "27 pouces", "27 pollici") } } },
                new { key = "deskNumber", type = "Text", label = Text("Desk number", "Numéro de bureau", "Numero di scrivania"), maxLength = 20 },
            },
        },
        approval = new { preApproved = true, stages = Array.Empty<object>() },
        fulfilment = new { tasks = Array.Empty<object>(), automation = new { url = automationUrl } },
        fulfilmentQueue = queue,
        slaPolicy = "p3-medium",
        kbArticles = new[] { "kb-monitor-setup" },
        owner = "it-hardware-lead",
        keywords = new[] { "monitor", "screen" },
    };

    public static object Software(TimeSpan remindAfter, TimeSpan timeout, string escalateTo = "it-director@example.org") => new
    {
        name = Text("Software", "Logiciel", "Software"),
        description = Text("A licensed application.", "Une application sous licence.", "Un'applicazione con licenza."),
        portal = "employee",
        form = new
        {
            fields = new object[]
            {
                new { key = "product", type = "Choice", label = Text("Product", "Produit", "Prodotto"), required = true,
                    options = new[] { new { value = "visio", label = Text("Visio", "Visio", "Visio") }, new { value = "photoshop", label = Text("Photoshop", "Photoshop", "Photoshop") } } },
                new { key = "justification", type = "Textarea", label = Text("Justification", "Justification", "Motivazione"), required = true, maxLength = 2000 },
            },
        },
        approval = new
        {
            preApproved = false,
            stages = new[]
            {
                new { name = "manager", mode = "AnyOf", approvers = new[] { new { kind = "RequesterManager" } }, remindAfter = remindAfter.ToString(), timeout = timeout.ToString(),
                    escalateTo = new { kind = "Person", id = escalateTo } },
            },
        },
        fulfilment = new
        {
            tasks = new[]
            {
                new { name = "licence", queue = "licensing", step = 1, title = Text("Assign a licence", "Attribuer une licence", "Assegnare una licenza") },
                new { name = "install", queue = "desktop", step = 1, title = Text("Install it", "L'installer", "Installarlo") },
            },
        },
        fulfilmentQueue = "software",
        slaPolicy = "p3-medium",
        kbArticles = new[] { "kb-software-catalogue" },
        owner = "software-asset-manager",
        keywords = new[] { "software", "licence" },
    };

    public static object WithApprover(string approver, string queue, object[] fields) => new
    {
        name = Text("Access", "Accès", "Accesso"),
        description = Text("Access to a system.", "Accès à un système.", "Accesso a un sistema."),
        form = new { fields },
        approval = new { preApproved = false, stages = new[] { new { name = "owner", mode = "AnyOf", approvers = new[] { new { kind = "Person", id = approver } } } } },
        fulfilment = new { tasks = Array.Empty<object>() },
        fulfilmentQueue = queue,
        kbArticles = Array.Empty<string>(),
        owner = "owner@example.org",
        keywords = Array.Empty<string>(),
    };

    public static object PreApproved(string queue, object[] fields) => new
    {
        name = Text("Access", "Accès", "Accesso"),
        description = Text("Access to a system.", "Accès à un système.", "Accesso a un sistema."),
        form = new { fields },
        approval = new { preApproved = true },
        fulfilment = new { tasks = Array.Empty<object>() },
        fulfilmentQueue = queue,
        kbArticles = Array.Empty<string>(),
        owner = "owner@example.org",
        keywords = Array.Empty<string>(),
    };
}
