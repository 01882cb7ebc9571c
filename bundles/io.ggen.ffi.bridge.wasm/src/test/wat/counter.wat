;; State that stays in an instance, and a start function: each instance starts at 100.
(module
  (global $count (mut i32) (i32.const 0))
  (func $init i32.const 100 global.set $count)
  (start $init)
  (func (export "next") (result i32)
    global.get $count i32.const 1 i32.add global.set $count global.get $count))
