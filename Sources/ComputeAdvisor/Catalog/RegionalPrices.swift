/// One price item in one region, resolved once; `nil` figure means the catalog has no price
/// there, and using it throws an error naming the item and the region. (A class: passed
/// around on hot paths, it costs one reference count.)
final class PriceRef: Sendable {
  let id: String
  let region: String
  /// The figure prices this many units (1,000,000 for per-million prices).
  let per: Double
  let unit: String
  /// The price per `per` units (the first tier's for a tiered price); nil when not priced.
  let usd: Double?
  /// The tiers of a tiered price.
  let tiers: [PriceTier]?
  /// The figure's provenance, as an answer lists it, ranked among the catalog's ids.
  let provenance: RankedProvenance?

  init(id: String, region: String, item: PriceItem?, index: CatalogIndex) {
    self.id = id
    self.region = region
    self.per = item?.per ?? 1
    self.unit = item?.unit ?? ""
    let figure = item?.regions[region]
    self.usd = figure?.usd ?? figure?.tiers?.first?.usd
    self.tiers = figure?.tiers
    self.provenance = figure.map {
      RankedProvenance(
        UsedFigure(
          id: id, region: region, source: $0.source, confidence: $0.confidence,
          effectiveDate: $0.effectiveDate, note: $0.note), index)
    }
  }

  var isPriced: Bool { usd != nil }

  /// The flat price per `per` units.
  func flat() throws(CatalogError) -> Double {
    guard let usd else { throw .priceMissing(item: id, region: region) }
    return usd
  }

  /// Splits `quantity` over the tiers and calls `body(tierIndex, quantityInTier, usdPerPer)`
  /// for each tier with a non-zero share. Throws when the quantity runs past the last tier.
  func forEachTier(
    _ quantity: Double, _ body: (Int, Double, Double) -> Void
  ) throws(CatalogError) {
    guard let usd else { throw .priceMissing(item: id, region: region) }
    guard let tiers else {
      body(0, quantity, usd)
      return
    }
    var lower = 0.0
    for index in tiers.indices {
      let upper = tiers[index].upTo ?? .infinity
      let share = min(quantity, upper) - lower
      if share > 0 { body(index, share, tiers[index].usd) }
      if quantity <= upper { return }
      lower = upper
    }
    throw .tierMissing(item: id, region: region, quantity: quantity, knownUpTo: lower)
  }
}

/// An instance type with its hourly price in one region.
final class InstanceOffer: Sendable {
  let type: InstanceType
  let price: PriceRef

  init(type: InstanceType, price: PriceRef) {
    self.type = type
    self.price = price
  }
}

/// An instance type's shape and hourly price as plain values, for the scans of every type
/// an instance option makes (no reference counting per type).
struct OfferShape: Sendable {
  let hourly: Double?
  let vcpu: Double
  let memoryMiB: Double
  let architecture: Architecture
  let burstableBaseline: Double?
  let acceleratorCount: Int
  /// The accelerator's kind as its index in `RegionalPrices.acceleratorKinds` (-1: none).
  let acceleratorKind: Int
  let nvidia: Bool

  init(_ offer: InstanceOffer, kinds: [String]) {
    let type = offer.type
    hourly = try? offer.price.flat()
    vcpu = type.vcpu
    memoryMiB = type.memoryGiB * 1024
    architecture = type.architecture
    burstableBaseline = type.burstableBaseline
    acceleratorCount = type.accelerator?.count ?? 0
    acceleratorKind = type.accelerator.flatMap { kinds.firstIndex(of: $0.kind) } ?? -1
    nvidia = type.accelerator?.vendor == "nvidia"
  }
}

/// The price table of one region, resolved from the catalog when it loads.
final class RegionalPrices: Sendable {
  let region: String
  let lambdaRequests: EnumTable<Architecture, PriceRef>
  let lambdaDuration: EnumTable<Architecture, PriceRef>
  let lambdaProvisioned: EnumTable<Architecture, PriceRef>
  let lambdaProvisionedDuration: EnumTable<Architecture, PriceRef>
  let lambdaEphemeral: PriceRef
  let fargateVCPU: EnumTable<Architecture, PriceRef>
  let fargateMemory: EnumTable<Architecture, PriceRef>
  let fargateWindowsVCPU: PriceRef
  let fargateWindowsLicense: PriceRef
  let fargateWindowsMemory: PriceRef
  let fargateEphemeral: PriceRef
  let eksControlPlane: PriceRef
  let ebsGP3: PriceRef
  let albHour: PriceRef
  let albLCU: PriceRef
  let apiGatewayHTTP: PriceRef
  let dataTransferOut: PriceRef
  /// Every catalog instance type, per operating system, in catalog order.
  let instances: EnumTable<OperatingSystem, [InstanceOffer]>
  /// The same types' shapes, in the same order.
  let shapes: EnumTable<OperatingSystem, [OfferShape]>
  /// The accelerator kinds the types have, each once.
  let acceleratorKinds: [String]

  init(
    region: String, items: [String: PriceItem], document: CatalogDocument, index: CatalogIndex
  ) {
    func ref(_ id: String) -> PriceRef {
      PriceRef(id: id, region: region, item: items[id], index: index)
    }
    /// `any` never prices anything: it is resolved to x86_64 or arm64 first.
    func perArch(_ prefix: String, _ suffix: String = "") -> EnumTable<Architecture, PriceRef> {
      EnumTable { ref(prefix + ($0 == .any ? "any" : $0.rawValue) + suffix) }
    }
    self.region = region
    lambdaRequests = perArch("lambda.requests.")
    lambdaDuration = perArch("lambda.duration.")
    lambdaProvisioned = perArch("lambda.provisioned-concurrency.")
    lambdaProvisionedDuration = perArch("lambda.provisioned-duration.")
    lambdaEphemeral = ref("lambda.ephemeral-storage")
    fargateVCPU = perArch("fargate.linux.", ".vcpu-hour")
    fargateMemory = perArch("fargate.linux.", ".gb-hour")
    fargateWindowsVCPU = ref("fargate.windows.vcpu-hour")
    fargateWindowsLicense = ref("fargate.windows.os-license-vcpu-hour")
    fargateWindowsMemory = ref("fargate.windows.gb-hour")
    fargateEphemeral = ref("fargate.ephemeral-storage.gb-hour")
    eksControlPlane = ref("eks.control-plane.standard")
    ebsGP3 = ref("ebs.gp3.gb-month")
    albHour = ref("elb.alb.hour")
    albLCU = ref("elb.alb.lcu-hour")
    apiGatewayHTTP = ref("apigateway.http.requests")
    dataTransferOut = ref("data-transfer.out.internet")
    instances = EnumTable { os in
      document.instanceTypes.map {
        InstanceOffer(type: $0, price: ref("ec2.\(os.rawValue).\($0.name)"))
      }
    }
    var kinds: [String] = []
    for type in document.instanceTypes {
      if let kind = type.accelerator?.kind, !kinds.contains(kind) { kinds.append(kind) }
    }
    acceleratorKinds = kinds
    let instances = instances
    shapes = EnumTable { os in instances[os].map { OfferShape($0, kinds: kinds) } }
  }
}
