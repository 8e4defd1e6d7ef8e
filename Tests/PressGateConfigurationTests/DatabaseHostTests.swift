import XCTest

@testable import PressGateConfiguration

/// `wpdb::parse_db_host()`'s table (reference §9).
final class DatabaseHostTests: XCTestCase {
    func testEveryFormWordPressAccepts() throws {
        let cases: [(String, String, Int?, String?, Bool)] = [
            ("localhost", "localhost", nil, nil, true),
            ("localhost:3307", "localhost", 3307, nil, true),
            ("127.0.0.1:3306", "127.0.0.1", 3306, nil, false),
            ("localhost:/var/run/mysqld/mysqld.sock", "localhost", nil, "/var/run/mysqld/mysqld.sock", true),
            (":/run/mysql.sock", "", nil, "/run/mysql.sock", true),
            ("db:3307:/run/x.sock", "db", 3307, "/run/x.sock", false),
            ("[::1]:3306", "::1", 3306, nil, false),
            ("[2001:db8::5]", "2001:db8::5", nil, nil, false),
            ("db.example:abc", "db.example", nil, nil, false),
        ]
        for (input, host, port, socket, usesSocket) in cases {
            let parsed = try XCTUnwrap(DatabaseHost(input), input)
            XCTAssertEqual(parsed.host, host, input)
            XCTAssertEqual(parsed.port, port, input)
            XCTAssertEqual(parsed.socket, socket, input)
            XCTAssertEqual(parsed.usesSocket, usesSocket, input)
        }
        XCTAssertEqual(DatabaseHost("[::1]:3306")?.isIPv6, true)
    }
}
