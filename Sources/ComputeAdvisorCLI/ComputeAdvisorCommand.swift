import ArgumentParser

/// The one executable: `serve`, `recommend`, `catalog` and friends.
@main
struct ComputeAdvisorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compute-advisor",
    abstract: "Which AWS compute option should run this workload, and what will it cost?",
    subcommands: [
      ServeCommand.self, RecommendCommand.self, CatalogCommand.self, HealthcheckCommand.self,
      KeysCommand.self,
    ]
  )
}
