;; A module that asks for 300 pages (18.75 MiB) at start: more than the bridge's default limit of 256.
(module
  (memory 300)
  (func (export "pages") (result i32) memory.size))
