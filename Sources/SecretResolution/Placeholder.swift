public let placeholderSecretResolution = 0
