#!/bin/sh
# Install the packaged Infra Context Explorer for this user (no Python needed):
#   the app into ~/.local/lib/infra-context-explorer, the command ~/.local/bin/infra-explorer,
#   the application menu entry (opening Turtle, N-Triples, JSON-LD, TriG, RDF/XML, YAML,
#   CSV and XLSX files) and its icons into ~/.local/share.
#
#   ./install.sh              install (again: replaces the installed copy)
#   ./install.sh --uninstall  remove all of it
#   PREFIX=/opt/ice ./install.sh   somewhere else (PREFIX/lib, PREFIX/bin, PREFIX/share)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
dest="$prefix/lib/infra-context-explorer"
entry="$prefix/share/applications/infra-context-explorer.desktop"

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$prefix/share/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$dest" "$entry" "$prefix/bin/infra-explorer"
    find "$prefix/share/icons/hicolor" -name 'infra-context-explorer.*' -delete 2>/dev/null || true
    refresh
    echo "removed Infra Context Explorer from $prefix (its cache folder, ~/.cache/infra-context-explorer, is yours to remove)"
    exit 0
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons"
rm -rf "$dest.new"
cp -R "$here/infra-explorer" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
ln -sf "$dest/infra-explorer" "$prefix/bin/infra-explorer"
sed -e "s|^Exec=infra-explorer|Exec=\"$dest/infra-explorer\"|" \
    -e "s|^TryExec=infra-explorer|TryExec=$dest/infra-explorer|" \
    "$here/share/applications/infra-context-explorer.desktop" > "$entry.new"
mv "$entry.new" "$entry"
cp -R "$here/share/icons/." "$prefix/share/icons/"
refresh
version=$("$dest/infra-explorer" --version | cut -d' ' -f2)
echo "installed Infra Context Explorer $version in $dest"
echo "open it from the application menu, or run: $prefix/bin/infra-explorer"
