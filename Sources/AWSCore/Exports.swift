/// AWS answers are JSON: everything that uses AWSCore sees `JSON` and `JSONValue` too.
@_exported import LWJSON
