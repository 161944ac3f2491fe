/* argc/argv for Embedded Swift, which has no CommandLine: glibc passes (argc, argv, envp) to
   .init_array functions. Read through lw_argc()/lw_argv() in helpers.h. */
int lw_embedded_argc;
char **lw_embedded_argv;
__attribute__((constructor)) static void lw_capture_args(int argc, char **argv, char **envp) {
    (void)envp; lw_embedded_argc = argc; lw_embedded_argv = argv;
}
