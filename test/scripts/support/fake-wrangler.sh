#!/usr/bin/env bash
# A stand-in for wrangler in the deploy tests: logs each call to $FAKE_WRANGLER_LOG and keeps the account's
# resources as files under $FAKE_WRANGLER_STATE, answering as wrangler does (codes as the Cloudflare API uses).
echo "$*" >> "$FAKE_WRANGLER_LOG"
state="$FAKE_WRANGLER_STATE"
case "$1 $2" in
  "whoami ") echo "You are logged in as ops@example.com";;
  "d1 list")
    if [ -f "$state/d1-$4" ] || ls "$state"/d1-* >/dev/null 2>&1; then
      printf '['; first=1
      for f in "$state"/d1-*; do [ $first = 1 ] || printf ','; first=0; printf '{"uuid":"%s","name":"%s"}' "$(cat "$f")" "${f##*/d1-}"; done
      printf ']\n'
    else echo '[]'; fi;;
  "d1 create") echo "7a0c2f4e-5b1d-4c3a-9e8f-$(printf '%012d' $RANDOM)" > "$state/d1-$3"; echo "Created $3";;
  "r2 bucket")
    if [ "$3" = info ]; then [ -f "$state/r2-$4" ] || { echo "The specified bucket does not exist. [code: 10006]" >&2; exit 1; }; echo "name: $4"
    else touch "$state/r2-$4"; echo "Created bucket $4"; fi;;
  "queues info") [ -f "$state/queue-$3" ] || { echo "Queue \"$3\" does not exist. [code: 11000]" >&2; exit 1; }; echo "Queue Name: $3";;
  "queues create") touch "$state/queue-$3"; echo "Created queue $3";;
  "secret list") [ -f "$state/worker" ] || { echo "This Worker does not exist on your account. [code: 10007]" >&2; exit 1; }; cat "$state/secrets.json";;
  "d1 migrations") echo "Migrations applied";;
  "deploy --env")
    touch "$state/worker"; cp "$5" "$state/deployed-config.json" 2>/dev/null
    [ -f "$state/secrets.json" ] || echo '[{"name":"ADMIN_BOOTSTRAP_TOKEN","type":"secret_text"},{"name":"APPROVAL_SIGNING_KEY","type":"secret_text"}]' > "$state/secrets.json"
    echo "Deployed control-plane-production";;
  *) echo "fake wrangler: unexpected call: $*" >&2; exit 3;;
esac
