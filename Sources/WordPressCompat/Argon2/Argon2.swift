internal import CArgon2

/// libargon2: checks `$argon2i$` and `$argon2id$` hashes, as PHP's `password_verify()` does.
///
/// This folder is the only place that imports `CArgon2`.
enum Argon2 {
    enum Variant { case argon2i, argon2id }

    /// True when `password` matches the encoded hash. libargon2 parses the encoding itself and
    /// answers an error code for anything malformed.
    static func verify(_ password: [UInt8], encoded: String, variant: Variant) -> Bool {
        let type: argon2_type =
            switch variant {
            case .argon2i: Argon2_i
            case .argon2id: Argon2_id
            }
        return encoded.withCString { cEncoded in
            password.withUnsafeBytes { pw in
                // A zero-length password still needs a valid pointer.
                withUnsafeBytes(of: 0) { fallback in
                    argon2_verify(cEncoded, pw.baseAddress ?? fallback.baseAddress, pw.count, type)
                        == ARGON2_OK.rawValue
                }
            }
        }
    }
}
