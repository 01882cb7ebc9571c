module ggen.io/itests/bindgen

go 1.19

require ggen.io/ffi/worker v0.0.0

replace ggen.io/ffi/worker => ../../../../../../../sdk/go
