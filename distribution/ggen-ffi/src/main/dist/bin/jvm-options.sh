# Sourced by bin/ggen and benchmarks/run: reads the distribution's conf/jvm.options (ProcessIsolator
# reads it the same way for the isolates).

# ggen_jvm_options HOME: sets the array GGEN_JVM_OPTIONS to the options of HOME/conf/jvm.options, one
# per line, blank lines and comments skipped, ${GGEN_HOME} filled in with HOME; fails clearly without it.
ggen_jvm_options() {
  local home=$1 file=$1/conf/jvm.options option
  if [ ! -f "$file" ]; then
    echo "ggen: $file is missing: the distribution is incomplete; install it again" >&2
    return 2
  fi
  GGEN_JVM_OPTIONS=()
  while read -r option || [ -n "$option" ]; do
    case $option in '' | '#'*) ;; *) GGEN_JVM_OPTIONS+=("${option//'${GGEN_HOME}'/$home}") ;; esac
  done < "$file"
}
