// SPDX-License-Identifier: MIT
/* fs_struct (fs/fs_struct.c): root and cwd, both "/" in rvlab. */
#include <linux/fs_struct.h>

struct fs_struct init_fs = {
	.users = 1,
	.umask = 0022,
	.root = "/",
	.pwd = "/",
};
