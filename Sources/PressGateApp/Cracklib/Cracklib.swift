internal import CCrack
import Foundation
import Synchronization

/// cracklib (Debian's `cracklib-runtime` dictionary, tens of thousands of words and common
/// passwords with their usual manglings). This folder is the only place that imports `CCrack`.
///
/// cracklib keeps static state, so calls are serialised; it only runs when a member sets a password.
enum Cracklib {
    static let dictionary = "/var/cache/cracklib/cracklib_dict"
    private static let lock = Mutex(())

    /// cracklib's reason for refusing `password` ("it is based on a dictionary word", …), or nil.
    /// Checked as a neutral user, so the server's own account name plays no part.
    static func refusal(for password: String) -> String? {
        lock.withLock { _ in check(password) }
    }

    private static func check(_ password: String) -> String? {
        guard FileManager.default.fileExists(atPath: dictionary + ".pwd") else { return nil }
        guard let message = FascistCheckUser(password, dictionary, "pressgate-member", nil) else { return nil }
        return String(cString: message)
    }
}
