import Foundation
import PressGateTestSupport
import XCTest

/// How PressGate sits in a deployment: who may reach its socket, and whom it believes about the
/// client's address and scheme.
final class DeploymentTests: XCTestCase {
    /// `pressgate serve` makes its socket 0660 in `socket_group` (the setting goes through the
    /// command to the listener), and nginx's workers, running as the same user, still get through.
    func testTheSocketIsOwnerAndGroupOnlyAndNginxStillConnects() throws {
        // root may hand the socket to any group; another user only to one of its own.
        let group = getuid() == 0 ? "daemon" : String(getegid())
        let running = try RunningSite(settings: ["PRESSGATE_SOCKET_GROUP": group], testCase: self)
        var status = stat()
        XCTAssertEqual(lstat(running.socket, &status), 0)
        XCTAssertEqual(status.st_mode & 0o777, 0o660, "not 0666: other local users cannot speak FastCGI")
        XCTAssertEqual(status.st_gid, getgrnam(group)?.pointee.gr_gid ?? UInt32(group))
        XCTAssertEqual(try running.http.request("GET", "/auth/healthz").status, 200, "through nginx")
    }
}
