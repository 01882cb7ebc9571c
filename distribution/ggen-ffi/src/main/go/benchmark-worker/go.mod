module ggen.io/distribution/benchmark-worker

go 1.19

require ggen.io/ffi/worker v0.0.0

replace ggen.io/ffi/worker => ../../../../../../sdk/go
