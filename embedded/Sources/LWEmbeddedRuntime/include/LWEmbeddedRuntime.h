/* Runtime entry points the Embedded stdlib references but the embedded toolchain does not ship for
   x86_64-unknown-linux-gnu (in the full runtime they live in libswiftCore). Nothing to call from Swift. */
