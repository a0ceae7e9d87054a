#!/usr/bin/env bash
# Debian packages that build and test the guest (as root, or with sudo):
#   gcc/binutils-riscv64-unknown-elf  firmware, kernel, user programs
#   qemu-system-misc                  qemu-system-riscv64, for test-qemu.sh
#   qemu-user, gcc-riscv64-linux-gnu  optional: the same programs on Linux
#   gdb-multiarch                     optional: debugging the kernel on QEMU
set -euo pipefail
SUDO=$([ "$(id -u)" = 0 ] && echo || echo sudo)
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	make gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf qemu-system-misc \
	qemu-user gcc-riscv64-linux-gnu gdb-multiarch bsdutils
