#!/usr/bin/env bash
# Checks that every ```java and ```xml block of README.md compiles / resolves as written: runs only
# ReadmeSnippetsTest (samples-spring-boot; the rules are in its Javadoc), building the modules it needs first.
# Run it after editing the README. Extra arguments go to Maven, e.g. -o to stay offline.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -pl samples-spring-boot -am test -Dtest=ReadmeSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false "$@"
