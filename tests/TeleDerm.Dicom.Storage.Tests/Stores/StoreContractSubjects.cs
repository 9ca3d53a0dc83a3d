using TeleDerm.Core.Data;
using TeleDerm.Dicom.Stores;
using TeleDerm.Dicom.Stores.DicomWeb;
using TeleDerm.Testing;

namespace TeleDerm.Dicom.Storage.Tests.Stores;

/// <summary>The embedded store: files in a temporary folder, index in a migrated database.</summary>
public abstract class FileSystemStoreContractTests(DatabaseProvider provider) : DicomStoreContractTests
{
    protected override IDicomStore Store { get; } = new FileSystemDicomStore(
        Directory.CreateTempSubdirectory("teleDerm-store-").FullName,
        new EfDicomStoreIndex(TestDatabase.CreateMigrated(provider)));
}

public sealed class FileSystemStoreContractTestsOnSqlite() : FileSystemStoreContractTests(DatabaseProvider.Sqlite);

public sealed class FileSystemStoreContractTestsOnPostgreSql() : FileSystemStoreContractTests(DatabaseProvider.PostgreSql);

/// <summary>DICOMweb against a real Orthanc with its DICOMweb plugin.</summary>
public sealed class DicomWebStoreContractTestsOnOrthanc : DicomStoreContractTests, IDisposable
{
    private readonly HttpClient http = new();

    public DicomWebStoreContractTestsOnOrthanc() => Store = new DicomWebStore(http, OrthancServer.Shared.DicomWebRoot);

    protected override IDicomStore Store { get; }

    public void Dispose() => http.Dispose();
}
