# Sourced by ./ggen, bin/ggen and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or fails clearly.
# Order: JAVA_HOME if it is 25+, then the usual JVM folders, newest first.

ggen_java_major() { # prints the feature version of the java at $1/bin/java, or nothing
  [ -x "$1/bin/java" ] || return 0
  local released  # a JDK's release file says it without starting a JVM
  released=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  if [ -n "$released" ]; then echo "$released"; return 0; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

ggen_find_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(ggen_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -r -V); do
    major=$(ggen_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ -x "$candidate/bin/javac" -o -x "$candidate/bin/jcmd" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "ggen: no JDK 25 or newer found. Set JAVA_HOME to one (looked in JAVA_HOME=${JAVA_HOME:-unset}," \
       "/usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman). On Debian: install a Temurin 25 JDK." >&2
  return 1
}
