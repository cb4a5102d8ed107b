#!/bin/sh
# Install impack's build and test dependencies on Debian 12 when run as root;
# otherwise print the apt-get line to run.
PKGS="build-essential pkg-config libxml2-dev libxslt1-dev libcmocka-dev libxml2-utils \
      libpango1.0-dev libcairo2-dev librsvg2-dev libgdk-pixbuf-2.0-dev \
      fonts-dejavu-core fonts-liberation2 poppler-utils qpdf"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "Installing:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
    echo "impack needs these Debian packages:$missing"
    echo "Install them with:  sudo apt-get install$missing"
    exit 1
fi
