public let placeholderLwexecCLI = 0
