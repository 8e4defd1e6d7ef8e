import PressGateApp
import PressGateConfiguration

extension AppSettings {
    /// The app's settings from PressGate's `http` settings (the login throttle keeps its defaults).
    init(_ http: PressGateSettings.HTTPSettings) {
        self.init()
        routePrefix = http.routePrefix
        maximumBodyBytes = http.maximumBodyBytes
        defaultRedirect = http.loginRedirect
        pagesDirectory = http.pagesDirectory
        gateCacheSeconds = http.gateCacheSeconds
    }
}
