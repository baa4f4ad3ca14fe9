import AdvisorAPI
import ArgumentParser
import Foundation

/// `compute-advisor keys create|list|revoke`: manages the API keys file that `serve` reads
/// (and re-reads within a second of a change, so no restart is needed).
struct KeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keys",
    abstract: "Create, list and revoke API keys (the file holds only SHA-256 hashes).",
    subcommands: [Create.self, List.self, Revoke.self]
  )

  /// The keys file: the flag, else `COMPUTE_ADVISOR_API_KEYS_FILE`.
  struct FileOption: ParsableArguments {
    @Option(
      name: .customLong("api-keys-file"),
      help: "The keys file (default: COMPUTE_ADVISOR_API_KEYS_FILE).")
    var path: String?

    func resolved() throws -> String {
      let environment = ProcessInfo.processInfo.environment["COMPUTE_ADVISOR_API_KEYS_FILE"]
      guard let path = path ?? environment.flatMap({ $0.isEmpty ? nil : $0 }) else {
        throw ValidationError("Give --api-keys-file or set COMPUTE_ADVISOR_API_KEYS_FILE.")
      }
      return path
    }
  }

  /// `keys create`: adds a key and prints its token once.
  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create a key; the key is printed once and never stored.")

    @OptionGroup var file: FileOption
    @Option(help: "Who the key is for (shown in listings).")
    var name: String
    @Option(
      name: .customLong("scope"),
      help: "recommend, read or admin; repeat for several (default: recommend and read).")
    var scopes: [APIKeyScope] = [.recommend, .read]

    func run() throws {
      let path = try file.resolved()
      var document = try APIKeysDocument.load(from: path)
      let token = APIKeyToken.generate()
      document.keys.append(
        APIKeyRecord(token: token, name: name, scopes: Array(Set(scopes)), created: Date()))
      try document.save(to: path)
      print(token.text)
      printError(
        "created key \(token.keyID) (\(Set(scopes).map(\.rawValue).sorted().joined(separator: ", "))) "
          + "in \(path); the key above is shown only now.")
    }
  }

  /// `keys list`: one line per key, without secrets.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List keys (ids, never secrets).")

    @OptionGroup var file: FileOption

    func run() throws {
      let document = try APIKeysDocument.load(from: try file.resolved())
      print(
        pad("ID", 16) + "  " + pad("NAME", 20) + "  " + pad("SCOPES", 22) + "  "
          + pad("CREATED", 20) + "  STATUS")
      for key in document.keys {
        let status = key.revoked.map { "revoked \(Self.format($0))" } ?? "active"
        print(
          pad(key.id, 16) + "  " + pad(key.name, 20) + "  "
            + pad(key.scopes.map(\.rawValue).joined(separator: ","), 22) + "  "
            + pad(Self.format(key.created), 20) + "  " + status)
      }
    }

    static func format(_ date: Date) -> String {
      date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
  }

  /// `keys revoke`: marks a key revoked; a running server stops accepting it within a second.
  struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke a key by id.")

    @OptionGroup var file: FileOption
    @Argument(help: "The key id (from `keys list`).")
    var id: String

    func run() throws {
      let path = try file.resolved()
      var document = try APIKeysDocument.load(from: path)
      guard let index = document.keys.firstIndex(where: { $0.id == id }) else {
        throw ValidationError("No key has id \(id).")
      }
      if document.keys[index].revoked == nil {
        document.keys[index].revoked = Date()
        try document.save(to: path)
      }
      printError("revoked key \(id); servers reading \(path) refuse it within a second.")
    }
  }
}

extension APIKeyScope: ExpressibleByArgument {}
