namespace TeleDerm.Dicom.Stores;

/// <summary>The store refused this instance for what it is (missing UIDs, a conflict, a remote refusal):
/// sending it again will not help.</summary>
public class DicomStoreRejectedException : Exception
{
    public DicomStoreRejectedException()
    {
    }

    public DicomStoreRejectedException(string message)
        : base(message)
    {
    }

    public DicomStoreRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A different instance is already stored under this SOP Instance UID; it is never overwritten.</summary>
public sealed class DicomStoreConflictException : DicomStoreRejectedException
{
    public DicomStoreConflictException()
    {
    }

    public DicomStoreConflictException(string message)
        : base(message)
    {
    }

    public DicomStoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The store could not be reached or failed for its own reasons: worth trying again later.</summary>
public sealed class DicomStoreUnavailableException : Exception
{
    public DicomStoreUnavailableException()
    {
    }

    public DicomStoreUnavailableException(string message)
        : base(message)
    {
    }

    public DicomStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The store has no room for the instance (its disk is full, or below the free space it keeps): nothing of it was
/// written. Worth trying again once room is made; never a fault of the instance itself.
/// </summary>
public sealed class DicomStoreFullException : Exception
{
    public DicomStoreFullException()
    {
    }

    public DicomStoreFullException(string message)
        : base(message)
    {
    }

    public DicomStoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
