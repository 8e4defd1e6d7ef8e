internal import COpenSSL

/// AES-256-GCM for values PressGate keeps only briefly and only encrypted (the generated password
/// waiting for the thank-you page). Sealed form: 12-byte nonce ‖ ciphertext ‖ 16-byte tag.
public enum AESGCM {
    public static let keySize = 32
    static let nonceSize = 12
    static let tagSize = 16

    public enum Failure: Error, Equatable, Sendable {
        case badKey
        /// Tampered, truncated, or sealed with another key.
        case cannotOpen
    }

    public static func seal(_ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(Failure) -> [UInt8]
    {
        guard key.count == keySize else { throw .badKey }
        var random = SystemRandom()
        let nonce = random.nextBytes(nonceSize)
        guard let context = EVP_CIPHER_CTX_new() else { throw .cannotOpen }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: tagSize)
        var length: Int32 = 0
        var total: Int32 = 0
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1 else { throw .cannotOpen }
        if !associatedData.isEmpty {
            guard EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1 else {
                throw .cannotOpen
            }
        }
        let updated = output.withUnsafeMutableBufferPointer { out in
            EVP_EncryptUpdate(context, out.baseAddress, &length, plaintext, Int32(plaintext.count)) == 1
        }
        guard updated else { throw .cannotOpen }
        total = length
        let finished = output.withUnsafeMutableBufferPointer { out in
            EVP_EncryptFinal_ex(context, out.baseAddress! + Int(total), &length) == 1
        }
        guard finished else { throw .cannotOpen }
        total += length
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagSize), &tag) == 1 else { throw .cannotOpen }
        return nonce + output[0..<Int(total)] + tag
    }

    public static func open(_ sealed: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(Failure) -> [UInt8] {
        guard key.count == keySize else { throw .badKey }
        guard sealed.count >= nonceSize + tagSize else { throw .cannotOpen }
        let nonce = Array(sealed[0..<nonceSize])
        let ciphertext = Array(sealed[nonceSize..<(sealed.count - tagSize)])
        var tag = Array(sealed[(sealed.count - tagSize)...])
        guard let context = EVP_CIPHER_CTX_new() else { throw .cannotOpen }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var length: Int32 = 0
        var total: Int32 = 0
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1 else { throw .cannotOpen }
        if !associatedData.isEmpty {
            guard EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1 else {
                throw .cannotOpen
            }
        }
        let updated = output.withUnsafeMutableBufferPointer { out in
            EVP_DecryptUpdate(context, out.baseAddress, &length, ciphertext, Int32(ciphertext.count)) == 1
        }
        guard updated else { throw .cannotOpen }
        total = length
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), &tag) == 1 else { throw .cannotOpen }
        let verified = output.withUnsafeMutableBufferPointer { out in
            EVP_DecryptFinal_ex(context, out.baseAddress! + Int(total), &length) == 1
        }
        guard verified else { throw .cannotOpen }
        total += length
        return Array(output[0..<Int(total)])
    }
}
