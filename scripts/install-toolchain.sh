#!/usr/bin/env bash
# Install Debian's RISC-V cross toolchain, QEMU and gdb-multiarch: what it
# takes to rebuild the committed guest and test images and to run the
# differential tests against QEMU. Users who only run rvlab need none of it.
set -euo pipefail

packages=(
  make
  gcc-riscv64-unknown-elf
  binutils-riscv64-unknown-elf
  picolibc-riscv64-unknown-elf
  qemu-system-misc
  gdb-multiarch
  device-tree-compiler
  # the same MenuOS programs built for Linux, run under qemu-user
  gcc-riscv64-linux-gnu
  qemu-user
  # script(1), for the terminal tests
  bsdutils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-toolchain: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-toolchain: installed ${missing[*]}"
