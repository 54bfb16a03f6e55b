#!/bin/sh
# Installs galley into a temporary prefix, builds the example plugin in
# examples/shouting out of tree -- once with pkg-config, once with CMake's
# find_package(galley) -- and runs each build through the installed galley;
# then builds the embedding example (examples/embed) and runs it.
set -eu
build_dir=$1
source_dir=$2
work=$(mktemp -d /tmp/galley-oot-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
prefix=$work/prefix
libdir=$(ls -d "$prefix"/lib* | head -n 1)
export PKG_CONFIG_PATH="$libdir/pkgconfig"
export LD_LIBRARY_PATH="$libdir"

# Sanitizer builds must link the plugin with the same runtime.
extra=""
case "${GALLEY_SANITIZE:-}" in ?*) extra="-fsanitize=$GALLEY_SANITIZE" ;; esac

article=$work/article.txt
printf 'The STORM hit the coast.\n\n"THIS IS TERRIBLE," one resident said.\n' >"$article"
cat >"$work/shouting.json" <<JSON
{"galley": 1, "name": "shouting", "steps": [{"plugin": "shouting"}]}
JSON

check() {
    dir=$1
    out=$("$prefix/bin/galley" run "$work/shouting.json" "$article" --plugin-path "$dir" -f json)
    # one finding, for STORM in the narration; THIS IS TERRIBLE is quoted
    echo "$out" | grep -q '"rule": "shouting"' || { echo "no shouting finding: $out" >&2; exit 1; }
    echo "$out" | grep -q '"shouted_words": 1' || { echo "expected 1 shouted word: $out" >&2; exit 1; }
    "$prefix/bin/galley" plugins info shouting --plugin-path "$dir" | grep -q "Version    1.0.0"
}

# 1. pkg-config
mkdir -p "$work/pc"
cc $extra -shared -fPIC -fvisibility=hidden -Wall -Wextra -Werror $(pkg-config --cflags galley) \
    -o "$work/pc/galley-shouting.so" "$source_dir/examples/shouting/shouting.c" $(pkg-config --libs galley)
check "$work/pc"

# 2. CMake find_package(galley)
cmake -S "$source_dir/examples/shouting" -B "$work/cm" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_FLAGS="$extra -Werror" >/dev/null
cmake --build "$work/cm" >/dev/null
check "$work/cm"

# 3. a program of its own that embeds the library (examples/embed), with the
#    installed plugins and configs
cc $extra -Wall -Wextra -Werror $(pkg-config --cflags galley) \
    -DGALLEY_PLUGINS="\"$(pkg-config --variable=plugindir galley)\"" \
    -o "$work/summary" "$source_dir/examples/embed/summary.c" $(pkg-config --libs galley)
out=$("$work/summary" "$prefix/share/galley/configs/wordcount.json" "$article")
want=$(printf '%s\t2 blocks (0 furniture)\t0 errors\t0 warnings\t0 info' "$article")
[ "$out" = "$want" ] || { echo "embedded run: got '$out', want '$want'" >&2; exit 1; }
: >"$work/empty.txt"
status=0
"$work/summary" "$prefix/share/galley/configs/wordcount.json" "$work/empty.txt" "$article" \
    >"$work/two.out" 2>"$work/two.err" || status=$?
[ "$status" = 3 ] && grep -q "is empty" "$work/two.err" && [ "$(wc -l <"$work/two.out")" = 1 ] ||
    { echo "embedded run with an empty article: status $status" >&2; exit 1; }

# 4. the installed plugins and configs are found without any path
"$prefix/bin/galley" plugins list | grep -q "^wordcount"
"$prefix/bin/galley" check "$prefix/share/galley/configs/wordcount.json" >/dev/null
echo "out-of-tree plugin built with pkg-config and CMake, and run; embedding program built and run"
