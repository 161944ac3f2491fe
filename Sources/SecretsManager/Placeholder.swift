public let placeholderSecretsManager = 0
