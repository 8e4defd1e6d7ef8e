import Foundation

/// A page before it is framed: its title and the content of `<main>`.
struct Page {
    let title: String
    let content: String

    init(title: String, _ content: String) {
        self.title = title
        self.content = content
    }
}

/// The frame every page shares: one stylesheet, no scripts. A site themes all pages by putting
/// `layout.html` (with `{{title}}`, `{{style}}` and `{{content}}`) and/or `style.css` into the folder
/// named by the `pages_dir` setting; PressGate keeps filling in the forms. Loaded once at start and
/// held by the app (immutable, shared by every thread).
struct Layout: Sendable {
    static let builtInStyle = """
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }
        label { display: block; margin-top: 1rem; font-weight: 600; } label.inline { display: inline; font-weight: normal; }
        input[type=text], input[type=password] { width: 100%; max-width: 24rem; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
        button { margin-top: 1rem; padding: .6rem 1.2rem; font-size: 1rem; } .help { margin: .25rem 0; color: #555; }
        .notice { padding: .75rem; border-left: 4px solid #b32d2e; background: #fcf0f1; }
        code { font-size: 1.1rem; background: #f3f3f3; padding: .1rem .3rem; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { text-align: left; padding: .3rem; border-bottom: 1px solid #ddd; }
        """

    static let builtInLayout = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
        <title>{{title}}</title>
        <style>{{style}}</style>
        </head>
        <body><main>
        {{content}}
        </main></body>
        </html>
        """

    let template: String
    let style: String

    init(template: String = Layout.builtInLayout, style: String = Layout.builtInStyle) {
        self.template = template
        self.style = style
    }

    enum ThemeError: Error, CustomStringConvertible {
        case unreadable(String)
        case noContent(String)
        var description: String {
            switch self {
            case .unreadable(let path): "cannot read \(path)"
            case .noContent(let path): "\(path) has no {{content}} placeholder"
            }
        }
    }

    /// Loads the site's `layout.html` / `style.css` from `directory` (either may be missing).
    init(pagesDirectory directory: String?) throws {
        var template = Layout.builtInLayout
        var style = Layout.builtInStyle
        guard let directory else {
            self.init()
            return
        }
        let layoutPath = directory + "/layout.html"
        let stylePath = directory + "/style.css"
        if FileManager.default.fileExists(atPath: layoutPath) {
            guard let text = try? String(contentsOfFile: layoutPath, encoding: .utf8) else {
                throw ThemeError.unreadable(layoutPath)
            }
            guard text.contains("{{content}}") else { throw ThemeError.noContent(layoutPath) }
            template = text
        }
        if FileManager.default.fileExists(atPath: stylePath) {
            guard let text = try? String(contentsOfFile: stylePath, encoding: .utf8) else {
                throw ThemeError.unreadable(stylePath)
            }
            style = text
        }
        self.init(template: template, style: style)
    }

    func render(_ page: Page) -> String {
        // One pass, so a title or content that happens to contain "{{style}}" is never expanded.
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                output += rest[open.lowerBound...]
                rest = ""
                break
            }
            switch after[..<close.lowerBound] {
            case "title": output += HTML.escape(page.title)
            case "style": output += style.replacingOccurrences(of: "</", with: "<\\/")
            case "content": output += page.content
            default: output += rest[open.lowerBound..<close.upperBound]
            }
            rest = after[close.upperBound...]
        }
        return output + rest
    }
}
