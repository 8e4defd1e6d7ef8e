import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

/// The pages in a real browser: headless Chromium (Debian's `chromium` + `chromium-driver`, driven by
/// `python3-selenium`) walks forgot → e-mail → reset → login → account → change password → logout
/// and auto-login links (a revoked one, then a fresh one by e-mail), then two-step verification (an
/// authenticator app set up on the account page, a login that asks for its code) against the running
/// stack (Tests/Browser/walkthrough.py). Screenshots of
/// every page stay in `results/browser/` for a reviewer (not committed).
final class BrowserTests: XCTestCase {
    func testMemberWalkthroughInChromium() throws {
        let mail = try MailSink(testCase: self)
        let running = try RunningSite(settings: mail.settings, testCase: self)
        try running.member(email: "wanda@example.test", login: "wanda", password: "initial password wanda")
        let link = try TestSite.run(
            TestSite.pressgateBinary, ["user", "login-link", "wanda@example.test", "--redirect", "/members/"],
            environment: running.environment
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let artefacts = TestSite.repositoryRoot.appendingPathComponent("results/browser").path
        let output = try TestSite.run(
            "/usr/bin/python3",
            [
                TestSite.repositoryRoot.appendingPathComponent("Tests/Browser/walkthrough.py").path,
                running.http.baseURL, mail.folder + "/mail", artefacts, "wanda",
                link.replacingOccurrences(of: "http://127.0.0.1:8080", with: running.http.baseURL),
            ])
        XCTAssertEqual(output.status, 0, output.stderr + output.stdout)
    }
}
