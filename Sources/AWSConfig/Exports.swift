/// Configuration is read from the process environment and reports through the Logger: both are
/// LWSystem's types, in this module's API.
@_exported import LWSystem
