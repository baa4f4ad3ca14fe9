import ArgumentParser
import ComputeAdvisor
import Foundation

/// `compute-advisor catalog`: the options, limits and pricing provenance the advisor uses.
struct CatalogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalog",
    abstract: "Print the options, limits and prices (with sources and dates) the advisor uses."
  )

  @Option(help: "Output format: json or table.")
  var format: OutputFormat = .table

  @OptionGroup var catalog: CatalogOption

  func run() throws {
    let summary = try catalog.advisor().catalogSummary
    switch format {
    case .json: writeOut(try Advisor.encode(summary))
    case .table: print(CatalogTable(summary).render(), terminator: "")
    }
  }
}
