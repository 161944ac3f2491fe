import AWSHTTP
import AWSSigV4

/// IAM Identity Center (SSO) credentials for planned `SSOSettings`: the token the AWS CLI cached at
/// `aws sso login`, refreshed when it is about to expire (sso-oidc `CreateToken`), then
/// `GetRoleCredentials` from the portal.
enum SSOFetch {
    /// The longest lifetime believed from an SSO answer (a token's `expiresIn`): 90 days, the longest
    /// session IAM Identity Center allows.
    static let maxLifetimeSeconds = 90 * 86_400
    /// The latest expiration believed from an SSO answer: the year 9999.
    static let latestExpiration = 253_402_300_799

    static func fetch(_ s: SSOSettings, context: CredentialContext) throws(AWSError) -> Credentials {
        let token = try token(s, context: context)
        return try roleCredentials(s, token: token, context: context)
    }

    static func loginHint(_ profile: String) -> String { "run: aws sso login --profile \(profile)" }

    /// A usable access token: the cached one, refreshed first when it expires within 15 minutes.
    static func token(_ s: SSOSettings, context: CredentialContext) throws(AWSError) -> String {
        let profile = s.profile
        guard var cache = try SSOTokenCache.load(key: s.tokenCacheKey, env: context.env),
              let token = cache.accessToken, let expires = cache.expiresAt else {
            throw AWSError(.configuration, "no SSO login found for profile \(profile) (no token in \(SSOTokenCache.path(for: s.tokenCacheKey, env: context.env)))",
                           hint: loginHint(profile))
        }
        let now = Clock.epochSeconds()
        if expires - 900 > now { return token }
        if s.session != nil, let refresh = cache.refreshToken, let id = cache.clientID, let secret = cache.clientSecret,
           (cache.registrationExpiresAt ?? .max) > now {
            do {
                let (fresh, expiresIn, newRefresh) = try createToken(region: s.region, clientID: id, clientSecret: secret,
                                                                    refreshToken: refresh, context: context)
                if !cache.update(accessToken: fresh, expiresIn: expiresIn, refreshToken: newRefresh) {
                    context.log.debug("could not write the refreshed SSO token back to \(cache.path)")
                }
                context.log.debug("refreshed the SSO token of profile \(profile)")
                return fresh
            } catch {
                context.log.debug("refreshing the SSO token failed: \(error.message)")
            }
        }
        if expires - 60 > now { return token }
        throw AWSError(.configuration, "the SSO session of profile \(profile) has expired", hint: loginHint(profile))
    }

    /// sso-oidc `CreateToken` with the refresh token: a new access token, its lifetime, maybe a new refresh token.
    static func createToken(region: String, clientID: String, clientSecret: String, refreshToken: String,
                            context: CredentialContext) throws(AWSError) -> (String, Int, String?) {
        let endpoint = try Endpoint.resolve(.ssoOIDC, flag: nil, region: region, context: context)
        let body = Array(JSON.serialize(.object([
            "clientId": .string(clientID), "clientSecret": .string(clientSecret),
            "grantType": .string("refresh_token"), "refreshToken": .string(refreshToken),
        ])).utf8)
        let url = endpoint.url.description + "/token"
        let r = try AWSTransport.forCredentials(context).send("sso-oidc:CreateToken to \(endpoint.url)", operation: "CreateToken") { _ in
            HTTPRequest(method: "POST", url: url, headers: [(name: "Content-Type", value: "application/json"),
                                                           (name: "User-Agent", value: "lwexec/\(LwexecVersion.string)")], body: body)
        }
        guard let json = try? JSON.parse(r.body), let token = json["accessToken"]?.string,
              let expiresIn = json["expiresIn"]?.int, (1...Self.maxLifetimeSeconds).contains(expiresIn) else {
            throw AWSError(.malformedResponse, "sso-oidc:CreateToken answered without a token or a valid expiresIn",
                           hint: "check AWS_ENDPOINT_URL_SSO_OIDC")
        }
        return (token, expiresIn, json["refreshToken"]?.string)
    }

    /// `GetRoleCredentials` from the portal (unsigned; the bearer token authorizes it).
    static func roleCredentials(_ s: SSOSettings, token: String, context: CredentialContext) throws(AWSError) -> Credentials {
        let profile = s.profile
        try HeaderSafety.check(token, "the SSO access token", from: "the SSO login of profile \(profile)")
        let endpoint = try Endpoint.resolve(.sso, flag: nil, region: s.region, context: context)
        let url = endpoint.url.description + "/federation/credentials?role_name=\(SigV4.uriEncode(s.role))&account_id=\(SigV4.uriEncode(s.account))"
        let r: HTTPResponse
        do throws(AWSError) {
            r = try AWSTransport.forCredentials(context).send("sso:GetRoleCredentials to \(endpoint.url)", operation: "GetRoleCredentials") { _ in
                HTTPRequest(method: "GET", url: url, headers: [(name: "x-amz-sso_bearer_token", value: token),
                                                               (name: "User-Agent", value: "lwexec/\(LwexecVersion.string)")])
            }
        } catch {
            guard case .service(let code, let status) = error.kind else { throw error }
            if status == 401 || code == "UnauthorizedException" {
                throw AWSError(.configuration, "the SSO session of profile \(profile) is no longer valid (\(code))", hint: loginHint(profile))
            }
            throw AWSError(error.kind, "sso:GetRoleCredentials for role \(s.role) in account \(s.account) failed: \(code): \(error.message)",
                           hint: "check sso_account_id and sso_role_name in profile \(profile), and that you may use that role")
        }
        guard let json = try? JSON.parse(r.body), let rc = json["roleCredentials"],
              let id = rc["accessKeyId"]?.string, let secret = rc["secretAccessKey"]?.string else {
            throw AWSError(.malformedResponse, "sso:GetRoleCredentials answered without credentials", hint: "check AWS_ENDPOINT_URL_SSO")
        }
        // Milliseconds since the epoch; a value that is not a whole number of a sane size is a malformed answer.
        var exp: Int?
        if let v = rc["expiration"] {
            guard let ms = v.int, ms >= 0, ms / 1000 <= Self.latestExpiration else {
                throw AWSError(.malformedResponse, "sso:GetRoleCredentials answered an invalid expiration", hint: "check AWS_ENDPOINT_URL_SSO")
            }
            exp = ms / 1000
        }
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: rc["sessionToken"]?.string, expiration: exp,
                           source: "sso role \(s.role) in account \(s.account) (profile \(profile))")
    }
}
