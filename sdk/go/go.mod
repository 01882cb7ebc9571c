module ggen.io/ffi/worker

go 1.19
