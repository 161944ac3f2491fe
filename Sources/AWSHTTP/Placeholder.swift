public let placeholderAWSHTTP = 0
