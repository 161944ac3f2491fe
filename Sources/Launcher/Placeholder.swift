public let placeholderLauncher = 0
