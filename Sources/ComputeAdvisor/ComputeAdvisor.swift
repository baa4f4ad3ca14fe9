/// Placeholder until the ComputeAdvisor target lands.
public enum ComputeAdvisorModule {}
