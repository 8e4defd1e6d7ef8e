internal import CXCrypt

/// libxcrypt: bcrypt and the other `crypt()` formats PHP's `crypt()` and `password_verify()` read.
///
/// This folder is the only place that imports `CXCrypt`. Only the reentrant calls are used
/// (`crypt_rn`, `crypt_gensalt_rn`) with a per-call `crypt_data`: `crypt()` and `crypt_gensalt()`
/// write to static buffers and are not thread-safe.
enum XCrypt {
    /// libxcrypt refuses phrases of this many bytes or more.
    static let maximumPhraseLength = Int(CRYPT_MAX_PASSPHRASE_SIZE)

    /// `crypt(phrase, setting)`; nil when libxcrypt cannot use the setting.
    ///
    /// The phrase is a C string, so it ends at its first NUL byte, as it does in PHP's `crypt()`.
    static func crypt(_ phrase: [UInt8], setting: String) -> String? {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer { data.deallocate() }
        UnsafeMutableRawPointer(data).initializeMemory(
            as: UInt8.self, repeating: 0, count: MemoryLayout<crypt_data>.size)
        defer {
            UnsafeMutableRawPointer(data).initializeMemory(
                as: UInt8.self, repeating: 0, count: MemoryLayout<crypt_data>.size)
        }

        var cPhrase = Array(phrase.prefix { $0 != 0 }).map { CChar(bitPattern: $0) }
        cPhrase.append(0)
        let result: String? = setting.withCString { cSetting in
            guard let output = crypt_rn(cPhrase, cSetting, data, Int32(MemoryLayout<crypt_data>.size)) else {
                return nil
            }
            return String(cString: output)
        }
        guard let result, !result.hasPrefix("*") else { return nil }
        return result
    }

    /// A bcrypt setting (`$2y$<cost>$<22 salt chars>`) from 16 random bytes of the caller's.
    static func bcryptSetting(cost: Int, randomBytes: [UInt8]) -> String? {
        var output = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        let made = randomBytes.withUnsafeBufferPointer { random in
            output.withUnsafeMutableBufferPointer { buffer in
                random.withMemoryRebound(to: CChar.self) { r in
                    crypt_gensalt_rn(
                        "$2y$", UInt(cost), r.baseAddress, Int32(r.count), buffer.baseAddress, Int32(buffer.count))
                }
            }
        }
        guard made != nil else { return nil }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
