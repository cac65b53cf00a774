namespace YoloGen.Generator;

/// <summary>Names of the tracked pipeline steps (<c>WithTrackingName</c>), for incremental-caching tests.</summary>
public static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string ModelFiles = nameof(ModelFiles);
    public const string Parse = nameof(Parse);
    public const string ReferenceVersions = nameof(ReferenceVersions);
    public const string UserModules = nameof(UserModules);
    public const string UserCatalogue = nameof(UserCatalogue);
    public const string Catalogue = nameof(Catalogue);
    public const string Resolve = nameof(Resolve);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Models = nameof(Models);
    public const string ClassOrigins = nameof(ClassOrigins);
    public const string DuplicateClasses = nameof(DuplicateClasses);
    public const string RegistryEntries = nameof(RegistryEntries);
}
