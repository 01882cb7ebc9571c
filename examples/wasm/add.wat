;; The command-line example of the WebAssembly bridge:
;;   wat2wasm add.wat -o add.wasm
;;   ggen test-ffi wasm --file add.wasm --function add --input-json 40 --input-json 2      # prints 42
;; or, without wat2wasm (the bridge assembles WebAssembly text itself):
;;   ggen test-ffi wasm --code "$(cat add.wat)" --function add --input-json 40 --input-json 2
(module
  (func (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))
