public let placeholderAWSCore = 0
