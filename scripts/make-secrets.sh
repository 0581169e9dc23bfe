#!/bin/sh
# Create the secret files compose.yaml reads (docs/deploy.md), once. Never commit them.
#   sh scripts/make-secrets.sh [folder]      (default: ./secrets)
# An existing file is kept, so running this again changes nothing.
set -eu
dir="${1:-./secrets}"
# The folder is the lock (only its owner may enter it). Compose mounts each file into the
# containers as it is, and the containers' own users (kohtaanto 10001, postgres 999) must read
# it, so the files themselves are world-readable inside that closed folder.
mkdir -p "$dir"
chmod 700 "$dir"
umask 022
random() { python3 -c "import secrets, sys; print(secrets.token_urlsafe(int(sys.argv[1])))" "$1"; }
keep_or_write() {
  if [ -s "$dir/$1" ]; then echo "kept    $dir/$1"; else printf '%s\n' "$2" > "$dir/$1"; echo "created $dir/$1"; fi
}
keep_or_write secret_key "$(random 50)"
keep_or_write badge_kek "$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
keep_or_write postgres_password "$(random 32)"
keep_or_write database_url "postgres://kohtaanto:$(cat "$dir/postgres_password")@db:5432/kohtaanto"
if [ ! -e "$dir/email_password" ]; then
  : > "$dir/email_password"
  echo "created $dir/email_password (empty: write the SMTP password into it, if your server needs one)"
fi
