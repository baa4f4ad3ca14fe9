/// Placeholder until the Storage target lands.
public enum StorageModule {}
