extension QRCode {
    /// The symbol as a self-contained `<svg>` element, for inlining in an HTML page.
    ///
    /// Everything is plain presentation attributes — no `style`, script or external reference — so the markup
    /// works under a strict Content-Security-Policy. Coordinates are in modules (the `viewBox`); `width`/`height`
    /// scale them to `moduleSize` pixels. Dark modules form a single `<path>` of one rectangle per horizontal run,
    /// which keeps the markup to a few kilobytes; `crispEdges` stops anti-aliasing seams between runs.
    ///
    /// - Parameters:
    ///   - moduleSize: pixels per module (at least 1).
    ///   - quietZone: light border in modules (at least 0); the standard asks for 4.
    ///   - title: accessible name, XML-escaped here.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String) -> String {
        let border = max(0, quietZone)
        let extent = size + 2 * border
        let pixels = extent * max(1, moduleSize)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                var end = x + 1
                while isDark(x: end, y: y) {
                    end += 1
                }
                path += "M\(x + border) \(y + border)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(pixels)\" height=\"\(pixels)\""
            + " viewBox=\"0 0 \(extent) \(extent)\" shape-rendering=\"crispEdges\">"
            + "<title>\(Self.xmlEscaped(title))</title>"
            + "<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    /// Escapes markup characters, and drops the control characters XML 1.0 forbids outright, so that any
    /// caller-supplied title yields well-formed markup.
    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
