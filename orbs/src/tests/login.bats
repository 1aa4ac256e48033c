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
# Stand-in CLI: logs argv and the credential environment; `login` appends a fake line to --export-file.
printf 'argv: %s\n' "$*" >>"$FAKE_CLI_LOG"
printf 'env: secret=%s oidc=%s\n' "${AZURE_CLIENT_SECRET-unset}" "${CIRCLE_OIDC_TOKEN_V2-unset}" >>"$FAKE_CLI_LOG"
args=("$@")
for i in "${!args[@]}"; do
  if [[ ${args[i]} == --certificate ]]; then
    cert=${args[i + 1]}
    printf 'cert: mode=%s\n' "$(stat -c %a "$cert")" >>"$FAKE_CLI_LOG"
    cp "$cert" "$FAKE_CLI_LOG.cert"
  fi
  [[ ${args[i]} == --export-file ]] && export_file=${args[i + 1]}
done
if [[ -n ${FAKE_CLI_FAIL:-} ]]; then
  echo "entra-federate: AADSTS70021: No matching federated identity record found for presented assertion." >&2
  exit 1
fi
[[ $1 == login && -n ${export_file:-} ]] && printf "export AZURE_ACCESS_TOKEN='fake'\n" >>"$export_file"
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

@test "main: one login, the scope list as it is, the shell export to \$BASH_ENV; no token printed" {
  export EF_PARAM_SCOPES=$'https://management.azure.com/.default\nhttps://vault.azure.net/.default'
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  [ "$(grep -c '^argv: ' "$FAKE_CLI_LOG")" -eq 1 ]
  grep -qxF "argv: login --client-id 11111111-2222-4333-8444-555555555555 --tenant-id contoso.onmicrosoft.com --scope https://management.azure.com/.default,https://vault.azure.net/.default --export shell --export-file $BASH_ENV" "$FAKE_CLI_LOG"
  [ "$(cat "$BASH_ENV")" = "export AZURE_ACCESS_TOKEN='fake'" ]
  [[ $output != *fake* && $stderr != *fake* ]]
  ! grep -q 'secret=[^u]' "$FAKE_CLI_LOG"
}

@test "main: no scopes parameter: no --scope (the CLI's default)" {
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  ! grep -q -- '--scope' "$FAKE_CLI_LOG"
}

@test "the script knows no variable names and loops over no scopes: the CLI does that" {
  ! grep -nE 'AZURE_ACCESS_TOKEN_|for .* in .*scope' "$BATS_TEST_DIRNAME/../scripts/login.sh"
}

@test "main: the CLI's failure fails the step with its message; \$BASH_ENV untouched" {
  echo 'export EARLIER=1' >"$BASH_ENV"
  FAKE_CLI_FAIL=1 run --separate-stderr ef_main
  [ "$status" -eq 1 ]
  [[ $stderr == *AADSTS70021* ]]
  [ "$(cat "$BASH_ENV")" = 'export EARLIER=1' ]
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
  [[ $output == *'signing in with the certificate in $ENTRA_FEDERATE_CERTIFICATE'* ]]
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

@test "main: export adds the hand-offs to the same login" {
  export EF_PARAM_EXPORT=env,az
  run --separate-stderr ef_main
  [ "$status" -eq 0 ]
  [ "$(grep -c '^argv: ' "$FAKE_CLI_LOG")" -eq 1 ]
  grep -q "^argv: login --client-id .* --export shell,env,az --export-file $BASH_ENV\$" "$FAKE_CLI_LOG"
}

@test "the script never traces: no set -x, no xtrace" {
  ! grep -nE '^\s*set\s+-[a-z]*x|xtrace' "$BATS_TEST_DIRNAME/../scripts/login.sh"
}
