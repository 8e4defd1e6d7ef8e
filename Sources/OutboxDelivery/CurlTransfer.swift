internal import CCurl

/// `curl_global_init` must run once before any thread uses libcurl.
private let curlInitialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

/// One libcurl easy handle (`CURL*`), used by the delivery thread only and freed in `deinit`. This
/// folder is the only place that imports `CCurl`.
final class CurlTransfer {
    private let handle: UnsafeMutableRawPointer

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init() throws {
        precondition(curlInitialised, "curl_global_init failed")
        guard let handle = curl_easy_init() else { throw Failure(description: "curl_easy_init failed") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// Sends one message over SMTP (`smtp://` or `smtps://`; STARTTLS per `requireTLS`).
    func sendMail(
        url: String, from: String, to: String, message: [UInt8], username: String?, password: String?,
        requireTLS: Bool, timeout: Int
    ) throws {
        curl_easy_reset(handle)
        let recipients = curl_slist_append(nil, "<\(to)>")
        defer { curl_slist_free_all(recipients) }
        let body = BodySource(message)
        let unmanaged = Unmanaged.passRetained(body)
        defer { unmanaged.release() }
        try check(pressgate_curl_setopt_string(handle, CURLOPT_URL, url))
        try check(pressgate_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(from)>"))
        try check(pressgate_curl_setopt_pointer(handle, CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(recipients)))
        try check(pressgate_curl_setopt_long(handle, CURLOPT_UPLOAD, 1))
        try check(pressgate_curl_setopt_read_function(handle, readBody))
        try check(pressgate_curl_setopt_pointer(handle, CURLOPT_READDATA, unmanaged.toOpaque()))
        try check(
            pressgate_curl_setopt_long(
                handle, CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue)))
        if let username { try check(pressgate_curl_setopt_string(handle, CURLOPT_USERNAME, username)) }
        if let password { try check(pressgate_curl_setopt_string(handle, CURLOPT_PASSWORD, password)) }
        try applyTimeouts(timeout)
        try check(curl_easy_perform(handle))
    }

    /// POSTs `body` and returns the HTTP status.
    func post(url: String, headers: [String], body: [UInt8], timeout: Int) throws -> Int {
        curl_easy_reset(handle)
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }
        try check(pressgate_curl_setopt_string(handle, CURLOPT_URL, url))
        try check(pressgate_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list)))
        try check(pressgate_curl_setopt_long(handle, CURLOPT_POST, 1))
        try check(pressgate_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count))
        try check(pressgate_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        try check(pressgate_curl_setopt_write_function(handle, discardBody))
        try applyTimeouts(timeout)
        let status = try body.withUnsafeBytes { bytes throws -> Int in
            try check(
                pressgate_curl_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress)))
            try check(curl_easy_perform(handle))
            var code = 0
            _ = pressgate_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
            return code
        }
        return status
    }

    private func applyTimeouts(_ seconds: Int) throws {
        try check(pressgate_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, min(seconds, 10)))
        try check(pressgate_curl_setopt_long(handle, CURLOPT_TIMEOUT, seconds))
        try check(pressgate_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else {
            throw Failure(description: "libcurl: " + String(cString: curl_easy_strerror(code)))
        }
    }
}

/// The bytes libcurl reads through `CURLOPT_READFUNCTION`.
private final class BodySource {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private func readBody(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return 0 }
    let source = Unmanaged<BodySource>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, source.bytes.count - source.offset)
    guard length > 0 else { return 0 }
    source.bytes.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + source.offset, byteCount: length)
    }
    source.offset += length
    return length
}

private func discardBody(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    size * count
}
