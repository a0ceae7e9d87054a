// SPDX-License-Identifier: MIT
/*
 * The initramfs (init/initramfs.c): a cpio "newc" archive that the
 * bootloader (QEMU's -initrd, or rvlab) placed in memory, as the device
 * tree's /chosen says.  Linux unpacks it into a ramfs; rvlab indexes it
 * and leaves the file data where it is — the files are read-only and
 * exec copies from them.
 *
 * newc: a 110-byte ASCII header ("070701" and 13 eight-digit hex
 * fields), the name, padding to 4 bytes, the data, padding to 4 bytes;
 * the archive ends with the name "TRAILER!!!".
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/of_fdt.h>
#include <asm/page.h>

#define MAX_FILES	32
#define S_IFMT		0170000
#define S_IFREG		0100000

static struct initramfs_file files[MAX_FILES];
static int nr_files;

static unsigned long parse_hex(const char *s)
{
	unsigned long v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];

		v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

int __init populate_rootfs(void)
{
	const char *p, *end;

	if (initrd_end <= initrd_start)
		return -ENOENT;
	p = __va(initrd_start);
	end = __va(initrd_end);
	while (p + 110 <= end && !memcmp(p, "070701", 6)) {
		unsigned long mode = parse_hex(p + 14);
		unsigned long size = parse_hex(p + 54);
		unsigned long namesize = parse_hex(p + 94);
		const char *name = p + 110;
		const char *data = (const char *)ALIGN((unsigned long)name + namesize, 4);

		if (!strcmp(name, "TRAILER!!!"))
			break;
		if ((mode & S_IFMT) == S_IFREG && nr_files < MAX_FILES) {
			while (*name == '/' || (name[0] == '.' && name[1] == '/'))
				name++;
			files[nr_files++] = (struct initramfs_file){ name, mode, data, size };
		}
		p = (const char *)ALIGN((unsigned long)data + size, 4);
	}
	return nr_files ? 0 : -ENOENT;
}

const struct initramfs_file *initramfs_lookup(const char *path)
{
	while (*path == '/')
		path++;
	for (int i = 0; i < nr_files; i++)
		if (!strcmp(files[i].name, path))
			return &files[i];
	return NULL;
}
