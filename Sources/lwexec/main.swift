import ExecCore

WarmStart.main()
