#!/usr/bin/env bats
# Unit tests of the orb's login script (src/scripts/login.sh): its functions, and ef_main with a
# stand-in CLI that records how it was called. test/e2e/orb.test.ts runs the packed command against
# the sandbox with the real CLI.

bats_require_minimum_version 1.5.0

setup() {
  export ENTRA_FEDERATE_ORB_TEST=1
  # shellcheck source=../scripts/login.sh
  source "$BATS_TEST_DIRNAME/../scripts/login.sh"
  export BASH_ENV="$BATS_TEST_TMPDIR/bash_env"
  : >"$BASH_ENV"
  export FAKE_CLI_LOG="$BATS_TEST_TMPDIR/cli.log"
  export ENTRA_FEDERATE_CLI="$BATS_TEST_TMPDIR/fake-cli"
  cat >"$ENTRA_FEDERATE_CLI" <<'CLI'
#!/usr/bin/env bash
# Stand-in CLI: logs argv and the credential environment; `token` prints a fake token per scope.
printf 'argv: %s\n' "$*" >>"$FAKE_CLI_LOG"
printf 'env: secret=%s oidc=%s\n' "${AZURE_CLIENT_SECRET-unset}" "${CIRCLE_OIDC_TOKEN_V2-unset}" >>"$FAKE_CLI_LOG"
args=("$@")
for i in "${!args[@]}"; do
  if [[ ${args[i]} == --certificate ]]; then
    cert=${args[i + 1]}
    printf 'cert: mode=%s\n' "$(stat -c %a "$cert")" >>"$FAKE_CLI_LOG"
    cp "$cert" "$FAKE_CLI_LOG.cert"
  fi
  [[ ${args[i]} == --scope ]] && scope=${args[i + 1]}
done
if [[ -n ${FAKE_CLI_FAIL:-} ]]; then
  echo "entra-federate: AADSTS70021: No matching federated identity record found for presented assertion." >&2
  exit 1
fi
[[ $1 == token ]] && printf "tok'%s\$(id)\n" "$scope"
exit 0
CLI
  chmod +x "$ENTRA_FEDERATE_CLI"
  export EF_PARAM_CLIENT_ID=11111111-2222-4333-8444-555555555555
  export EF_PARAM_TENANT_ID=contoso.onmicrosoft.com
  export EF_PARAM_CERTIFICATE_VAR=ENTRA_FEDERATE_CERTIFICATE
  export EF_PARAM_CLIENT_SECRET_VAR=ENTRA_FEDERATE_CLIENT_SECRET
  unset ENTRA_FEDERATE_CERTIFICATE ENTRA_FEDERATE_CLIENT_SECRET EF_PARAM_SCOPES EF_PARAM_CLI EF_PARAM_EXPORT
  export CIRCLE_OIDC_TOKEN_V2=circle-token
}

@test "scope variables: scheme, /.default and punctuation go; ASCII upper case" {
  [ "$(ef_scope_variable https://vault.azure.net/.default)" = AZURE_ACCESS_TOKEN_VAULT_AZURE_NET ]
  [ "$(ef_scope_variable https://storage.azure.com/)" = AZURE_ACCESS_TOKEN_STORAGE_AZURE_COM ]
  [ "$(ef_scope_variable api://my-api.contoso/.default)" = AZURE_ACCESS_TOKEN_MY_API_CONTOSO ]
  [ "$(ef_scope_variable 499b84ac-1321-427f-aa17-267ca6975798/.default)" = AZURE_ACCESS_TOKEN_499B84AC_1321_427F_AA17_267CA6975798 ]
}

@test "quoting survives a round trip through the shell" {
  local nasty value
  nasty=$'it\'s "quoted" $HOME `id` \\ \n and \'\' more'
  eval "value=$(ef_quote "$nasty")"
  [ "$value" = "$nasty" ]
}

@test "scopes: commas and newlines, blanks and spaces dropped" {
  run ef_split_scopes $' https://a/.default ,\n\nhttps://b/.default,, '
  [ "$status" -eq 0 ]
  [ "$output" = $'https://a/.default\nhttps://b/.default' ]
}

@test "parameters naming a variable are expanded, others kept" {
  export SOME_ID=abc
  [ "$(ef_expand '$SOME_ID')" = abc ]
  [ "$(ef_expand '${SOME_ID}')" = abc ]
  [ "$(ef_expand 'api://AzureADTokenExchange')" = api://AzureADTokenExchange ]
  [ -z "$(ef_expand '$UNSET_VARIABLE_XYZ')" ]
}

@test "a local CLI that does not exist: exit 2 with its path" {
  ENTRA_FEDERATE_CLI=/nonexistent/cli.js run ef_resolve_cli
  [ "$status" -eq 2 ]
  [[ $output == *"/nonexistent/cli.js"*"does not exist"* ]]
}

@test "a .js CLI runs with node; the cli parameter wins over ENTRA_FEDERATE_CLI" {
  touch "$BATS_TEST_TMPDIR/cli.js"
  EF_PARAM_CLI="$BATS_TEST_TMPDIR/cli.js" ef_resolve_cli
  [ "${EF_CLI[*]}" = "node $BATS_TEST_TMPDIR/cli.js" ]
}

@test "no local CLI: the orb's installer runs for EF_VERSION and its \$ENTRA_FEDERATE is the CLI" {
  unset ENTRA_FEDERATE_CLI
  export EF_VERSION=9.8.7
  # A stand-in for the inlined scripts/install.sh: records the version it was asked for.
  export EF_INSTALLER='printf "version=%s\n" "$ENTRA_FEDERATE_VERSION" >>"$FAKE_CLI_LOG"; ENTRA_FEDERATE=/opt/verified/entra-federate'
  ef_resolve_cli
  [ "${EF_CLI[*]}" = /opt/verified/entra-federate ]
  grep -qx 'version=9.8.7' "$FAKE_CLI_LOG"
}

@test "no local CLI and a failing installer: the step fails with the installer's status" {
  unset ENTRA_FEDERATE_CLI
  export EF_VERSION=9.8.7 EF_INSTALLER='echo "entra-federate install: pinned/downloaded differ" >&2; false'
  run --separate-stderr ef_resolve_cli
  [ "$status" -eq 1 ]
  [[ $stderr == *"pinned/downloaded differ"* ]]
}

@test "main: the certificate's cleanup joins the installer's EXIT trap; both run" {
  unset ENTRA_FEDERATE_CLI
  export EF_VERSION=9.8.7 TMPDIR="$BATS_TEST_TMPDIR/tmp"
  mkdir -p "$TMPDIR"
  export ENTRA_FEDERATE_CERTIFICATE=$'-----BEGIN PRIVATE KEY-----\nMIIkey\n-----END PRIVATE KEY-----'
  export EF_INSTALLER="trap 'echo installer-cleanup >>\"\$FAKE_CLI_LOG\"' EXIT; ENTRA_FEDERATE='$BATS_TEST_TMPDIR/fake-cli'"
  run --separate-stderr bash -c 'source "$1"; ef_main' _ "$BATS_TEST_DIRNAME/../scripts/login.sh"
  [ "$status" -eq 0 ]
  grep -q '^cert: mode=600$' "$FAKE_CLI_LOG"
  grep -qx 'installer-cleanup' "$FAKE_CLI_LOG"
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "main: one token per scope to \$BASH_ENV, quoted; nothing printed but names" {
  export EF_PARAM_SCOPES=$'https://management.azure.com/.default\nhttps://vault.azure.net/.default'
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  [[ $output != *"tok'"* && $stderr != *"tok'"* ]]
  [[ $output == *"AZURE_ACCESS_TOKEN_VAULT_AZURE_NET  https://vault.azure.net/.default"* ]]
  (
    # shellcheck disable=SC1090
    source "$BASH_ENV"
    [ "$AZURE_ACCESS_TOKEN" = "tok'https://management.azure.com/.default\$(id)" ]
    [ "$AZURE_ACCESS_TOKEN_VAULT_AZURE_NET" = "tok'https://vault.azure.net/.default\$(id)" ]
    [ "$AZURE_CLIENT_ID" = 11111111-2222-4333-8444-555555555555 ]
    [ "$AZURE_TENANT_ID" = contoso.onmicrosoft.com ]
  )
  grep -q '^argv: token --client-id 11111111-2222-4333-8444-555555555555 --tenant-id contoso.onmicrosoft.com --scope https://vault.azure.net/.default$' "$FAKE_CLI_LOG"
  ! grep -q 'secret=[^u]' "$FAKE_CLI_LOG"
}

@test "main: the CLI's failure fails the step with its message; \$BASH_ENV untouched" {
  echo 'export EARLIER=1' >"$BASH_ENV"
  FAKE_CLI_FAIL=1 run --separate-stderr ef_main
  [ "$status" -eq 1 ]
  [[ $stderr == *AADSTS70021* ]]
  [ "$(cat "$BASH_ENV")" = 'export EARLIER=1' ]
}

@test "main: two scopes with one variable name fail before the CLI runs" {
  export EF_PARAM_SCOPES='https://management.azure.com/.default,https://vault.azure.net/.default,api://vault.azure.net/.default'
  run --separate-stderr ef_main
  [ "$status" -eq 2 ]
  [[ $stderr == *"would both be exported as AZURE_ACCESS_TOKEN_VAULT_AZURE_NET"* ]]
  [ ! -e "$FAKE_CLI_LOG" ]
}

@test "main: an empty client id fails with what to set" {
  EF_PARAM_CLIENT_ID='$AZURE_CLIENT_ID' AZURE_CLIENT_ID='' run --separate-stderr ef_main
  [ "$status" -eq 2 ]
  [[ $stderr == *"client_id is empty"* ]]
}

@test "main: a certificate goes to the CLI as a 0600 file that is gone afterwards" {
  export ENTRA_FEDERATE_CERTIFICATE=$'-----BEGIN PRIVATE KEY-----\nMIIkey\n-----END PRIVATE KEY-----'
  export TMPDIR="$BATS_TEST_TMPDIR/tmp"
  mkdir -p "$TMPDIR"
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  grep -q '^cert: mode=600$' "$FAKE_CLI_LOG"
  [ "$(cat "$FAKE_CLI_LOG.cert")" = "$ENTRA_FEDERATE_CERTIFICATE" ]
  [ -z "$(ls -A "$TMPDIR")" ]
  [[ $output == *'signed in with the certificate in $ENTRA_FEDERATE_CERTIFICATE'* ]]
}

@test "main: a base64-encoded certificate is decoded" {
  export ENTRA_FEDERATE_CERTIFICATE
  ENTRA_FEDERATE_CERTIFICATE=$(printf -- '-----BEGIN CERTIFICATE-----\nMIIcert\n-----END CERTIFICATE-----\n' | base64 -w0)
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  grep -q 'MIIcert' "$FAKE_CLI_LOG.cert"
}

@test "main: a client secret reaches the CLI in its environment, not argv, with the CircleCI token hidden" {
  export ENTRA_FEDERATE_CLIENT_SECRET=s3cr3t-value
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  grep -q '^env: secret=s3cr3t-value oidc=unset$' "$FAKE_CLI_LOG"
  ! grep -q '^argv: .*s3cr3t-value' "$FAKE_CLI_LOG"
  [[ $output != *s3cr3t-value* && $stderr != *s3cr3t-value* ]]
}

@test "main: a certificate and a secret together are refused" {
  export ENTRA_FEDERATE_CERTIFICATE=x ENTRA_FEDERATE_CLIENT_SECRET=y
  run --separate-stderr ef_main
  [ "$status" -eq 2 ]
  [[ $stderr == *"keep one"* ]]
}

@test "main: export runs the CLI's login with the hand-offs, after the tokens" {
  export EF_PARAM_EXPORT=env,az
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  [ "$(grep -c '^argv: ' "$FAKE_CLI_LOG")" -eq 2 ]
  tail -n 2 "$FAKE_CLI_LOG" | grep -q '^argv: login --client-id .* --scope https://management.azure.com/.default --export env,az$'
}

@test "the script never traces: no set -x, no xtrace" {
  ! grep -nE '^\s*set\s+-[a-z]*x|xtrace' "$BATS_TEST_DIRNAME/../scripts/login.sh"
}
