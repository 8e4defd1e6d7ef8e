import WordPressCompat

/// The Two Factor plugin's e-mailed codes (`Two_Factor_Email`): the code's `wp_hash()` in
/// `_two_factor_email_token` and when it was made in `_two_factor_email_token_timestamp`; a code
/// works once, for 15 minutes. The caller makes the code and its hash (the store knows no salt).
extension TwoFactorCodes {
    public static let emailTokenLifetime = 15 * 60

    /// `user_has_token() && !user_token_has_expired()`: a code is waiting, so none is sent again
    /// unless the member asks.
    public func hasLiveEmailToken(memberID: UInt64, now: Int) throws -> Bool {
        try database.transaction { transaction in
            try liveEmailToken(memberID: memberID, now: now, in: transaction) != nil
        }
    }

    /// `generate_token()`: the timestamp, then the hash.
    public func storeEmailToken(memberID: UInt64, hashed: String, now: Int) throws {
        try database.transaction { transaction in
            _ = try transaction.run(lockUser, [.int(memberID)])
            try setMeta(
                TwoFactorPlugin.emailTokenTimestampMetaKey, Array(String(now).utf8), of: memberID, in: transaction)
            try setMeta(TwoFactorPlugin.emailTokenMetaKey, Array(hashed.utf8), of: memberID, in: transaction)
        }
    }

    /// `validate_token()`: the hash matches and the code is not older than 15 minutes; the token is
    /// then deleted, so it works once.
    public func verifyEmailToken(memberID: UInt64, hashed: String, now: Int) throws -> Bool {
        try database.transaction { transaction in
            _ = try transaction.run(lockUser, [.int(memberID)])
            guard let stored = try liveEmailToken(memberID: memberID, now: now, in: transaction),
                ConstantTime.equals(stored, Array(hashed.utf8))
            else { return false }
            try transaction.run(deleteMeta, [.int(memberID), .text(TwoFactorPlugin.emailTokenMetaKey)])
            return true
        }
    }

    /// The stored hash while its timestamp is within the lifetime (`user_token_lifetime()` must be
    /// an int not over the TTL).
    func liveEmailToken(memberID: UInt64, now: Int, in transaction: Transaction) throws -> [UInt8]? {
        guard let stored = try meta(TwoFactorPlugin.emailTokenMetaKey, of: memberID, in: transaction), !stored.isEmpty,
            let stamp = try meta(TwoFactorPlugin.emailTokenTimestampMetaKey, of: memberID, in: transaction)
                .flatMap({ Int(String(decoding: $0, as: UTF8.self)) }), stamp != 0,
            now - stamp <= Self.emailTokenLifetime
        else { return nil }
        return stored
    }
}
