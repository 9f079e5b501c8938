#!/bin/sh
# Proves lib/rules is pure (STYLE.md §9): every #include names a libc header,
# another lib/rules header, or core/xalloc.h. Anything else fails the test.
dir=${1:?usage: check_includes.sh LIB_RULES_DIR}
allowed='^#include <(assert|stdarg|stdbool|stddef|stdint|stdio|stdlib|string|limits|inttypes)\.h>$|^#include "(rules/[a-z_]+\.(h|def)|core/xalloc\.h)"$'
bad=$(find "$dir" -name '*.[ch]' -exec grep -HnE '^[[:space:]]*#[[:space:]]*include' {} + |
      while IFS= read -r line; do
          inc=$(printf '%s\n' "$line" | cut -d: -f3- | sed 's/^[[:space:]]*#[[:space:]]*/#/')
          printf '%s\n' "$inc" | grep -qE "$allowed" || printf '%s\n' "$line"
      done)
if [ -n "$bad" ]; then
    echo "lib/rules includes a header outside libc/rules/core/xalloc.h:" >&2
    echo "$bad" >&2
    exit 1
fi
# No I/O calls either (snprintf/vsnprintf into buffers are allowed).
io=$(grep -rnE '\b(fopen|fread|fwrite|printf|fprintf|puts|fputs|getenv|open|read|write|malloc|calloc|realloc)\(' "$dir" --include='*.c' | grep -vE 'snprintf|vsnprintf')
if [ -n "$io" ]; then
    echo "lib/rules performs I/O or allocates:" >&2
    echo "$io" >&2
    exit 1
fi
echo "lib/rules: includes and calls are pure"
