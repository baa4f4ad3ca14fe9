import ArgumentParser
import ComputeAdvisor
import Foundation

/// `compute-advisor recommend FILE|-`: the answer for one workload.
struct RecommendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recommend",
    abstract: "Recommend a compute option for a workload described in JSON.",
    discussion: """
      Prints the answer as JSON (sorted keys, money in dollars rounded to cents), or as a \
      readable table with --format table. Invalid input exits with code 2 and lists every \
      problem by field path on standard error.
      """
  )

  @Argument(help: "The workload JSON file, or - for standard input.")
  var file: String

  @Option(help: "Output format: json or table.")
  var format: OutputFormat = .json

  @OptionGroup var catalog: CatalogOption

  func run() throws {
    let advisor = try catalog.advisor()
    let data = try readInput(file)
    let workload: Workload
    do {
      workload = try advisor.parseWorkload(data)
    } catch {
      let name = file == "-" ? "<stdin>" : file
      switch error {
      case .malformedJSON(let syntax):
        printError("\(name):\(syntax.line):\(syntax.column): not JSON: \(syntax.message)")
      case .invalid(let problems):
        printError("\(name): \(problems.count) problem\(problems.count == 1 ? "" : "s"):")
        for problem in problems {
          printError(
            "  \(problem.path.isEmpty ? "(document)" : problem.path): \(problem.message) [\(problem.code)]"
          )
        }
      }
      throw ExitCode(2)
    }
    let answer = advisor.recommend(workload)
    switch format {
    case .json: writeOut(try Advisor.encode(answer))
    case .table: print(RecommendationTable(answer).render(), terminator: "")
    }
  }
}
