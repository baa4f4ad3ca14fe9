import ArgumentParser
import ComputeAdvisor
import Foundation

/// How an answer is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case json
  case table
}

/// Options shared by the domain subcommands.
struct CatalogOption: ParsableArguments {
  @Option(
    name: .customLong("catalog"),
    help: "A pricing catalog JSON file to use instead of the bundled one.")
  var path: String?

  /// The advisor over the chosen catalog; a bad catalog is bad input (exit code 2).
  func advisor() throws -> Advisor {
    guard let path else { return Advisor() }
    do {
      return Advisor(catalog: try PricingCatalog.load(from: URL(fileURLWithPath: path)))
    } catch {
      printError("compute-advisor: \(path): \(error)")
      throw ExitCode(2)
    }
  }
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

func writeOut(_ data: Data) {
  FileHandle.standardOutput.write(data)
  FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Reads a file, or standard input for `-`.
func readInput(_ path: String) throws -> Data {
  if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
  do {
    return try Data(contentsOf: URL(fileURLWithPath: path))
  } catch {
    printError("compute-advisor: cannot read \(path): \(error.localizedDescription)")
    throw ExitCode(2)
  }
}

/// Pads text to a width (left-aligned, or right-aligned for numbers).
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  let count = text.count
  guard count < width else { return text }
  let fill = String(repeating: " ", count: width - count)
  return right ? fill + text : text + fill
}

/// "$1,234.56", or "-" when absent.
func money(_ value: Money?) -> String {
  guard let value else { return "-" }
  let cents = Int64((value.usd * 100).rounded(.toNearestOrAwayFromZero))
  let whole = String(abs(cents) / 100)
  var grouped = ""
  for (index, character) in whole.enumerated() {
    if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
    grouped.append(character)
  }
  let fraction = abs(cents) % 100
  return (cents < 0 ? "-$" : "$") + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
}
