#!/usr/bin/env bash
# Build the guest system (firmware, kernel, initramfs) and the bare-metal
# benchmark (guest/bench) into guest/images/.
# Works from any directory (npm run build:guest runs it from the repo root).
# The images are committed; building twice gives byte-identical files.
#
#   scripts/build-guest.sh           build and install guest/images/*
#   scripts/build-guest.sh --check   build into guest/build and compare with
#                                    the committed images (for CI)
#   scripts/build-guest.sh --linux   also build the user programs for Linux
#                                    (riscv64-linux-gnu-gcc) into guest/build/user-linux
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GUEST="$ROOT/guest"
BUILD="$GUEST/build"
IMAGES="$GUEST/images"
CHECK=0
LINUX=0
for arg in "$@"; do
	case "$arg" in
	--check) CHECK=1 ;;
	--linux) LINUX=1 ;;
	*) echo "usage: $0 [--check] [--linux]" >&2; exit 2 ;;
	esac
done

for tool in riscv64-unknown-elf-gcc riscv64-unknown-elf-objcopy node make; do
	command -v "$tool" >/dev/null || {
		echo "build-guest: $tool not found (apt-get install gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf make nodejs)" >&2
		exit 1
	}
done

# Reproducibility: no locale, time zone or parallelism effects on the output.
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0
JOBS="-j$(nproc 2>/dev/null || echo 2)"

make -s -C "$GUEST/firmware" $JOBS --no-print-directory O="$BUILD/firmware"
make -s -C "$GUEST/kernel" $JOBS --no-print-directory O="$BUILD/kernel"
make -s -C "$GUEST/user" $JOBS --no-print-directory O="$BUILD/user"
make -s -C "$GUEST/bench" $JOBS --no-print-directory O="$BUILD/bench"

# The initramfs carries stripped programs: symbols stay in guest/build.
STRIP="$BUILD/initramfs"
mkdir -p "$STRIP/bin"
for prog in init bin/crash bin/hello bin/bench; do
	riscv64-unknown-elf-objcopy --strip-all "$BUILD/user/$prog" "$STRIP/$prog"
done
node "$GUEST/tools/mkinitramfs.mjs" "$BUILD/initramfs.cpio" \
	init="$STRIP/init" bin/crash="$STRIP/bin/crash" bin/hello="$STRIP/bin/hello" \
	bin/bench="$STRIP/bin/bench"

if [ "$LINUX" = 1 ]; then
	if command -v riscv64-linux-gnu-gcc >/dev/null; then
		make -s -C "$GUEST/user" $JOBS --no-print-directory O="$BUILD/user-linux" \
			CROSS_COMPILE=riscv64-linux-gnu-
	else
		echo "build-guest: riscv64-linux-gnu-gcc not installed: skipping the Linux build" >&2
	fi
fi

# The user programs with their symbols, for the debugger (the initramfs has them stripped).
OUTPUTS=(
	"$BUILD/firmware/firmware.elf:firmware.elf"
	"$BUILD/kernel/kernel.elf:kernel.elf"
	"$BUILD/kernel/kernel-offsets.json:kernel-offsets.json"
	"$BUILD/initramfs.cpio:initramfs.cpio"
	"$BUILD/user/init:user/init.elf"
	"$BUILD/user/bin/crash:user/crash.elf"
	"$BUILD/user/bin/hello:user/hello.elf"
	"$BUILD/user/bin/bench:user/bench.elf"
	"$BUILD/bench/bench.elf:bench.elf"
)

if [ "$CHECK" = 1 ]; then
	status=0
	for pair in "${OUTPUTS[@]}"; do
		src="${pair%%:*}" name="${pair##*:}"
		if ! cmp -s "$src" "$IMAGES/$name"; then
			echo "build-guest: guest/images/$name differs from a fresh build" >&2
			status=1
		fi
	done
	[ "$status" = 0 ] && echo "build-guest: guest/images match the sources"
	exit "$status"
fi

mkdir -p "$IMAGES/user"
for pair in "${OUTPUTS[@]}"; do
	src="${pair%%:*}" name="${pair##*:}"
	cp "$src" "$IMAGES/$name"
done
(cd "$IMAGES" && sha256sum firmware.elf kernel.elf initramfs.cpio kernel-offsets.json bench.elf)
