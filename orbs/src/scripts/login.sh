#!/usr/bin/env bash
# The orb's `login` command: installs the verified entra-federate CLI of this orb's release, then
# `entra-federate login --export shell --export-file "$BASH_ENV"`: the CLI exchanges this job's
# CircleCI OIDC token (or a certificate or a client secret, when the step names one) for
# Microsoft Entra ID access tokens and appends the `export` lines (its own variable names) to
# $BASH_ENV, which CircleCI sources before each later step. Tokens go there and nowhere else:
# never echoed, never in argv, and no `set -x` anywhere. Parameters arrive as EF_PARAM_*
# variables (see commands/login.yml).

# Expands a parameter that names a variable ("$AZURE_CLIENT_ID", "${AZURE_CLIENT_ID}"), as
# CircleCI leaves such values unexpanded; anything else containing "$" goes through
# `circleci env subst` when it exists.
ef_expand() {
  local value=$1
  if [[ $value =~ ^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$ ]]; then
    printf '%s' "${!BASH_REMATCH[1]-}"
  elif [[ $value == *'$'* ]] && command -v circleci >/dev/null 2>&1; then
    printf '%s' "$value" | circleci env subst
  else
    printf '%s' "$value"
  fi
}

ef_fail() {
  printf 'entra-federate orb: %s\n' "$1" >&2
  exit "${2:-2}"
}

# Sets EF_CLI to the command that runs the CLI: a local one (the `cli` parameter or
# ENTRA_FEDERATE_CLI, for tests and air-gapped runners), else exactly the orb's own release,
# installed by the orb's copy of scripts/install.sh (EF_INSTALLER, inlined by the orb): it fetches
# the release file into a new private directory, verifies its pinned SHA-256 before anything of it
# runs, sets ENTRA_FEDERATE, and removes the directory when this step's shell exits.
ef_resolve_cli() {
  local local_cli=${EF_PARAM_CLI:-${ENTRA_FEDERATE_CLI:-}}
  if [[ -n $local_cli ]]; then
    [[ -f $local_cli ]] || ef_fail "the CLI at '$local_cli' (cli parameter or ENTRA_FEDERATE_CLI) does not exist."
    if [[ $local_cli == *.js || $local_cli == *.mjs ]]; then EF_CLI=(node "$local_cli"); else EF_CLI=("$local_cli"); fi
    return 0
  fi
  [[ -n ${EF_INSTALLER:-} ]] || ef_fail "the orb's installer is missing (EF_INSTALLER): use the packed orb." 1
  # shellcheck disable=SC2034 # read by the installer
  ENTRA_FEDERATE_VERSION=${EF_VERSION:?the orb sets EF_VERSION}
  eval "$EF_INSTALLER" || exit $?
  # The installer's EXIT trap removes its directory; later cleanups join it (ef_on_exit).
  local -a installer_trap
  eval "installer_trap=($(trap -p EXIT))"
  EF_CLEANUP=${installer_trap[2]-}
  EF_CLI=("$ENTRA_FEDERATE")
}

# Adds a command to this step's EXIT trap, keeping the installer's.
ef_on_exit() {
  EF_CLEANUP="$1${EF_CLEANUP:+; $EF_CLEANUP}"
  # shellcheck disable=SC2064 # the command is complete now: expand it now
  trap "$EF_CLEANUP" EXIT
}

# Runs the CLI with the step's credential. A certificate or secret is handed over in the
# environment of a subshell (never argv); with a secret, the CircleCI token variables are hidden
# so that the CLI does not prefer them (it prefers a ready CI token over AZURE_CLIENT_SECRET).
ef_run_cli() {
  (
    if [[ -n ${EF_SECRET:-} ]]; then
      unset CIRCLE_OIDC_TOKEN CIRCLE_OIDC_TOKEN_V2
      export AZURE_CLIENT_SECRET=$EF_SECRET
    fi
    unset EF_SECRET
    "${EF_CLI[@]}" "$@"
  )
}

ef_main() {
  set -euo pipefail
  local client_id tenant_id scopes_raw audience cloud authority_host policy audit_log export_list
  client_id=$(ef_expand "${EF_PARAM_CLIENT_ID:-}")
  tenant_id=$(ef_expand "${EF_PARAM_TENANT_ID:-}")
  scopes_raw=$(ef_expand "${EF_PARAM_SCOPES:-}")
  audience=$(ef_expand "${EF_PARAM_AUDIENCE:-}")
  cloud=$(ef_expand "${EF_PARAM_CLOUD:-}")
  authority_host=$(ef_expand "${EF_PARAM_AUTHORITY_HOST:-}")
  policy=$(ef_expand "${EF_PARAM_POLICY:-}")
  audit_log=$(ef_expand "${EF_PARAM_AUDIT_LOG:-}")
  export_list=$(ef_expand "${EF_PARAM_EXPORT:-}")
  [[ -n $client_id ]] || ef_fail "client_id is empty: set the client_id parameter, or the AZURE_CLIENT_ID variable in a context or the project settings."
  [[ -n $tenant_id ]] || ef_fail "tenant_id is empty: set the tenant_id parameter, or the AZURE_TENANT_ID variable in a context or the project settings."
  [[ -n ${BASH_ENV:-} ]] || ef_fail "BASH_ENV is not set: run this command in a CircleCI job."

  # The CLI names the variables, reads the scope list and refuses two scopes with one name.
  local -a args=(--client-id "$client_id" --tenant-id "$tenant_id")
  # The parameter may be newline-separated; the CLI's --scope takes a comma-separated list.
  [[ -z $scopes_raw ]] || args+=(--scope "${scopes_raw//$'\n'/,}")
  [[ -z $audience ]] || args+=(--audience "$audience")
  [[ -z $cloud ]] || args+=(--cloud "$cloud")
  [[ -z $authority_host ]] || args+=(--authority-host "$authority_host")
  [[ -z $policy ]] || args+=(--policy "$policy")
  [[ -z $audit_log ]] || args+=(--audit-log "$audit_log")

  # Credentials named by env_var_name parameters: opt-in, for when CircleCI's OIDC token cannot
  # be matched (its subject holds the triggering user; an app takes at most 20 FICs).
  local certificate_var=${EF_PARAM_CERTIFICATE_VAR:-} secret_var=${EF_PARAM_CLIENT_SECRET_VAR:-}
  local certificate='' credential='the CircleCI OIDC token'
  EF_SECRET=''
  [[ -z $certificate_var ]] || certificate=${!certificate_var-}
  [[ -z $secret_var ]] || EF_SECRET=${!secret_var-}
  if [[ -n $certificate && -n $EF_SECRET ]]; then
    ef_fail "both \$$certificate_var (certificate) and \$$secret_var (client_secret) are set; keep one."
  fi
  # The CLI first: the installer sets the EXIT trap that the certificate's cleanup joins.
  ef_resolve_cli

  local cert_file=''
  if [[ -n $certificate ]]; then
    cert_file=$(umask 077 && mktemp "${TMPDIR:-/tmp}/entra-federate-cert.XXXXXXXX")
    ef_on_exit "rm -f '$cert_file'"
    if [[ $certificate == *'-----BEGIN '* ]]; then
      printf '%s\n' "$certificate" >"$cert_file"
    else
      printf '%s' "$certificate" | base64 -d >"$cert_file" 2>/dev/null \
        || ef_fail "\$$certificate_var holds neither a PEM nor a base64-encoded PEM."
    fi
    args+=(--certificate "$cert_file")
    credential="the certificate in \$$certificate_var"
  elif [[ -n $EF_SECRET ]]; then
    credential="the client secret in \$$secret_var"
  fi

  printf 'entra-federate: signing in with %s\n' "$credential"
  # One login: the shell export and the hand-offs named by `export`, all to $BASH_ENV.
  ef_run_cli login "${args[@]}" --export "shell${export_list:+,$export_list}" --export-file "$BASH_ENV" || exit $?
}

# Sourced by the bats tests for its functions; run by CircleCI.
if [[ ${ENTRA_FEDERATE_ORB_TEST:-} != 1 ]]; then
  ef_main "$@"
fi
