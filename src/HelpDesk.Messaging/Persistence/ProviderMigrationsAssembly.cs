using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// The migrations of one DbContext for the provider in use. A service keeps two migration sets side by side in
/// <c>Infrastructure/Migrations/PostgreSql</c> and <c>Infrastructure/Migrations/Sqlite</c> (the models differ: SQLite
/// stores <see cref="DateTimeOffset"/> as UTC ticks, and column types are provider-specific); EF Core's own lookup
/// would mix them, so this one keeps only the types whose namespace ends with the provider's folder.
/// </summary>
public sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly Type _contextType;
    private readonly string _namespaceSuffix;
    private readonly IMigrationsIdGenerator _idGenerator;
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotLoaded;

    public ProviderMigrationsAssembly(ICurrentDbContext currentContext, IDbContextOptions options, IDatabaseProvider provider, IMigrationsIdGenerator idGenerator)
    {
        _contextType = currentContext.Context.GetType();
        _idGenerator = idGenerator;
        _namespaceSuffix = ".Migrations." + ServiceDatabase.MigrationsFolder(provider.Name);
        var assemblyName = options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.MigrationsAssembly;
        Assembly = assemblyName is null ? _contextType.Assembly : Assembly.Load(new AssemblyName(assemblyName));
    }

    public Assembly Assembly { get; }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= FindMigrations();

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotLoaded)
            {
                var type = OwnTypes().FirstOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)));
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
                _snapshotLoaded = true;
            }
            return _snapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(_idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var migrations = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in OwnTypes().Where(t => t.IsSubclassOf(typeof(Migration))))
        {
            if (type.GetCustomAttribute<MigrationAttribute>()?.Id is { } id)
            {
                migrations.Add(id, type);
            }
        }
        return migrations;
    }

    private IEnumerable<TypeInfo> OwnTypes() =>
        Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition
            && t.Namespace?.EndsWith(_namespaceSuffix, StringComparison.Ordinal) == true
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType);
}
