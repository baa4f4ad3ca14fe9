/// Checks a catalog document when it loads and lists every problem: unknown sources, negative
/// or non-finite prices, tiers out of order, figures for regions the catalog does not list,
/// malformed dates, task sizes or instance types that make no sense, required figures absent.
enum CatalogValidator {
  static func problems(in document: CatalogDocument) -> [String] {
    var problems: [String] = []
    func check(_ condition: Bool, _ message: @autoclosure () -> String) {
      if !condition { problems.append(message()) }
    }
    check(document.schemaVersion == 1, "schemaVersion \(document.schemaVersion) is not 1")
    check(!document.version.isEmpty, "version is empty")
    check(
      isDate(document.effectiveDate), "effectiveDate '\(document.effectiveDate)' is not YYYY-MM-DD")
    check(document.currency == "USD", "currency '\(document.currency)' is not USD")
    check(
      document.hoursPerMonth > 0 && document.hoursPerMonth.isFinite,
      "hoursPerMonth must be positive")
    check(!document.regions.isEmpty, "no regions")
    check(Set(document.regions).count == document.regions.count, "duplicate regions")

    let sourceIDs = Set(document.sources.map(\.id))
    check(sourceIDs.count == document.sources.count, "duplicate source ids")
    for source in document.sources {
      check(!source.title.isEmpty, "source '\(source.id)' has no title")
    }
    func checkProvenance(_ what: String, source: String, date: String?) {
      check(sourceIDs.contains(source), "\(what): unknown source '\(source)'")
      if let date { check(isDate(date), "\(what): effectiveDate '\(date)' is not YYYY-MM-DD") }
    }

    var itemIDs: Set<String> = []
    for item in document.prices {
      check(itemIDs.insert(item.id).inserted, "duplicate price item '\(item.id)'")
      check(!item.unit.isEmpty, "\(item.id): no unit")
      if let per = item.per { check(per >= 1 && per.isFinite, "\(item.id): per must be >= 1") }
      for (region, figure) in item.regions.sorted(by: { $0.key < $1.key }) {
        let what = "\(item.id) in \(region)"
        check(document.regions.contains(region), "\(what): region not in the catalog's regions")
        checkProvenance(what, source: figure.source, date: figure.effectiveDate)
        problems += priceProblems(figure, what)
      }
    }

    var figureIDs: Set<String> = []
    let groups = [
      ("limits", document.limits), ("parameters", document.parameters),
      ("freeTier", document.freeTier), ("discounts", document.discounts),
    ]
    for (group, figures) in groups {
      for figure in figures {
        let what = "\(group) '\(figure.id)'"
        check(figureIDs.insert(figure.id).inserted, "duplicate figure id '\(figure.id)'")
        check(figure.value.isFinite && figure.value >= 0, "\(what): value must be >= 0")
        checkProvenance(what, source: figure.source, date: figure.effectiveDate)
        if group == "discounts" {
          check(figure.value < 1, "\(what): a discount is a fraction below 1")
        }
      }
    }

    var required: [String: Figure] = [:]
    for figure in document.limits + document.parameters + document.freeTier + document.discounts {
      required[figure.id] = figure
    }
    var missing: [String] = []
    _ = ModelFigures(figures: required, missing: &missing)
    problems += missing.map { "required figure '\($0)' is missing" }

    var previousVCPU = 0.0
    for size in document.fargateTaskSizes {
      let what = "Fargate task size \(size.vcpu) vCPU"
      check(size.vcpu > previousVCPU, "\(what): task sizes must be in ascending vCPU order")
      check(!size.memoryGiB.isEmpty, "\(what): no memory sizes")
      check(size.memoryGiB == size.memoryGiB.sorted(), "\(what): memory sizes not ascending")
      check(size.memoryGiB.allSatisfy { $0 > 0 }, "\(what): memory sizes must be positive")
      checkProvenance(what, source: size.source, date: nil)
      previousVCPU = size.vcpu
    }
    check(!document.fargateTaskSizes.isEmpty, "no Fargate task sizes")

    var typeNames: Set<String> = []
    for type in document.instanceTypes {
      let what = "instance type \(type.name)"
      check(typeNames.insert(type.name).inserted, "duplicate \(what)")
      check(type.vcpu > 0 && type.memoryGiB > 0, "\(what): vCPU and memory must be positive")
      check(type.architecture != .any, "\(what): architecture must be x86_64 or arm64")
      if let baseline = type.burstableBaseline {
        check(baseline > 0 && baseline <= 1, "\(what): burstable baseline must be in (0, 1]")
      }
      if let accelerator = type.accelerator {
        check(accelerator.count > 0, "\(what): accelerator count must be positive")
      }
      checkProvenance(what, source: type.source, date: nil)
      let priced = OperatingSystem.allCases.contains {
        itemIDs.contains("ec2.\($0.rawValue).\(type.name)")
      }
      check(priced, "\(what): no price item ec2.<os>.\(type.name)")
    }

    return problems
  }

  private static func priceProblems(_ figure: PriceFigure, _ what: String) -> [String] {
    var problems: [String] = []
    switch (figure.usd, figure.tiers) {
    case (let usd?, nil):
      if !(usd.isFinite && usd >= 0) { problems.append("\(what): price must be >= 0") }
    case (nil, let tiers?):
      if tiers.isEmpty { problems.append("\(what): empty tiers") }
      var previous = 0.0
      for (index, tier) in tiers.enumerated() {
        if !(tier.usd.isFinite && tier.usd >= 0) {
          problems.append("\(what): tier \(index + 1) price must be >= 0")
        }
        if let upTo = tier.upTo {
          if !(upTo > previous && upTo.isFinite) {
            problems.append("\(what): tier \(index + 1) upTo must exceed the previous tier's")
          }
          previous = upTo
        } else if index != tiers.count - 1 {
          problems.append("\(what): only the last tier may be open-ended")
        }
      }
    default:
      problems.append("\(what): give exactly one of usd and tiers")
    }
    return problems
  }

  private static func isDate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
    else { return false }
    return (1...12).contains(month) && (1...31).contains(day)
  }
}
