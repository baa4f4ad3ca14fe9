/// Placeholder until the AdvisorAPI target lands.
public enum AdvisorAPIModule {}
