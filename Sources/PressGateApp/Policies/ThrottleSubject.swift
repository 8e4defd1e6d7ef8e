import Foundation
import MemberStore
import WordPressCompat

/// The subjects the login throttle and the e-mail budgets count against.
///
/// A found member is counted by id, so every spelling MariaDB matches to the member (its login in
/// any case, with zero-width characters or full-width letters, or its e-mail) spends one budget.
/// A name no member has is counted by the name folded the way the `user_login` column's collation
/// compares it, so the spellings of one unknown name share a budget too.
enum ThrottleSubject {
    /// The budget of a member that was found (login, password change, two-step settings).
    static func member(_ id: UInt64) -> String { "id:\(id)" }

    /// The budget of an attempt: the member's when one was found, else the folded name's.
    static func account(member: Member?, typed log: String) -> String {
        if let member { return self.member(member.id) }
        return name(typed: log)
    }

    /// An unknown name's budget: the name sanitized as `wp_authenticate()` does, then folded like
    /// `utf8mb4_unicode_520_ci`, stored only as a SHA-256 (people type passwords into the field).
    static func name(typed log: String) -> String {
        let name = log.utf8.count > 1024 ? log : folded(WordPressUsername.sanitize(log, strict: false))
        return "name:" + SessionToken.verifier(for: name)
    }

    /// What `utf8mb4_unicode_520_ci` makes of a name at the level it compares: default-ignorable
    /// characters (zero-width space and joiners, word joiner, soft hyphen) dropped, compatibility
    /// forms unified (NFKC: full-width and circled letters), case and accents folded. Coarser than
    /// the collation in places, never finer: two names the database takes as one fold to one.
    static func folded(_ name: String) -> String {
        let visible = String(
            String.UnicodeScalarView(name.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint }))
        return visible.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
    }
}
