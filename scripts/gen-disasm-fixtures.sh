#!/usr/bin/env bash
# Record what GNU objdump prints for the committed images, for
# test/disasm.test.ts (which compares src/disasm.ts against it without
# needing the toolchain).
#
#   scripts/gen-disasm-fixtures.sh            write test/fixtures/disasm/NAME.txt for every image
#   scripts/gen-disasm-fixtures.sh IMAGE      print IMAGE's fixture on stdout
#   scripts/gen-disasm-fixtures.sh --blob FILE ADDR [OBJDUMP-OPTION...]
#                                             print the fixture of FILE's raw bytes disassembled
#                                             as rv64imac_zicsr_zifencei code at ADDR (live tests)
#
# Fixture format (text, one instruction a line, in objdump's order):
#   # objdump -d PATH / GNU objdump (VERSION)     header
#   @ADDR                                          the address of the next line (hex), given only
#                                                  where it is not the previous line's address plus
#                                                  its length (section starts, zero runs objdump skipped)
#   HEX<TAB>TEXT                                   the bytes as objdump shows them (a 16- or 32-bit
#                                                  little-endian value) and objdump's text, verbatim
# Running it twice gives identical files. Needs binutils-riscv64-unknown-elf.
set -euo pipefail
cd "$(dirname "$0")/.."

OBJDUMP=${OBJDUMP:-riscv64-unknown-elf-objdump}
PREFIX=${OBJDUMP%objdump}

fixture() { # fixture PATH-AS-PRINTED OBJDUMP-ARGS...
  local name=$1; shift
  local version
  version=$("$OBJDUMP" --version | head -n 1)
  printf '# objdump -d %s / %s\n' "$name" "$version"
  LC_ALL=C "$OBJDUMP" "$@" | LC_ALL=C awk -F'\t' '
    function hexval(s,   i, c, v) {
      v = 0
      for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
      return v
    }
    /^ *[0-9a-f]+:\t/ {
      addr = $1; sub(/^ +/, "", addr); sub(/:$/, "", addr)
      hex = $2; gsub(/ /, "", hex)
      text = $3
      for (i = 4; i <= NF; i++) text = text "\t" $i
      # Addresses are compared as text: hex digits, no leading zeros.
      a = addr; sub(/^0+/, "", a); if (a == "") a = "0"
      if (a != expect) print "@" a
      print hex "\t" text
      # The next expected address: this one plus the length (2 or 4 bytes,
      # or 1..8 for data), computed in hex on the low 8 digits with carry.
      len = length(hex) / 2
      expect = addhex(a, len)
      next
    }
    function addhex(a, n,   lo, hi, v, s, w) {
      w = length(a)
      if (w > 8) { hi = substr(a, 1, w - 8); lo = substr(a, w - 7) } else { hi = ""; lo = a }
      v = hexval(lo) + n
      if (v >= 4294967296) { v -= 4294967296; hi = inchex(hi) }
      s = sprintf("%x", v)
      if (hi != "") { while (length(s) < 8) s = "0" s; s = hi s }
      return s
    }
    function inchex(h,   i, c, d, out) {
      if (h == "") return "1"
      out = ""
      for (i = length(h); i >= 1; i--) {
        d = index("0123456789abcdef", substr(h, i, 1))   # digit + 1
        if (d < 16) return substr(h, 1, i - 1) substr("0123456789abcdef", d + 1, 1) out
        out = "0" out
      }
      return "1" out
    }
  '
}

blob() { # blob FILE ADDR [OPTION...]: raw bytes as the .text of an ELF built for the hart's ISA
  local file=$1 addr=$2 d
  shift 2
  d=$(mktemp -d)
  trap 'rm -rf "$d"' RETURN
  printf '.globl _start\n_start:\nnop\n' > "$d/t.s"
  "${PREFIX}as" -march=rv64imac_zicsr_zifencei -o "$d/t.o" "$d/t.s"
  "${PREFIX}objcopy" --update-section .text="$file" "$d/t.o" "$d/t2.o"
  "${PREFIX}ld" -Ttext="$addr" -o "$d/t.elf" "$d/t2.o"
  # Keep only _start and __global_pointer$, so that symbolization is predictable.
  "${PREFIX}objcopy" -N __SDATA_BEGIN__ -N __BSS_END__ -N __bss_start -N __DATA_BEGIN__ \
    -N _edata -N _end "$d/t.elf"
  printf '# gp %s\n' "$("${PREFIX}nm" "$d/t.elf" | awk '$3 == "__global_pointer$" { print $1 }')"
  fixture "$file" -d -z "$@" "$d/t.elf"
}

IMAGES=(test/bin/*.elf guest/images/kernel.elf guest/images/firmware.elf)

case "${1:-}" in
  --blob) shift; blob "$@" ;;
  "")
    mkdir -p test/fixtures/disasm
    for img in "${IMAGES[@]}"; do
      out=test/fixtures/disasm/$(basename "$img" .elf).txt
      fixture "$img" -d "$img" > "$out.tmp"
      mv "$out.tmp" "$out"
      echo "$out: $(grep -vc '^[#@]' "$out") lines" >&2
    done
    ;;
  *) fixture "$1" -d "$1" ;;
esac
