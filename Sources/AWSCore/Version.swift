/// lwexec's version, shown by `--version` and sent in `User-Agent`.
public enum LwexecVersion {
    public static let string = "0.1.0"
}
