#!/bin/sh
# Build the libFuzzer target tests/fuzz/fuzz_facts.c with clang (Debian
# clang-14) into build-fuzz/ at the top of the tree. The meson project is
# built with gcc, so this compiles the needed sources directly: lib/rules
# (with RULES_HAVE_<ID> for every lib/rules/modules/<id>.c, as
# lib/rules/meson.build does), lib/facts, lib/core/xalloc.c and the target, all instrumented
# with -fsanitize=fuzzer,address,undefined. Warnings are reported but not
# fatal here (the gcc build with -Werror is their gate). Works from any
# directory.
#
#   tests/fuzz/build.sh            → build-fuzz/fuzz_facts
#   CC=clang-14 tests/fuzz/build.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/build-fuzz"
mkdir -p "$work"

if [ -z "${CC:-}" ]; then
    if command -v clang-14 >/dev/null 2>&1; then CC=clang-14; else CC=clang; fi
fi

defs=""
for f in "$root"/lib/rules/modules/*.c; do
    [ -e "$f" ] || continue
    id=$(basename "$f" .c | tr '[:lower:]' '[:upper:]')
    defs="$defs -DRULES_HAVE_$id"
done

# lib/facts links lib/core (xalloc: allocation failure aborts).
core=""
[ -e "$root/lib/core/xalloc.c" ] && core="$root/lib/core/xalloc.c"

jansson_cflags=$(pkg-config --cflags jansson 2>/dev/null || true)
jansson_libs=$(pkg-config --libs jansson 2>/dev/null || echo -ljansson)

# shellcheck disable=SC2086 # word splitting of the flag lists is intended
"$CC" -std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
    -I"$root/lib" $jansson_cflags $defs \
    -DPEIYU_EDITIONS_DIR_DEFAULT="\"$root/sql/editions\"" \
    "$root"/lib/rules/*.c "$root"/lib/rules/modules/*.c "$root"/lib/facts/*.c $core \
    "$here/fuzz_facts.c" \
    $jansson_libs -o "$work/fuzz_facts.new"
mv "$work/fuzz_facts.new" "$work/fuzz_facts"
echo "built $work/fuzz_facts ($(echo $defs | wc -w) modules)"
