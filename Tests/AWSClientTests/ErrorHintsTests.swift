import Testing
@testable import AWSClient

@Suite struct ErrorHintsTests {
    let get = ErrorHints.Call.secretsManager(operation: "GetSecretValue", listing: false)
    let list = ErrorHints.Call.secretsManager(operation: "BatchGetSecretValue", listing: true)

    @Test func accessDeniedSaysWhatToGrantForEachKindOfCall() {
        #expect(ErrorHints.hint(code: "AccessDeniedException", call: get, subject: "/dev/app/db")
                == "grant secretsmanager:GetSecretValue on /dev/app/db to this identity (`lwexec whoami` shows who you are)")
        #expect(ErrorHints.hint(code: "AccessDeniedException", call: list, subject: "prefix /dev/app")
                == "grant secretsmanager:BatchGetSecretValue to this identity, or name secrets with --secret (needs only GetSecretValue) (`lwexec whoami` shows who you are)")
        #expect(ErrorHints.hint(code: "AccessDenied", call: .assumeRole, subject: "arn:aws:iam::1:role/r")?
                .hasPrefix("the source identity may not assume arn:aws:iam::1:role/r") == true)
    }

    @Test func theSameCodeMeansTheSameAdviceWithinAService() {
        for code in ["ExpiredToken", "ExpiredTokenException", "RequestExpired"] {
            #expect(ErrorHints.hint(code: code, call: get, subject: "s") == "the session has expired: refresh your credentials (e.g. `aws sso login`)")
        }
        // For a web identity call, an expired token is the token file's, not the caller's session.
        #expect(ErrorHints.hint(code: "ExpiredTokenException", call: .assumeRoleWithWebIdentity, subject: "r")
                == "the web identity token was rejected: check the token file and the role's trust policy")
        #expect(ErrorHints.hint(code: "SomethingNew", call: get, subject: "s") == nil)
        #expect(ErrorHints.hint(code: "SomethingNew", call: .assumeRole, subject: "r") == "check the profile's role settings (`lwexec whoami` shows who you are)")
    }

    /// Issue 23: what whoami says when it fails never tells the user to run whoami.
    @Test func whoamisOwnCallNeverPointsAtWhoami() {
        for code in ["UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "AccessDenied", "SomethingNew"] {
            #expect(ErrorHints.hint(code: code, call: .getCallerIdentity, subject: "the caller")?.contains("whoami") != true, "\(code)")
        }
        #expect(ErrorHints.hint(code: "InvalidClientTokenId", call: .getCallerIdentity, subject: "the caller")
                == "the access key id is not known to AWS: check AWS_PROFILE and your keys")
        #expect(ErrorHints.withoutWhoami(ErrorHints.hint(code: "InvalidClientTokenId", call: .assumeRole, subject: "r"))
                == "the source credentials are not valid: check them")
        #expect(ErrorHints.withoutWhoami("check the network") == "check the network")
    }
}
