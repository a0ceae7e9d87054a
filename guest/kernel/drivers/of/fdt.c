// SPDX-License-Identifier: MIT
/*
 * Reading the flattened device tree the firmware passes in a1
 * (drivers/of/fdt.c, reduced): the memory node's reg, and /chosen's
 * bootargs and linux,initrd-start/-end.  The blob is big-endian.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/of_fdt.h>

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

unsigned long memory_base, memory_size;
unsigned long initrd_start, initrd_end;
unsigned long dtb_size;
char boot_command_line[256];

static u32 be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

/* A 1- or 2-cell number. */
static unsigned long read_cells(const u8 *p, int cells)
{
	return cells == 2 ? (unsigned long)be32(p) << 32 | be32(p + 4) : be32(p);
}

static void scan_prop(int depth, const char *node, const char *name,
		      const u8 *val, u32 len)
{
	if (depth == 2 && !strncmp(node, "memory", 6) && !strcmp(name, "reg") &&
	    len >= 16 && !memory_size) {
		/* the root has #address-cells = #size-cells = 2 on this board */
		memory_base = read_cells(val, 2);
		memory_size = read_cells(val + 8, 2);
	} else if (depth == 2 && !strcmp(node, "chosen")) {
		if (!strcmp(name, "bootargs"))
			strscpy(boot_command_line, (const char *)val,
				min_t(size_t, len + 1, sizeof(boot_command_line)));
		else if (!strcmp(name, "linux,initrd-start"))
			initrd_start = read_cells(val, len == 8 ? 2 : 1);
		else if (!strcmp(name, "linux,initrd-end"))
			initrd_end = read_cells(val, len == 8 ? 2 : 1);
	}
}

bool __init early_init_dt_scan(void *dtb)
{
	const u8 *blob = dtb;
	const u8 *p, *strings;
	const char *node = "";
	int depth = 0;

	if (be32(blob) != FDT_MAGIC)
		return false;
	dtb_size = be32(blob + 4);
	p = blob + be32(blob + 8);		/* off_dt_struct */
	strings = blob + be32(blob + 12);	/* off_dt_strings */

	for (;;) {
		u32 tag = be32(p);

		p += 4;
		if (tag == FDT_BEGIN_NODE) {
			node = (const char *)p;
			depth++;
			p += ALIGN(strlen(node) + 1, 4);
		} else if (tag == FDT_END_NODE) {
			depth--;
		} else if (tag == FDT_PROP) {
			u32 len = be32(p), nameoff = be32(p + 4);

			scan_prop(depth, node, (const char *)strings + nameoff, p + 8, len);
			p += 8 + ALIGN(len, 4);
		} else if (tag == FDT_END) {
			break;
		} else if (tag != FDT_NOP) {
			return false;
		}
	}
	return memory_size != 0;
}
