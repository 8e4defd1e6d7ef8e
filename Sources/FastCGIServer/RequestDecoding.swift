import PressGateApp

extension FastCGIRequest {
    /// The CGI parameters nginx sends (`fastcgi_params`), turned into the app's request.
    func httpRequest(maximumBodyBytes: Int) -> HTTPRequest {
        let method = parameter("REQUEST_METHOD") ?? "GET"
        let requestURI = parameter("REQUEST_URI") ?? "/"
        let path = parameter("DOCUMENT_URI").flatMap { $0.isEmpty ? nil : $0 }
            ?? String(requestURI.prefix { $0 != "?" })
        let queryString = parameter("QUERY_STRING") ?? ""
        var headers: [String: String] = [:]
        for (parameterName, header) in [("HTTP_ACCEPT", "accept"), ("HTTP_USER_AGENT", "user-agent"), ("HTTP_ORIGIN", "origin"),
                                         ("HTTP_REFERER", "referer"), ("HTTP_HOST", "host"),
                                         ("HTTP_WEBHOOK_ID", "webhook-id"), ("HTTP_WEBHOOK_TIMESTAMP", "webhook-timestamp"),
                                         ("HTTP_WEBHOOK_SIGNATURE", "webhook-signature"), ("HTTP_STRIPE_SIGNATURE", "stripe-signature"),
                                         ("HTTP_X_WC_WEBHOOK_SIGNATURE", "x-wc-webhook-signature"),
                                         ("HTTP_X_WC_WEBHOOK_DELIVERY_ID", "x-wc-webhook-delivery-id")] {
            if let value = parameter(parameterName) { headers[header] = value }
        }
        let length = Int(parameter("CONTENT_LENGTH") ?? "") ?? 0
        let body = length > 0 ? readBody(expected: length, limit: maximumBodyBytes) : []
        let https = (parameter("HTTPS") ?? "").lowercased()
        return HTTPRequest(
            method: method, path: path, query: Self.lenientQuery(queryString),
            cookies: Cookies.parse(parameter("HTTP_COOKIE") ?? ""), headers: headers,
            remoteAddress: parameter("REMOTE_ADDR") ?? "", isHTTPS: https == "on" || https == "1",
            contentType: parameter("CONTENT_TYPE") ?? "", body: body)
    }

    /// Query parameters, keeping only the pairs that decode cleanly.
    static func lenientQuery(_ text: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in text.split(separator: "&") {
            if let fields = try? FormFields.urlEncoded(Array(pair.utf8)) {
                for (name, value) in fields.values where query[name] == nil { query[name] = value }
            }
        }
        return query
    }
}
