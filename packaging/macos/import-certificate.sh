#!/usr/bin/env bash
# On a macOS runner: put the Developer ID certificate into a keychain of its own for this
# job, so codesign can use it. Secrets (never committed; set in the repository's settings):
#   MACOS_CERTIFICATE_P12       base64 of the "Developer ID Application" certificate (.p12)
#   MACOS_CERTIFICATE_PASSWORD  its password
#   MACOS_KEYCHAIN_PASSWORD     any strong password for the job's throwaway keychain
set -euo pipefail
: "${MACOS_CERTIFICATE_P12:?}" "${MACOS_CERTIFICATE_PASSWORD:?}" "${MACOS_KEYCHAIN_PASSWORD:?}"
keychain="${RUNNER_TEMP:?}/signing.keychain-db"
certificate="$RUNNER_TEMP/certificate.p12"
printf '%s' "$MACOS_CERTIFICATE_P12" | base64 --decode > "$certificate"
security create-keychain -p "$MACOS_KEYCHAIN_PASSWORD" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$MACOS_KEYCHAIN_PASSWORD" "$keychain"
security import "$certificate" -P "$MACOS_CERTIFICATE_PASSWORD" -A -t cert -f pkcs12 -k "$keychain"
security set-key-partition-list -S apple-tool:,apple: -k "$MACOS_KEYCHAIN_PASSWORD" "$keychain" >/dev/null
# shellcheck disable=SC2046  # the list of keychains is word-split on purpose
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
rm -f "$certificate"
