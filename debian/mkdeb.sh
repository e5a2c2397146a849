#!/bin/sh
# make deb: builds rusdata_VERSION_ARCH.deb in the top folder with the
# Debian tools (dpkg-shlibdeps, dpkg-gencontrol, dpkg-deb) from this
# folder's control, changelog and copyright.  The tools are compiled afresh
# in build/deb/ with Debian's hardening flags (dpkg-buildflags), installed
# under /usr, stripped; man pages and the changelog gzipped as policy asks.
# Then lintian, when installed, must report no error.
#
# The version is RD_VERSION of common/opts.h (what --version prints); the
# build stops when debian/changelog names another one, so the package never
# claims a version its tools do not print.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
version=$(sed -n 's/^#define RD_VERSION "\(.*\)"$/\1/p' common/opts.h)
changelog_version=$(dpkg-parsechangelog -l debian/changelog -S Version)
if [ "$version" != "$changelog_version" ]; then
	echo "make deb: common/opts.h says $version, debian/changelog $changelog_version" >&2
	exit 1
fi
arch=$(dpkg --print-architecture)
work=build/deb
# dpkg-shlibdeps expects the package tree at debian/PACKAGE.
root=debian/rusdata
doc=$root/usr/share/doc/rusdata
rm -rf "$root" "$work/obj" "$work/bin" "$work/substvars" "$work/files" rusdata_*.deb
mkdir -p "$work"

# A tree of its own: the flags differ from a developer build's.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
make -s -j2 BUILD="$work/obj" BIN="$work/bin" OPT= \
    CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
    LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" \
    install DESTDIR="$top/$root" PREFIX=/usr
strip --remove-section=.comment --remove-section=.note --strip-unneeded \
    "$root"/usr/bin/*
gzip -9n "$root"/usr/share/man/man*/*
install -d "$doc"
install -m 644 README.md debian/copyright "$doc"
gzip -9nc debian/changelog >"$doc/changelog.gz"
chmod 644 "$doc/changelog.gz"

# It finds the package tree by its DEBIAN folder.
install -d "$root/DEBIAN"
dpkg-shlibdeps -T"$work/substvars" "$root"/usr/bin/*
(cd "$root" && find usr -type f -exec md5sum {} + | sort -k2) >"$root/DEBIAN/md5sums"
dpkg-gencontrol -prusdata -P"$root" -T"$work/substvars" -f"$work/files"
deb="rusdata_${version}_$arch.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "make deb: built $deb ($(wc -c <"$deb") bytes)"
if command -v lintian >/dev/null 2>&1; then
	lintian --fail-on error "$deb"
	echo "make deb: lintian reports no error"
else
	echo "make deb: lintian is not installed (apt-get install lintian): not checked"
fi
