internal import CFastCGI
import PressGateHTTP

/// One worker's `FCGX_Request`: allocated once, reused for every request the worker accepts, freed
/// in `deinit`. Only its owning thread touches it.
final class FastCGIRequest {
    private let request: UnsafeMutablePointer<FCGX_Request>

    init(listenSocket: Int32) {
        request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        request.initialize(to: FCGX_Request())
        FCGX_InitRequest(request, listenSocket, 0)
    }

    deinit {
        FCGX_Free(request, 0)
        request.deinitialize(count: 1)
        request.deallocate()
    }

    /// Waits for the next request; false when the listener was shut down.
    func accept() -> Bool {
        FCGX_Accept_r(request) >= 0
    }

    func finish() {
        FCGX_Finish_r(request)
    }

    /// Every CGI parameter of the request (`envp`: `NAME=value` strings, NULL-terminated).
    func parameters() -> [String: String] {
        var result: [String: String] = [:]
        guard var entry = request.pointee.envp else { return result }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// Reads up to `limit` + 1 bytes of the body (`FCGX_GetStr` may return short reads), so the
    /// caller can tell "too large" without reading an unbounded body.
    func readBody(expected: Int, limit: Int) -> [UInt8] {
        let wanted = min(expected, limit + 1)
        var body = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let count = body.withUnsafeMutableBytes { buffer in
                FCGX_GetStr(
                    buffer.baseAddress!.advanced(by: filled).assumingMemoryBound(to: CChar.self),
                    Int32(wanted - filled),
                    request.pointee.in)
            }
            if count <= 0 { break }
            filled += Int(count)
        }
        return Array(body[0..<filled])
    }

    /// Writes the CGI response (``CGIResponseEncoder``).
    func write(_ response: HTTPResponse) {
        put(CGIResponseEncoder.bytes(for: response))
    }

    private func put(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buffer in
            _ = FCGX_PutStr(
                buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buffer.count), request.pointee.out)
        }
    }
}
