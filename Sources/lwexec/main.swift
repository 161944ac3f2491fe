import LwexecCLI
