internal import COpenSSL

/// The message digests and MACs the compatibility core needs, computed by OpenSSL.
///
/// This folder is the only place that imports `COpenSSL`. Algorithms are fetched once
/// (`EVP_MD_fetch`) and shared: looking them up per call made digests twice as slow.
enum OpenSSLDigest {
    /// Lowercase hex MD5 of `bytes`, as PHP's `md5()`.
    static func md5(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(MD5_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = MD5(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return digest
    }

    /// SHA-256 of `bytes` (session-token verifiers, `hash('sha256', …)`).
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return digest
    }

    /// phpass's inner loop (`crypt_private`): `h = md5(salt . password)`, then `rounds` times
    /// `h = md5(h . password)`.
    ///
    /// This is the hot path of every login, so it runs on one reused buffer laid out as
    /// `[16-byte digest][password]` and calls the one-shot `MD5()` in place: `MD5()` reads all of
    /// its input before it writes the digest, so the output may overlap the input.
    static func phpassChain(salt: [UInt8], password: [UInt8], rounds: Int) -> [UInt8] {
        let digestLength = Int(MD5_DIGEST_LENGTH)
        var buffer = [UInt8](repeating: 0, count: digestLength + password.count)
        var first = salt
        first.append(contentsOf: password)
        buffer.withUnsafeMutableBufferPointer { chain in
            let base = chain.baseAddress!
            first.withUnsafeBufferPointer { seed in
                _ = MD5(seed.baseAddress, seed.count, base)
            }
            password.withUnsafeBufferPointer { pw in
                if let source = pw.baseAddress {
                    (base + digestLength).update(from: source, count: pw.count)
                }
            }
            let length = chain.count
            for _ in 0..<rounds {
                _ = MD5(base, length, base)
            }
        }
        return Array(buffer[0..<digestLength])
    }

    /// HMAC of `message` under `key` with one of the fetched digests.
    static func hmac(_ algorithm: HMACAlgorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                output.withUnsafeMutableBufferPointer { out in
                    // An empty Swift array may have a nil base address; OpenSSL wants a valid pointer.
                    let keyPointer = UnsafeRawPointer(k.baseAddress) ?? UnsafeRawPointer(out.baseAddress!)
                    let result = HMAC(
                        algorithm.fetched.pointer, keyPointer, Int32(k.count),
                        m.baseAddress, m.count, out.baseAddress, &length)
                    // HMAC only fails for an unusable digest, fetched at start-up; an empty MAC
                    // would compare equal to another empty one, so never return one.
                    precondition(result != nil && length > 0, "HMAC failed")
                }
            }
        }
        return Array(output[0..<Int(length)])
    }

    /// Keyed BLAKE2b with a chosen output size: libsodium's `crypto_generichash(message, size, key)`,
    /// which WordPress 6.8's `wp_fast_hash()` calls. OpenSSL offers it as the `BLAKE2BMAC` MAC.
    static func keyedBLAKE2b(message: [UInt8], key: [UInt8], outputSize: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: outputSize)
        var size = outputSize
        var written = 0
        // OSSL_PARAM keeps pointers to the name and the value: both live until EVP_Q_mac returns.
        "size".withCString { sizeName in
            withUnsafeMutablePointer(to: &size) { sizePointer in
                var params = [
                    OSSL_PARAM_construct_size_t(sizeName, sizePointer),
                    OSSL_PARAM_construct_end(),
                ]
                key.withUnsafeBufferPointer { k in
                    message.withUnsafeBufferPointer { m in
                        output.withUnsafeMutableBufferPointer { out in
                            params.withUnsafeMutableBufferPointer { p in
                                let placeholder = UnsafeRawPointer(out.baseAddress!)
                                _ = EVP_Q_mac(
                                    nil, "BLAKE2BMAC", nil, nil, p.baseAddress,
                                    UnsafeRawPointer(k.baseAddress) ?? placeholder, k.count,
                                    m.baseAddress.map(UnsafeRawPointer.init) ?? placeholder, m.count,
                                    out.baseAddress, out.count, &written)
                            }
                        }
                    }
                }
            }
        }
        precondition(written == outputSize, "BLAKE2BMAC must be available in OpenSSL 3")
        return output
    }
}

/// The HMAC digests WordPress uses: `hash_hmac('md5')` (`wp_hash`), `'sha256'` (auth cookies) and
/// `'sha384'` (the `$wp$` pre-hash).
enum HMACAlgorithm: Sendable {
    case md5, sha1, sha256, sha384

    fileprivate var fetched: FetchedDigest {
        switch self {
        case .md5: FetchedDigest.md5
        case .sha1: FetchedDigest.sha1
        case .sha256: FetchedDigest.sha256
        case .sha384: FetchedDigest.sha384
        }
    }
}

/// An `EVP_MD` fetched once at start-up.
///
/// `@unchecked Sendable`: a fetched `EVP_MD` is immutable and OpenSSL documents it as safe to share
/// between threads; it is never freed (it lives as long as the process).
private final class FetchedDigest: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(_ name: String) {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            preconditionFailure("OpenSSL has no \(name) digest")
        }
        pointer = md
    }

    static let md5 = FetchedDigest("MD5")
    static let sha1 = FetchedDigest("SHA1")
    static let sha256 = FetchedDigest("SHA256")
    static let sha384 = FetchedDigest("SHA384")
}
