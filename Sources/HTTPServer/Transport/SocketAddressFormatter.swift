#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns socket addresses into `host:port` strings and ports.
enum SocketAddressFormatter {
  /// `a.b.c.d:port` or `[v6]:port`, or nil for other families.
  static func describe(_ storage: sockaddr_storage) -> String? {
    var copy = storage
    return withUnsafePointer(to: &copy) { pointer -> String? in
      var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
      switch Int32(storage.ss_family) {
      case AF_INET:
        return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
          var ip = address.pointee.sin_addr
          guard inet_ntop(AF_INET, &ip, &text, socklen_t(text.count)) != nil else { return nil }
          return "\(decodeCString(text)):\(UInt16(bigEndian: address.pointee.sin_port))"
        }
      case AF_INET6:
        return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
          var ip = address.pointee.sin6_addr
          guard inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count)) != nil else { return nil }
          return "[\(decodeCString(text))]:\(UInt16(bigEndian: address.pointee.sin6_port))"
        }
      default:
        return nil
      }
    }
  }

  /// The port of an IPv4 or IPv6 address.
  static func port(of storage: sockaddr_storage) -> Int? {
    var copy = storage
    return withUnsafePointer(to: &copy) { pointer -> Int? in
      switch Int32(storage.ss_family) {
      case AF_INET:
        return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin_port))
        }
      case AF_INET6:
        return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin6_port))
        }
      default:
        return nil
      }
    }
  }

  /// The text of a NUL-terminated buffer.
  private static func decodeCString(_ characters: [CChar]) -> String {
    String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
