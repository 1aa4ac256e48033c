# shellcheck shell=sh
# entra-federate installer (POSIX sh: sh, dash, bash, busybox ash). Source it:
#
#   . ./install.sh && eval "$("$ENTRA_FEDERATE" login --export shell)"
#
# It fetches the entra-federate CLI of exactly this installer's release, checks the file's
# SHA-256 against the pin written below for that release BEFORE anything of it runs, and sets
# ENTRA_FEDERATE to the path of the verified CLI. With Node 20 or later on PATH it fetches the npm
# package (entra-federate-VERSION.tgz), otherwise the standalone binary for this OS and CPU
# (entra-federate-linux-x64, -linux-arm64, -darwin-arm64, -windows-x64.exe). Everything goes into
# a new private directory (mktemp -d), removed when the shell exits: nothing is ever run from a
# shared, predictable or earlier directory. A wrong hash stops it with both hashes; nothing runs.
#
# Optional environment:
#   ENTRA_FEDERATE_VERSION        the release to install; an installer verifies its own release only
#   ENTRA_FEDERATE_DOWNLOAD_BASE  a mirror with the release's files (air-gapped runners, tests);
#                                 default: the GitHub release of that version
#   ENTRA_FEDERATE_CACHE_DIR      a directory of yours (owned by you, not group- or world-writable)
#                                 keeping downloads; a cached file is verified like a download
#   ENTRA_FEDERATE_CLI            an entra-federate you installed yourself: used as it is, no download
# Exit status: 0 installed; 1 a download or the verification failed; 2 a setting to change.

# BEGIN PINS (written by scripts/release.mjs from the release's SHA256SUMS; do not edit)
# binaries built with Node v20.20.2
ef_release=0.1.0
ef_pin() {
  case $1 in
    entra-federate-0.1.0.tgz) echo 294ddfb681f3675c2dbe71170df7f263b2efe18e559c9f88a730a73b29e0ff58 ;;
    entra-federate-linux-x64) echo 95d42af1b3dd81b9780a0bd82c6dcbd3e370ceb7f69f9923c1482ee7027241c3 ;;
    *) echo '' ;;
  esac
}
# END PINS
ef_repository=https://github.com/entra-federate/entra-federate

ef_say() { printf 'entra-federate install: %s\n' "$*" >&2; }

# The release file for this machine: the npm package with Node 20+, else the standalone binary.
ef_artifact() {
  if command -v node >/dev/null 2>&1; then
    ef_node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || ef_node_major=0
    if [ "${ef_node_major:-0}" -ge 20 ] 2>/dev/null; then
      echo "entra-federate-$ef_release.tgz"
      return 0
    fi
  fi
  case $(uname -s) in
    Linux) ef_os=linux ;;
    Darwin) ef_os=darwin ;;
    MINGW* | MSYS* | CYGWIN*) ef_os=windows ;;
    *)
      ef_say "no standalone build for $(uname -s); install Node 20 or later and run this again."
      return 2
      ;;
  esac
  case $(uname -m) in
    x86_64 | amd64) ef_arch=x64 ;;
    aarch64 | arm64) ef_arch=arm64 ;;
    *)
      ef_say "no standalone build for $(uname -m) CPUs; install Node 20 or later and run this again."
      return 2
      ;;
  esac
  if [ "$ef_os" = linux ]; then
    for ef_loader in /lib/ld-musl-*; do
      if [ -e "$ef_loader" ]; then
        ef_say "this is a musl system (Alpine): the standalone build needs glibc."
        ef_say "add Node 20 or later (apk add nodejs) and run this again: the npm package is used then."
        return 2
      fi
    done
  fi
  if [ "$ef_os" = windows ]; then echo "entra-federate-$ef_os-$ef_arch.exe"; else echo "entra-federate-$ef_os-$ef_arch"; fi
}

# The SHA-256 of a file, lower-case hex: sha256sum, else shasum -a 256, else openssl.
ef_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    ef_sum=$(sha256sum <"$1") || return 1
  elif command -v shasum >/dev/null 2>&1; then
    ef_sum=$(shasum -a 256 <"$1") || return 1
  elif command -v openssl >/dev/null 2>&1; then
    ef_sum=$(openssl dgst -sha256 <"$1") || return 1
  else
    ef_say "no SHA-256 tool: install coreutils (sha256sum), perl (shasum) or openssl."
    return 2
  fi
  # "HEX  -" (sha256sum, shasum) or "SHA2-256(stdin)= HEX" (openssl).
  printf '%s\n' "$ef_sum" | sed 's/.*= *//; s/ .*//' | tr 'A-F' 'a-f'
}

ef_fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    ef_say "neither curl nor wget is installed: install one of them."
    return 2
  fi
}

# A cache directory is trusted for storage only if this user owns it and no one else can write
# to it; what it holds is still verified before use.
ef_check_cache() {
  if [ -L "$1" ] || [ ! -d "$1" ]; then
    ef_say "ENTRA_FEDERATE_CACHE_DIR=$1 is not a directory (or is a symlink): create it with mkdir -m 700, or unset it."
    return 2
  fi
  # shellcheck disable=SC2046 # split ls's fields on purpose: mode, links, uid
  set -- $(ls -ldn "$1")
  if [ "$3" != "$(id -u)" ]; then
    ef_say "ENTRA_FEDERATE_CACHE_DIR is owned by uid $3, not by you ($(id -u)): use a directory of your own."
    return 2
  fi
  case $1 in
    ?????w* | ????????w*)
      ef_say "ENTRA_FEDERATE_CACHE_DIR is writable by others ($1): chmod go-w it, or use a directory of your own."
      return 2
      ;;
  esac
}

ef_install_steps() {
  ENTRA_FEDERATE=''
  if [ -n "${ENTRA_FEDERATE_CLI:-}" ]; then
    if [ ! -f "$ENTRA_FEDERATE_CLI" ] || [ ! -x "$ENTRA_FEDERATE_CLI" ]; then
      ef_say "ENTRA_FEDERATE_CLI=$ENTRA_FEDERATE_CLI is not an executable file: give the path of an installed entra-federate, or unset it."
      return 2
    fi
    ENTRA_FEDERATE=$ENTRA_FEDERATE_CLI
    ef_say "using ENTRA_FEDERATE_CLI=$ENTRA_FEDERATE_CLI as it is (your own installation: not downloaded, not verified)."
    return 0
  fi
  if [ "${ENTRA_FEDERATE_VERSION:-$ef_release}" != "$ef_release" ]; then
    ef_say "this installer verifies release $ef_release only, not $ENTRA_FEDERATE_VERSION: use the install.sh of release $ENTRA_FEDERATE_VERSION."
    return 2
  fi
  ef_file=$(ef_artifact) || return $?
  ef_want=$(ef_pin "$ef_file")
  if [ -z "$ef_want" ]; then
    ef_say "this installer has no pinned SHA-256 for $ef_file of release $ef_release, so it cannot verify it."
    ef_say "install Node 20 or later (the npm package is pinned), or set ENTRA_FEDERATE_CLI to an entra-federate you installed."
    return 2
  fi
  if [ -n "${ENTRA_FEDERATE_CACHE_DIR:-}" ]; then ef_check_cache "$ENTRA_FEDERATE_CACHE_DIR" || return $?; fi

  ef_dir=$(mktemp -d "${TMPDIR:-/tmp}/entra-federate.XXXXXXXX") || {
    ef_say "mktemp -d failed in ${TMPDIR:-/tmp}: set TMPDIR to a writable directory."
    return 2
  }
  case $ef_dir in *"'"*)
    rmdir "$ef_dir"
    ef_say "TMPDIR contains a quote: set TMPDIR to a plain path."
    return 2
    ;;
  esac
  # shellcheck disable=SC2064 # the path is fixed now: expand it now
  trap "rm -rf -- '$ef_dir'" EXIT
  ef_path=$ef_dir/$ef_file

  ef_got=''
  if [ -n "${ENTRA_FEDERATE_CACHE_DIR:-}" ] && [ -f "$ENTRA_FEDERATE_CACHE_DIR/$ef_file" ]; then
    # Copy first, then verify the copy: the cache cannot change it between check and use.
    if cp "$ENTRA_FEDERATE_CACHE_DIR/$ef_file" "$ef_path" 2>/dev/null; then
      ef_got=$(ef_sha256 "$ef_path") || return $?
      if [ "$ef_got" = "$ef_want" ]; then
        ef_say "using the verified copy in ENTRA_FEDERATE_CACHE_DIR."
      else
        ef_say "ignoring $ENTRA_FEDERATE_CACHE_DIR/$ef_file: its SHA-256 is $ef_got, not the pinned $ef_want."
        rm -f "$ef_path"
        ef_got=''
      fi
    fi
  fi
  if [ -z "$ef_got" ]; then
    ef_base=${ENTRA_FEDERATE_DOWNLOAD_BASE:-$ef_repository/releases/download/v$ef_release/}
    case $ef_base in */) ;; *) ef_base=$ef_base/ ;; esac
    ef_fetch "$ef_base$ef_file" "$ef_path" || {
      [ "$?" -eq 2 ] && return 2
      ef_say "could not download $ef_base$ef_file: check the address (ENTRA_FEDERATE_DOWNLOAD_BASE) and the network."
      return 1
    }
    ef_got=$(ef_sha256 "$ef_path") || return $?
    if [ "$ef_got" != "$ef_want" ]; then
      ef_say "$ef_file from $ef_base does not match the pinned SHA-256; nothing of it was run."
      ef_say "  pinned:     $ef_want"
      ef_say "  downloaded: $ef_got"
      return 1
    fi
    if [ -n "${ENTRA_FEDERATE_CACHE_DIR:-}" ]; then
      { cp "$ef_path" "$ENTRA_FEDERATE_CACHE_DIR/.$ef_file.$$" &&
        mv -f "$ENTRA_FEDERATE_CACHE_DIR/.$ef_file.$$" "$ENTRA_FEDERATE_CACHE_DIR/$ef_file"; } 2>/dev/null ||
        ef_say "could not store $ef_file in ENTRA_FEDERATE_CACHE_DIR (continuing without the cache)."
    fi
  fi

  case $ef_file in
    *.tgz)
      tar -xzf "$ef_path" -C "$ef_dir" || {
        ef_say "could not unpack $ef_file (tar with gzip is needed)."
        return 1
      }
      ENTRA_FEDERATE=$ef_dir/package/dist/cli/index.js
      ;;
    *) ENTRA_FEDERATE=$ef_path ;;
  esac
  chmod 700 "$ENTRA_FEDERATE"
  ef_say "entra-federate $ef_release ($ef_file, SHA-256 verified) is \$ENTRA_FEDERATE=$ENTRA_FEDERATE"
}

ef_install() {
  ef_install_steps
  ef_rc=$?
  if [ "$ef_rc" -ne 0 ] && [ -n "${ef_dir:-}" ]; then rm -rf -- "$ef_dir"; fi
  unset ef_dir ef_file ef_want ef_got ef_path ef_base ef_sum ef_os ef_arch ef_loader ef_node_major
  return "$ef_rc"
}

ef_install
