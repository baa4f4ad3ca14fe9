/// Placeholder until the HTTPServer target lands.
public enum HTTPServerModule {}
