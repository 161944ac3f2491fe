import LwexecCLI

LwexecMain.main()
