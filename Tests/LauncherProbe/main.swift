// launcher-probe: runs Launcher.runAndExit the way lwexec will, so LauncherTests can watch a real process.
//
//   launcher-probe [--search-path PATH | --unset-search-path] -- command [arguments...]
//
// The child gets the probe's environment exactly, in order; the command is looked up in the probe's
// PATH unless --search-path/--unset-search-path says otherwise.
import Glibc
import Launcher

var options = CommandLine.arguments.dropFirst()
var searchPath: String? = getenv("PATH").map { String(cString: $0) }
while let option = options.first, option != "--" {
    options = options.dropFirst()
    switch option {
    case "--search-path":
        guard let value = options.first else { break }
        searchPath = value
        options = options.dropFirst()
    case "--unset-search-path":
        searchPath = nil
    default:
        let message = "launcher-probe: unknown option \(option)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }
}

var environment: [(String, String)] = []
var entry = environ
while let pointer = entry.pointee {
    let text = String(cString: pointer)
    if let equals = text.firstIndex(of: "=") {
        environment.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
    } else {
        environment.append((text, ""))
    }
    entry += 1
}

Launcher.runAndExit(LaunchSpec(arguments: Array(options.dropFirst()), environment: environment,
                               searchPath: searchPath))
