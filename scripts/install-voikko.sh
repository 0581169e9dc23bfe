#!/usr/bin/env bash
# Install Voikko (Finnish lemmas and compound parts) when possible; otherwise say that
# Kohtaanto falls back to the Snowball stemmer.
set -u
py="${1:-python3}"
have_voikko() { "$py" -c "import libvoikko; libvoikko.Voikko('fi').terminate()" >/dev/null 2>&1; }
if have_voikko; then
  echo "Voikko: available."
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Voikko: installing libvoikko1 and voikko-fi with apt-get…"
  if { apt-get install -y -q libvoikko1 voikko-fi >/dev/null 2>&1 \
       || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libvoikko1 voikko-fi >/dev/null 2>&1; }; } \
     && have_voikko; then
    echo "Voikko: installed."
    exit 0
  fi
fi
echo "Voikko: not available (install the Debian packages libvoikko1 and voikko-fi as root)."
echo "        Finnish text analysis falls back to the Snowball stemmer."
exit 0
