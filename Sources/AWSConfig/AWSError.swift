import LWSystem

/// An error from the AWS layer, with what failed and what the user can do about it.
public struct AWSError: Error, UserFacingError, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Bad or missing configuration: profile, region, endpoint, credentials.
        case configuration
        /// No credentials could be found anywhere in the chain.
        case noCredentials
        /// The service answered with an error code.
        case service(code: String, status: Int)
        /// No answer: DNS, connect, TLS, reset or timeout.
        case transport
        /// An answer that could not be read.
        case malformedResponse
    }

    public var kind: Kind
    public var message: String
    /// One short sentence on what to do next, printed on the second line.
    public var hint: String?
    /// The operation being called, when the error came from a call.
    public var operation: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil, operation: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.operation = operation
    }

    /// The service's error code, if the service answered.
    public var code: String? {
        if case .service(let c, _) = kind { return c }
        return nil
    }

    public var description: String { message }
}
