# Sourced by ./forge and ./mvnw: sets JAVA_HOME to a JDK 25 or newer, or explains how to get one and exits.
# JAVA_HOME wins when it is new enough; then the usual install locations; then the java on the PATH.

forge_java_major() { # prints the major version of the JDK at $1, or nothing
  local home=$1 version=""
  [[ -x $home/bin/java ]] || return 0
  if [[ -f $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "$version"
}

forge_find_jdk() {
  local candidate major on_path=""
  if command -v java >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$on_path"; do
    [[ -n $candidate && -d $candidate && -x $candidate/bin/javac ]] || continue
    major=$(forge_java_major "$candidate")
    if [[ -n $major && $major -ge 25 ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! FORGE_JDK=$(forge_find_jdk); then
  echo "Forge needs a JDK 25 or newer, and none was found (looked at JAVA_HOME, /usr/lib/jvm, /usr/java, /opt/java)." >&2
  echo "Install one (e.g. Eclipse Temurin 25, 'apt-get install temurin-25-jdk' from the Adoptium repository)," >&2
  echo "then run this again, or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME=$FORGE_JDK
